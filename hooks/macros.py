"""mkdocs-macros module: helpers for the team's own pages in ``docs/``.

Only pages that set ``render_macros: true`` are rendered; contributor content
(cahiers, praktijken) never is.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402
from samsite import urls  # noqa: E402
from samsite.build import pipeline  # noqa: E402
from samsite.model.content import in_series_order  # noqa: E402
from samsite.model.schema import CAHIER_TAXONOMY  # noqa: E402
from samsite.model.vocabulary import join_words  # noqa: E402
from samsite.pages.fragments import practice_list, resolve_links  # noqa: E402
from samsite.pages.markdown import cahier_list, text  # noqa: E402


def define_env(env):
    root = Path(env.conf.config_file_path).resolve().parent

    loaded = []

    def site():
        """The content model, loaded once per build (define_env runs on every build)."""
        if not loaded:
            loaded.append(pipeline.load(root))
        return loaded[0]

    @env.macro
    def aantal(soort: str) -> int:
        """Number of practices, cahiers or terms of a taxonomy ('praktijken', 'cahiers', 'strategy'...)."""
        current = site()
        if soort == "praktijken":
            return len(current.practices)
        if soort == "cahiers":
            return len(current.cahiers)
        return len(current.vocabulary[soort].terms)

    @env.macro
    def strategie_tegels() -> str:
        """One tile per term of the list the cahiers are organised by (the strategies): label,
        description and number of practices."""
        current = site()
        taxonomy = current.vocabulary[CAHIER_TAXONOMY]
        items = []
        for term in taxonomy.terms:
            count = len(current.practices_with(taxonomy.key, term.id))
            items.append(f"-   [**{text(term.label)}**]({urls.link(urls.term(taxonomy, term.id))})\n\n"
                         f"    {text(term.description)}\n\n    <span class=\"sam-meta\">{count} praktijken</span>")
        # A blank line between the items: with a single newline, Markdown continues the
        # last paragraph of a tile ("8 praktijken") with the next item as lazy text.
        return '<div class="grid cards sam-tiles" data-pagefind-ignore="all" markdown>\n\n' + "\n\n".join(items) + "\n\n</div>\n"

    @env.macro
    def recente_praktijken(aantal: int = 5) -> str:
        """The most recently added practices (git history; without it by year, then title)."""
        current = site()
        recent = current.newest_practices(current.practices)[:aantal]
        return linked(practice_list(current, recent))

    def linked(fragment: str) -> str:
        """An HTML fragment (pages/fragments.py) with its source links made relative to the
        page the macro is on. Raw HTML in Markdown is passed through as it is, so MkDocs does
        not resolve these links itself; ``files`` is what mkdocs-macros captures in on_nav."""
        files, page = env.variables["files"], env.page

        def resolve(uri: str) -> str | None:
            target = files.get_file_from_path(uri)
            return None if target is None else get_relative_url(target.url, page.file.url)

        def missing(uri: str) -> None:
            raise PluginError(f"{page.file.src_uri}: link naar '{uri}', maar die pagina bestaat niet")

        return resolve_links(fragment, resolve, missing)

    @env.macro
    def cahiertitels() -> str:
        """The titles of the cahiers online, quoted and escaped for Markdown ('A', 'B' en 'C'),
        in series order: a team page says what is there without naming a cahier by hand."""
        cahiers = in_series_order(site().cahiers)
        return join_words([f"'{text(cahier.title)}'" for cahier in cahiers])

    @env.macro
    def cahierreeks() -> str:
        return cahier_list(site().cahiers)
