"""Where each page lives: source URIs (``.md``, relative to the site root).

Generated Markdown links to these as ``/<uri>``; the build turns them into URLs.
"""

from __future__ import annotations

from .vocabulary import Taxonomy

PRACTICES_INDEX = "praktijken/index.md"
CAHIERS_INDEX = "cahiers/index.md"
CONTRIBUTION = "bijdragen.md"  # the form that proposes a practice
PRACTICES_MAP = "praktijken/overzicht.md"  # strategies x sectors and x levels
SEARCH_PAGE = "zoeken.md"
SELECTION_SHEET = "zoeken/afdrukken.md"  # QR sheet of any search selection, filled in the browser
SHEET_TAXONOMY = "strategy"  # the taxonomy with a printed QR sheet per term (trainers' workshops)


def practice(slug: str) -> str:
    return f"praktijken/{slug}.md"


def cahier(slug: str) -> str:
    return f"cahiers/{slug}/index.md"


def cahier_links(slug: str) -> str:
    """The page with every numbered link of a cahier and its QR code."""
    return f"cahiers/{slug}/links.md"


def cahier_sheet(slug: str) -> str:
    """The A4 QR sheet with a card per link of a cahier."""
    return f"cahiers/{slug}/qr.md"


def cahier_exercises(slug: str) -> str:
    """The worksheets: every 'Aan de slag' exercise of a cahier on its own A4 page."""
    return f"cahiers/{slug}/oefeningen.md"


def term_sheet(taxonomy: Taxonomy, term_id: str) -> str:
    """The A4 QR sheet with a card per practice of a term."""
    return f"{taxonomy.path}/{term_id}/qr.md"


def term(taxonomy: Taxonomy, term_id: str) -> str:
    return f"{taxonomy.path}/{term_id}.md"


def taxonomy_index(taxonomy: Taxonomy) -> str:
    return f"{taxonomy.path}/index.md"


def link(uri: str, anchor: str = "") -> str:
    return f"/{uri}#{anchor}" if anchor else f"/{uri}"
