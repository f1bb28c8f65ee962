"""Pure functions that turn the content model into Markdown pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Site


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where the page lives, e.g. 'praktijken/swan.md'
    markdown: str
    source: str | None = None  # the content file it renders, for edit links; None if generated
    # HTML put in place of '<!-- sam:name -->' after the Markdown is converted (fragments.py)
    fragments: dict[str, str] = field(default_factory=dict, compare=False)


def generate_pages(site: Site) -> list[GeneratedPage]:
    from .cahier_pages import cahier_pages
    from .practice_map import practice_map
    from .practice_pages import practice_pages
    from .search_page import search_page
    from .term_pages import term_pages

    return [*term_pages(site), *practice_pages(site), *cahier_pages(site), search_page(site),
            practice_map(site)]
