"""Small Markdown building blocks shared by the page generators.

Values from front-matter are always escaped: content never injects markup.
"""

from __future__ import annotations

import html
import re

import yaml

from .. import urls
from ..model.content import Site, in_series_order
from .fragments import IGNORE  # listings are indexed on their own pages, not here

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def text(value: object) -> str:
    """Escape a plain-text value for use inside Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=False))


def attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def front_matter(title: str, description: str = "", extra: dict | None = None) -> str:
    """Page metadata. Themes print it into HTML unescaped, so it is escaped here.

    ``extra`` holds further keys for the theme, e.g. ``SEARCH_EXCLUDE`` or ``hide``.
    """
    meta = {"title": attr(title)}
    if description:
        meta["description"] = attr(description)
    meta.update(extra or {})
    # Generated pages carry contributor text: never a template, whatever mkdocs-macros is
    # configured to do (render_macros: false takes precedence over everything there).
    meta["render_macros"] = False
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


# libyaml's emitter where PyYAML has it: the same text, nine times faster (a front-matter
# per generated page: 2.6 s of a cold build at 10,000 practices with the Python one).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


# Front-matter of pages that only list other pages: kept out of the search index
# (docs/overrides/main.html then leaves out data-pagefind-body).
SEARCH_EXCLUDE = {"search": {"exclude": True}}


def term_labels(site: Site, taxonomy_key: str, term_ids: tuple[str, ...]) -> str:
    taxonomy = site.vocabulary[taxonomy_key]
    return ", ".join(taxonomy.get(term_id).label for term_id in term_ids)


def lead(value: str) -> str:
    return f"{text(value)}\n{{ .sam-lead }}\n"


def series_label(cahier) -> str:
    """'Cahier 3 · 2025', or 'Cahier 3' while the year is not known: never a guess."""
    return f"Cahier {cahier.number}" + (f" · {cahier.year}" if cahier.year else "")


def cahier_list(cahiers) -> str:
    """The cahiers in series order: number, title (link), year, summary."""
    items = [
        f"- [{text(c.title)}]({urls.link(urls.cahier(c.slug))}) "
        f"<span class=\"sam-meta\">{text(series_label(c))}{'' if c.published else ' · in voorbereiding'}</span><br>\n  {text(c.summary)}"
        for c in in_series_order(cahiers)
    ]
    return f'<div class="sam-list" {IGNORE} markdown>\n\n' + "\n".join(items) + "\n\n</div>\n"
