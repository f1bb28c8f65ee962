"""mkdocs-macros module: helpers for the team's own pages in ``docs/``.

Only pages that set ``render_macros: true`` are rendered; contributor content
(cahiers, praktijken) never is.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))

from samsite import build  # noqa: E402
from samsite.pages.markdown import cahier_list, practice_list, text  # noqa: E402
from samsite import urls  # noqa: E402


def define_env(env):
    root = Path(env.conf.config_file_path).resolve().parent

    loaded = []

    def site():
        """The content model, loaded once per build (define_env runs on every build)."""
        if not loaded:
            loaded.append(build.load(root))
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
        """One tile per strategy: label, description and number of practices."""
        current = site()
        taxonomy = current.vocabulary["strategy"]
        items = []
        for term in taxonomy.terms:
            count = len(current.practices_with("strategy", term.id))
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
        return practice_list(current, recent)

    @env.macro
    def cahierreeks() -> str:
        return cahier_list(site().cahiers)
