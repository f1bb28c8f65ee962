"""A4 QR sheets for trainers: one card per cahier link or per practice of a strategy.

Every code encodes a short link (``/l/<cahier>-<n>/``, ``/p/<n>/``): at a site address of
up to 45 characters that stays QR version 4 or lower, printed 45 mm wide, which phones
read from across a table. Nine cards fit an A4 page; each prints its short address as
text for a phone that will not scan.
"""

from __future__ import annotations

import html

from .. import urls
from ..model.content import Cahier, Practice, Site
from ..model.schema import SHEET_TAXONOMY
from ..model.vocabulary import Term
from ..numbering.links import CahierLink
from ..numbering.practice_numbers import Numbering
from ..pages.fragments import placeholder
from ..pages.generated import GeneratedFile, GeneratedPage
from ..pages.markdown import SEARCH_EXCLUDE, front_matter, lead, text
from ..text.slugs import by_title
from .link_pages import link_code_url
from .qr import QrCache, printed_width

CARDS = "kaarten"  # the fragment with the cards

PRINT_BUTTON = (
    '<div class="sam-print-actions" markdown>\n\n'
    '<button type="button" class="md-button md-button--primary" data-sam-print>Afdrukken</button>\n\n'
    "Druk af op A4 vanuit je browser. Kies 'Werkelijke grootte' (100 %): dan is elke code 45 mm "
    "breed en passen negen kaarten op een blad.\n\n</div>\n"
)


class Cards:
    """Cards of one sheet. Each code is an SVG file beside the sheet, not inline: a sheet
    of hundreds of practices stays a light page and the build skips megabytes of markup."""

    def __init__(self, qr: QrCache, page_uri: str):
        self.qr = qr
        self.up = urls.up(urls.directory(page_uri))  # from the page's URL to the root
        self.items: list[str] = []
        self.files: list[GeneratedFile] = []

    def add(self, url: str, number: str, title: str, caption: str) -> None:
        dest, size = self.code(url)
        self.items.append(_card(card_image(self.up + dest, size, url, title), number, title, caption, url))

    def code(self, url: str) -> tuple[str, float]:
        """The code's SVG file (site-relative path), added to the files of the site, and the
        width in mm to print it at."""
        code = self.qr.get(url)
        dest = urls.qr_code(code.name)
        self.files.append(GeneratedFile(dest, content=code.svg))
        return dest, printed_width(code.modules)

    def sheet(self, empty: str) -> str:
        """The cards as an HTML fragment (a sheet of hundreds of cards is no work for Markdown)."""
        if not self.items:
            return f"<p><em>{html.escape(empty)}</em></p>"
        return '<div class="sam-qr-sheet">\n' + "\n".join(self.items) + "\n</div>\n"


def card_image(src: str, width_mm: float, url: str, title: str) -> str:
    pixels = round(width_mm * 96 / 25.4)
    return (f'<img class="sam-qr" src="{html.escape(src, quote=True)}" alt="QR-code: {html.escape(title, quote=True)}" '
            f'data-qr="{html.escape(url, quote=True)}" width="{pixels}" height="{pixels}" '
            f'style="width:{width_mm}mm;height:{width_mm}mm">')


def typed_address(url: str) -> str:
    """What a reader types: the address without 'https://' (escaped), with a line-break
    opportunity after each '/', so a caption never breaks inside a word."""
    return "/<wbr>".join(html.escape(part) for part in url.split("://", 1)[-1].split("/"))


def _card(image: str, number: str, title: str, caption: str, url: str) -> str:
    """Also built by docs/assets/search/selection.js (the selection sheet): keep the two alike."""
    return (
        '<figure class="sam-qr-card">\n'
        f"{image}\n"
        f'<figcaption><span class="sam-num">{html.escape(number)}</span> '
        f'<strong class="sam-card-title">{html.escape(title)}</strong>'
        + (f'<span class="sam-card-meta">{html.escape(caption)}</span>' if caption and caption != title else "")
        + f'<span class="sam-short">{typed_address(url)}</span></figcaption>\n'
        "</figure>"
    )


def _sheet_page(src_uri: str, name: str, description: str, intro: str, cards: Cards, empty: str,
                back: str) -> GeneratedPage:
    """A sheet: title, introduction, print button, the cards (a fragment) and a link back."""
    parts = [
        front_matter(f"QR-blad: {name}", description, SEARCH_EXCLUDE),
        f"# QR-blad: {text(name)}\n",
        lead(intro),
        PRINT_BUTTON,
        placeholder(CARDS),
        back.rstrip("\n") + "\n{ .sam-print-link }\n",  # not printed: no page with only this line
    ]
    return GeneratedPage(src_uri, "\n".join(parts), fragments={CARDS: cards.sheet(empty)})


def cahier_sheet(cahier: Cahier, links: list[CahierLink], base_url: str,
                 qr: QrCache) -> tuple[GeneratedPage, list[GeneratedFile]]:
    src_uri = urls.cahier_sheet(cahier.slug)
    cards = Cards(qr, src_uri)
    for link in links:
        cards.add(link_code_url(cahier, link, base_url), str(link.number), link.title, link.chapter)
    page = _sheet_page(
        src_uri, cahier.title, f"QR-codes van alle links uit het cahier {cahier.title}.",
        "Eén kaart per link uit het cahier, met het nummer uit het boekje. "
        "Deelnemers scannen een code en openen de link op hun telefoon.",
        cards, "Dit cahier bevat geen externe links.",
        f"[Terug naar de links van het cahier](/{urls.cahier_links(cahier.slug)})\n")
    return page, cards.files


def practice_code_url(practice: Practice, numbering: Numbering, base_url: str) -> str:
    """What a practice's card encodes: its short link, not its (longer) page address; the page
    address while `make links` has not fixed its number (a provisional number could move)."""
    return base_url + (numbering.short_path(practice.slug) or urls.directory(urls.practice(practice.slug)))


def strategy_sheet(site: Site, term: Term, numbering: Numbering, base_url: str,
                   qr: QrCache) -> tuple[GeneratedPage, list[GeneratedFile]]:
    taxonomy = site.vocabulary[SHEET_TAXONOMY]
    src_uri = urls.term_sheet(taxonomy, term.id)
    cards = Cards(qr, src_uri)
    practices = by_title(site.practices_with(taxonomy.key, term.id))
    for number, practice in enumerate(practices, 1):
        cards.add(practice_code_url(practice, numbering, base_url), str(number), practice.title,
                  practice.organisation)
    page = _sheet_page(
        src_uri, term.label, f"QR-codes van alle praktijken bij de {taxonomy.label.lower()} {term.label}.",
        f"Eén kaart per praktijk die de {taxonomy.label.lower()} {term.label.lower()} toont. Leg de kaarten "
        "op tafel in een vorming: deelnemers scannen en lezen het verhaal op hun telefoon.",
        cards, "Nog geen praktijken.",
        f"[Terug naar {text(term.label)}]({urls.link(urls.term(taxonomy, term.id))})\n")
    return page, cards.files
