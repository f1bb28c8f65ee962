"""A4 QR sheets for trainers: one card per cahier link or per practice of a strategy."""

from __future__ import annotations

import html

from .. import urls
from ..links import CahierLink
from ..model import Cahier, Site
from ..qr import QrCache, inline_svg
from ..vocabulary import Term
from . import GeneratedPage
from .link_pages import short_link_path
from .markdown import SEARCH_EXCLUDE, front_matter, lead, text

PRINT_BUTTON = (
    '<div class="sam-print-actions" markdown>\n\n'
    '<button type="button" class="md-button md-button--primary" data-sam-print>Afdrukken</button>\n\n'
    "Druk af op A4 vanuit je browser. Kies 'Werkelijke grootte' (100 %) zodat elke code minstens "
    "25 mm breed blijft.\n\n</div>\n"
)


def _card(qr: QrCache, element_id: str, url: str, number: str, title: str, caption: str) -> str:
    code = qr.get(url)
    svg = inline_svg(code, element_id, f"QR-code: {title}")
    return (
        '<figure class="sam-qr-card">\n'
        f"{svg}\n"
        f'<figcaption><span class="sam-num">{html.escape(number)}</span> '
        f"<strong>{html.escape(title)}</strong><br>"
        f'<span class="sam-short">{html.escape(caption)}</span></figcaption>\n'
        "</figure>"
    )


def _sheet(cards: list[str]) -> str:
    return '<div class="sam-qr-sheet">\n' + "\n".join(cards) + "\n</div>\n"


def cahier_sheet(cahier: Cahier, links: list[CahierLink], base_url: str, qr: QrCache) -> GeneratedPage:
    cards = []
    for link in links:
        short = base_url + short_link_path(cahier, link)
        cards.append(_card(qr, f"qr-link-{link.number}", short, str(link.number), link.title,
                           short.split("://", 1)[-1]))
    parts = [
        front_matter(f"QR-blad: {cahier.title}", f"QR-codes van alle links uit het cahier {cahier.title}.", SEARCH_EXCLUDE),
        f"# QR-blad: {text(cahier.title)}\n",
        lead(f"Eén kaart per link uit het cahier, met het nummer uit het boekje. "
             f"Deelnemers scannen een code en openen de link op hun telefoon."),
        PRINT_BUTTON,
        _sheet(cards) if cards else "*Dit cahier bevat geen externe links.*\n",
        f"[Terug naar de links van het cahier](/cahiers/{cahier.slug}/links.md)\n",
    ]
    return GeneratedPage(f"cahiers/{cahier.slug}/qr.md", "\n".join(parts))


def strategy_sheet(site: Site, term: Term, base_url: str, qr: QrCache) -> GeneratedPage:
    taxonomy = site.vocabulary["strategy"]
    practices = sorted(site.practices_with("strategy", term.id), key=lambda p: p.title.casefold())
    cards = []
    for number, practice in enumerate(practices, 1):
        url = base_url + f"praktijken/{practice.slug}/"
        cards.append(_card(qr, f"qr-praktijk-{practice.slug}", url, str(number), practice.title,
                           practice.organisation))
    parts = [
        front_matter(f"QR-blad: {term.label}", f"QR-codes van alle praktijken bij de strategie {term.label}.", SEARCH_EXCLUDE),
        f"# QR-blad: {text(term.label)}\n",
        lead(f"Eén kaart per praktijk die de strategie {term.label.lower()} toont. Leg de kaarten "
             "op tafel in een vorming: deelnemers scannen en lezen het verhaal op hun telefoon."),
        PRINT_BUTTON,
        _sheet(cards) if cards else "*Nog geen praktijken.*\n",
        f"[Terug naar {text(term.label)}]({urls.link(urls.term(taxonomy, term.id))})\n",
    ]
    return GeneratedPage(f"{taxonomy.path}/{term.id}/qr.md", "\n".join(parts))
