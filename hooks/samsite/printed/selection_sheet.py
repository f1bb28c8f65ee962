"""The QR sheet of any search selection: /zoeken/afdrukken/?<the query of /zoeken/>.

One static page for every selection: the browser reads the query string (the same one
/zoeken/ writes, so a shared or bookmarked address works) and lays out the cards from
``kaarten.json``, which holds per practice the code the build already drew (an SVG in
``qr/``, the same files as the strategy sheets), its terms and its caption. No code is
drawn in the browser and a selection costs the build nothing. A search term goes to
Pagefind, exactly as on /zoeken/; filters alone are matched against the card data with
the same rule (any checked term within a facet, every facet).
``docs/assets/search/selection.js`` does the browser part.
"""

from __future__ import annotations

import html
import json

from .. import urls
from ..model.content import Site
from ..model.schema import SHEET_TAXONOMY
from ..numbering.practice_numbers import Numbering
from ..pages.generated import GeneratedFile, GeneratedPage
from ..pages.markdown import SEARCH_EXCLUDE, front_matter
from ..text.slugs import by_title
from .qr import QrCache
from .qr_sheets import PRINT_BUTTON, Cards, practice_code_url

CARDS_FILE = urls.directory(urls.SELECTION_SHEET) + "kaarten.json"


def cards_data(site: Site, numbering: Numbering, base_url: str, cards: Cards) -> dict:
    practices = by_title(site.practices)
    entries = []
    for practice in practices:
        url = practice_code_url(practice, numbering, base_url)
        dest, width = cards.code(url)
        entries.append({
            "pagina": urls.directory(urls.practice(practice.slug)),
            "titel": practice.title,
            "organisatie": practice.organisation,
            "qr": dest,
            "mm": width,
            "adres": url,
            "termen": {key: list(practice.terms(key)) for key in site.vocabulary.keys()},
        })
    facets = {taxonomy.key: {"label": taxonomy.label, "termen": {t.id: t.label for t in taxonomy.terms}}
              for taxonomy in site.vocabulary.taxonomies}
    return {"facetten": facets, "kaarten": entries}


def selection_sheet(site: Site, numbering: Numbering, base_url: str,
                    qr: QrCache) -> tuple[GeneratedPage, list[GeneratedFile]]:
    src_uri = urls.SELECTION_SHEET
    cards = Cards(qr, src_uri)
    data = json.dumps(cards_data(site, numbering, base_url, cards), ensure_ascii=False, separators=(",", ":"))
    intro = (
        '<p class="sam-lead" id="sam-selectie-uitleg">Eén kaart per praktijk uit je selectie op de '
        "zoekpagina. Leg de kaarten op tafel in een vorming: deelnemers scannen en lezen het verhaal "
        "op hun telefoon.</p>\n"
    )
    sheets = site.vocabulary[SHEET_TAXONOMY]  # the lists with a printed sheet per term
    index = urls.up(urls.directory(src_uri)) + urls.directory(urls.taxonomy_index(sheets))
    body = (
        '<p id="sam-selectie-status" class="sam-status" role="status">De selectie wordt geladen…</p>\n'
        '<div id="sam-selectie" class="sam-qr-sheet" data-kaarten="kaarten.json" hidden></div>\n'
        "<noscript><p>Dit blad wordt in je browser samengesteld en werkt enkel met JavaScript. "
        f'De QR-bladen per {html.escape(sheets.label.lower())} werken zonder: zie <a href="{html.escape(index)}">'
        f"de {html.escape(sheets.plural.lower())}</a>."
        "</p></noscript>\n"
    )
    parts = [
        front_matter("QR-blad van een selectie",
                     "De praktijken van je zoekopdracht als QR-kaarten om af te drukken.",
                     {**SEARCH_EXCLUDE, "hide": ["navigation", "toc"]}),
        '# QR-blad van een selectie { #sam-selectie-titel }\n',
        intro,
        PRINT_BUTTON,
        body,
        f"[Terug naar de zoekpagina]({urls.link(urls.SEARCH_PAGE)}){{ #sam-selectie-terug }}\n",
    ]
    files = cards.files + [GeneratedFile(CARDS_FILE, content=data)]
    return GeneratedPage(src_uri, "\n".join(parts)), files
