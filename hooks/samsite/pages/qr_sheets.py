"""A4 QR sheets for trainers: one card per cahier link or per practice of a strategy."""

from __future__ import annotations

import html

from .. import urls
from ..links import CahierLink
from ..model import Cahier, Site
from ..qr import QrCache
from ..vocabulary import Term
from . import GeneratedPage
from .assets import GeneratedFile
from .link_pages import short_link_path
from .fragments import placeholder
from .markdown import SEARCH_EXCLUDE, front_matter, lead, text

QR_FOLDER = "qr"  # the codes of all sheets, named by their cache key
CARDS = "kaarten"  # the fragment with the cards

PRINT_BUTTON = (
    '<div class="sam-print-actions" markdown>\n\n'
    '<button type="button" class="md-button md-button--primary" data-sam-print>Afdrukken</button>\n\n'
    "Druk af op A4 vanuit je browser. Kies 'Werkelijke grootte' (100 %) zodat elke code minstens "
    "25 mm breed blijft.\n\n</div>\n"
)


class _Cards:
    """Cards of one sheet. Each code is an SVG file beside the sheet, not inline: a sheet
    of hundreds of practices stays a light page and the build skips megabytes of markup."""

    def __init__(self, qr: QrCache, page_uri: str):
        self.qr = qr
        self.up = "../" * (page_uri.removesuffix(".md").count("/") + 1)  # from the page's URL to the root
        self.items: list[str] = []
        self.files: list[GeneratedFile] = []

    def add(self, url: str, number: str, title: str, caption: str) -> None:
        code = self.qr.get(url)
        dest = f"{QR_FOLDER}/{code.svg_path.name}"
        self.files.append(GeneratedFile(dest, path=code.svg_path))
        image = (f'<img class="sam-qr" src="{self.up}{dest}" alt="QR-code: {html.escape(title, quote=True)}" '
                 f'data-qr="{html.escape(url, quote=True)}" width="136" height="136">')
        self.items.append(_card(image, number, title, caption))

    def sheet(self, empty: str) -> str:
        """The cards as an HTML fragment (a sheet of hundreds of cards is no work for Markdown)."""
        if not self.items:
            return f"<p><em>{html.escape(empty)}</em></p>"
        return '<div class="sam-qr-sheet">\n' + "\n".join(self.items) + "\n</div>\n"


def _card(image: str, number: str, title: str, caption: str) -> str:
    return (
        '<figure class="sam-qr-card">\n'
        f"{image}\n"
        f'<figcaption><span class="sam-num">{html.escape(number)}</span> '
        f"<strong>{html.escape(title)}</strong><br>"
        f'<span class="sam-short">{html.escape(caption)}</span></figcaption>\n'
        "</figure>"
    )


def _sheet_page(src_uri: str, name: str, description: str, intro: str, cards: _Cards, empty: str,
                back: str) -> GeneratedPage:
    """A sheet: title, introduction, print button, the cards (a fragment) and a link back."""
    parts = [
        front_matter(f"QR-blad: {name}", description, SEARCH_EXCLUDE),
        f"# QR-blad: {text(name)}\n",
        lead(intro),
        PRINT_BUTTON,
        placeholder(CARDS),
        back,
    ]
    return GeneratedPage(src_uri, "\n".join(parts), fragments={CARDS: cards.sheet(empty)})


def cahier_sheet(cahier: Cahier, links: list[CahierLink], base_url: str,
                 qr: QrCache) -> tuple[GeneratedPage, list[GeneratedFile]]:
    src_uri = urls.cahier_sheet(cahier.slug)
    cards = _Cards(qr, src_uri)
    for link in links:
        short = base_url + short_link_path(cahier, link)
        cards.add(short, str(link.number), link.title, short.split("://", 1)[-1])
    page = _sheet_page(
        src_uri, cahier.title, f"QR-codes van alle links uit het cahier {cahier.title}.",
        "Eén kaart per link uit het cahier, met het nummer uit het boekje. "
        "Deelnemers scannen een code en openen de link op hun telefoon.",
        cards, "Dit cahier bevat geen externe links.",
        f"[Terug naar de links van het cahier](/{urls.cahier_links(cahier.slug)})\n")
    return page, cards.files


def strategy_sheet(site: Site, term: Term, base_url: str, qr: QrCache) -> tuple[GeneratedPage, list[GeneratedFile]]:
    taxonomy = site.vocabulary["strategy"]
    src_uri = urls.term_sheet(taxonomy, term.id)
    cards = _Cards(qr, src_uri)
    practices = sorted(site.practices_with("strategy", term.id), key=lambda p: p.title.casefold())
    for number, practice in enumerate(practices, 1):
        cards.add(base_url + f"praktijken/{practice.slug}/", str(number), practice.title, practice.organisation)
    page = _sheet_page(
        src_uri, term.label, f"QR-codes van alle praktijken bij de strategie {term.label}.",
        f"Eén kaart per praktijk die de strategie {term.label.lower()} toont. Leg de kaarten "
        "op tafel in een vorming: deelnemers scannen en lezen het verhaal op hun telefoon.",
        cards, "Nog geen praktijken.",
        f"[Terug naar {text(term.label)}]({urls.link(urls.term(taxonomy, term.id))})\n")
    return page, cards.files
