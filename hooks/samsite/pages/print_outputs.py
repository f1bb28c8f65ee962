"""Everything trainers print: links pages, short links, QR sheets and their downloads."""

from __future__ import annotations

from ..links import CahierLink
from ..model import Site
from ..qr import QrCache
from . import GeneratedPage
from .assets import GeneratedFile
from .link_pages import links_page, short_links
from .qr_sheets import cahier_sheet, strategy_sheet


def print_outputs(site: Site, links: dict[str, list[CahierLink]], base_url: str,
                  qr: QrCache) -> tuple[list[GeneratedPage], list[GeneratedFile]]:
    """``base_url`` is the absolute site URL (ends with '/'); every code encodes it."""
    pages: list[GeneratedPage] = []
    files: list[GeneratedFile] = []
    for cahier in site.cahiers:
        numbered = links[cahier.slug]
        page, downloads = links_page(cahier, numbered, base_url, qr)
        sheet, codes = cahier_sheet(cahier, numbered, base_url, qr)
        pages += [page, sheet]
        files += downloads + codes + short_links(cahier, numbered)
    for term in site.vocabulary["strategy"].terms:
        sheet, codes = strategy_sheet(site, term, base_url, qr)
        pages.append(sheet)
        files += codes
    unique = {item.dest_uri: item for item in files}  # a practice's code serves several sheets
    return pages, list(unique.values())
