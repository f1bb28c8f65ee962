"""Ready-made HTML for the repetitive parts of generated pages, filled in after Markdown.

A generated page's Markdown holds only a placeholder (``<!-- sam:related -->``) where a
listing, the facts card or the search data go; the HTML itself travels with the page
(``GeneratedPage.fragments``) and the site generator puts it in place after converting
the Markdown (``fill``). Two names need no placeholder: ``TOP`` goes before the page's
HTML and ``BOTTOM`` after it, so the Markdown of a practice holds no HTML at all (raw
HTML, even a comment, makes Python-Markdown and MkDocs run their HTML parsers over the
whole page). Why: these parts are the bulk of a large site (every practice
appears in half a dozen listings) and Python-Markdown with ``md_in_html`` spends several
milliseconds on each such block, which made the build several times slower than a
plain Material build. HTML built here is escaped here.

Links are written as ``href="/praktijken/x.md"`` (a source file, like generated
Markdown links); ``fill`` turns them into page-relative URLs with the generator's own
resolver, and reports a link to a page that does not exist.
"""

from __future__ import annotations

import html
import re
from typing import Callable

from .. import urls
from ..model.content import Practice, Site
from ..model.dates import Dates, day, iso_day

IGNORE = 'data-pagefind-ignore="all"'  # listings: indexed on their own pages, not here
TOP, BOTTOM = "top", "bottom"  # fragments put before and after the page's HTML

_PLACEHOLDER = re.compile(r"<!-- sam:([a-z0-9-]+) -->")
_SOURCE_LINK = re.compile(r'href="/([^"#]+\.md)(#[^"]*)?"')


def placeholder(name: str) -> str:
    """The Markdown line a fragment replaces (an HTML comment survives Markdown as is)."""
    return f"<!-- sam:{name} -->\n"


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def link(uri: str, label: str) -> str:
    return f'<a href="{esc(urls.link(uri))}">{esc(label)}</a>'


def term_links(site: Site, taxonomy_key: str, term_ids: tuple[str, ...]) -> str:
    taxonomy = site.vocabulary[taxonomy_key]
    return ", ".join(link(urls.term(taxonomy, term_id), taxonomy.get(term_id).label) for term_id in term_ids)


def title(value: str) -> str:
    return f"<h1>{esc(value)}</h1>"


def lead(value: str) -> str:
    """The introduction under a page's title."""
    return f'<p class="sam-lead">{esc(value)}</p>'


def facts(rows: list[tuple[str, str]]) -> str:
    """The metadata card: a definition list; values are ready-made HTML, empty ones are left out.

    Not indexed for search: its labels and values would be glued into the excerpts
    ("RegioGentStrategie…"). Search shows them as filters and in each result's meta line.
    """
    items = "\n".join(f"<dt>{esc(label)}</dt>\n<dd>{value}</dd>" for label, value in rows if value)
    return f'<div class="sam-facts" {IGNORE}>\n<dl>\n{items}\n</dl>\n</div>'


def dates(found: Dates | None) -> str:
    """'Toegevoegd op … · bijgewerkt op …' from the git history; nothing if it is unknown."""
    if found is None:
        return ""
    def when(moment) -> str:
        return f'<time datetime="{iso_day(moment)}">{day(moment)}</time>'
    line = f"Toegevoegd op {when(found.added)}"
    if day(found.changed) != day(found.added):
        line += f" · bijgewerkt op {when(found.changed)}"
    return f'<p class="sam-dates" {IGNORE}>{line}</p>'


# The taxonomy whose terms a list of practices shows after the organisation (one line, short labels).
LIST_TAXONOMY = "level"


def list_meta(site: Site, practice: Practice) -> str:
    """'Organisation · Lokaal, Vlaams': the line under a practice's title in every list."""
    if LIST_TAXONOMY not in site.vocabulary:
        return practice.organisation
    taxonomy = site.vocabulary[LIST_TAXONOMY]
    return f"{practice.organisation} · " + ", ".join(taxonomy.get(t).label for t in practice.terms(LIST_TAXONOMY))


def practice_list(site: Site, practices: list[Practice]) -> str:
    """A light, accessible list: title (link), organisation and level, summary.

    The one list of practices: generated pages get it through ``fill``, the team's pages
    through the ``recente_praktijken`` macro (hooks/macros.py resolves its links)."""
    if not practices:
        return "<p><em>Nog geen praktijken.</em></p>"
    items = []
    for practice in practices:
        meta = list_meta(site, practice)
        items.append(f'<li>{link(urls.practice(practice.slug), practice.title)}'
                     f' <span class="sam-meta">{esc(meta)}</span><br>\n{esc(practice.summary)}</li>')
    return f'<div class="sam-list" {IGNORE}>\n<ul>\n' + "\n".join(items) + "\n</ul>\n</div>"


def resolve_links(fragment: str, resolve: Callable[[str], str | None], missing: Callable[[str], None]) -> str:
    """Turn the source links of a fragment (``href="/praktijken/x.md"``) into the URLs
    ``resolve`` gives; ``missing(uri)`` is told about a link to a page that does not exist."""
    def replace(match: re.Match) -> str:
        url = resolve(match.group(1))
        if url is None:
            missing(match.group(1))
            return match.group(0)
        return f'href="{esc(url)}{match.group(2) or ""}"'
    return _SOURCE_LINK.sub(replace, fragment)


def fill(page_html: str, fragments: dict[str, str], resolve: Callable[[str], str | None],
         missing: Callable[[str], None]) -> str:
    """Put each fragment in place of its placeholder and resolve its source links.

    ``resolve(uri)`` gives the URL of a source file relative to the current page, or
    None if there is no such page; ``missing(uri)`` is then told about it.
    """
    def resolved(fragment: str) -> str:
        return resolve_links(fragment, resolve, missing)

    def insert(match: re.Match) -> str:
        fragment = fragments.get(match.group(1))
        return match.group(0) if fragment is None else resolved(fragment)

    filled = _PLACEHOLDER.sub(insert, page_html)
    top, bottom = fragments.get(TOP), fragments.get(BOTTOM)
    return "".join((resolved(top) + "\n" if top else "", filled, "\n" + resolved(bottom) if bottom else ""))
