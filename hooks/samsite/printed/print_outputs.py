"""Everything trainers print: links pages, short links, QR sheets and their downloads."""

from __future__ import annotations

from .. import urls
from ..model.content import Site
from ..model.schema import SHEET_TAXONOMY
from ..numbering.links import CahierLink
from ..numbering.practice_numbers import Numbering, short_path
from ..pages.generated import GeneratedFile, GeneratedPage
from .link_pages import internal_redirect, links_page, redirect_html, short_links
from .qr import QrCache
from .qr_sheets import cahier_sheet, strategy_sheet
from .selection_sheet import selection_sheet
from .worksheets import worksheets_page


def practice_redirects(site: Site, numbering: Numbering) -> list[GeneratedFile]:
    """/p/<n>/ for every number (also retired ones), and the old addresses of renamed practices."""
    titles = {practice.slug: practice.title for practice in site.practices}
    files = []
    for number, (kind, target) in sorted(numbering.targets.items()):
        if kind == "url":
            files.append(GeneratedFile(short_path(number) + "index.html",
                                       content=redirect_html(target, f"praktijk {number}")))
        else:
            files.append(internal_redirect(short_path(number), urls.directory(urls.practice(target)), titles[target]))
    for practice in site.practices:
        files += [internal_redirect(urls.directory(urls.practice(alias)),
                                   urls.directory(urls.practice(practice.slug)), practice.title)
                  for alias in practice.aliases]
    return files


def print_outputs(site: Site, links: dict[str, list[CahierLink]], numbering: Numbering, base_url: str,
                  qr: QrCache) -> tuple[list[GeneratedPage], list[GeneratedFile]]:
    """``base_url`` is the absolute site URL (ends with '/'); every code encodes it."""
    pages: list[GeneratedPage] = []
    files: list[GeneratedFile] = []
    for cahier in site.cahiers:
        numbered = links[cahier.slug]
        page, downloads = links_page(cahier, numbered, base_url, qr)
        sheet, codes = cahier_sheet(cahier, numbered, base_url, qr)
        worksheets, worksheet_files = worksheets_page(cahier, base_url, qr)
        pages += [page, sheet, worksheets]
        files += downloads + codes + short_links(cahier, numbered) + worksheet_files
    for term in site.vocabulary[SHEET_TAXONOMY].terms:
        sheet, codes = strategy_sheet(site, term, numbering, base_url, qr)
        pages.append(sheet)
        files += codes
    page, selection_files = selection_sheet(site, numbering, base_url, qr)
    pages.append(page)
    files += selection_files + practice_redirects(site, numbering)
    unique = {item.dest_uri: item for item in files}  # a practice's code serves several sheets
    return pages, list(unique.values())
