"""Every web page made from the content model, in one list."""

from __future__ import annotations

from ..model.content import Site
from .cahier_pages import cahier_pages
from .generated import GeneratedPage
from .practice_map import practice_map
from .practice_pages import practice_pages
from .search_page import search_page
from .term_pages import term_pages


def generate_pages(site: Site) -> list[GeneratedPage]:
    return [*term_pages(site), *practice_pages(site), *cahier_pages(site), search_page(site),
            practice_map(site)]
