"""Where each page lives: source URIs (``.md``, relative to the site root).

Generated Markdown links to these as ``/<uri>``; the build turns them into URLs.
Where an address is written without the site generator (redirect pages, the feed, the
cards of the selection sheet), ``directory`` gives the page's address with directory
URLs and ``up`` the way back from it to the site root.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class Taxonomy(Protocol):
    """What an address needs of a taxonomy (``model.vocabulary.Taxonomy``): this module sits
    below the model and imports none of it."""

    key: str
    path: str

    def ids(self) -> Iterable[str]: ...

PRACTICES_INDEX = "praktijken/index.md"
CAHIERS_INDEX = "cahiers/index.md"
CONTRIBUTION = "bijdragen.md"  # the form that proposes a practice
PRACTICES_MAP = "praktijken/overzicht.md"  # strategies x sectors and x levels
SEARCH_PAGE = "zoeken.md"
SELECTION_SHEET = "zoeken/afdrukken.md"  # QR sheet of any search selection, filled in the browser


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


# Pages of the site's own that content does not link to (a link check treats them as unknown).
NOT_LINK_TARGETS = frozenset({SEARCH_PAGE, SELECTION_SHEET, CONTRIBUTION})


def site_pages(taxonomies: Iterable[Taxonomy], sheet_taxonomy: str, practice_slugs: Iterable[str],
               cahier_slugs: Iterable[str]) -> set[str]:
    """Every page the build generates, known from file names alone (before content is read),
    except ``NOT_LINK_TARGETS``; ``sheet_taxonomy`` has a printed QR sheet per term. The link
    check (content_files.link_targets) uses it; a test holds the generators to it."""
    pages = {PRACTICES_INDEX, CAHIERS_INDEX, PRACTICES_MAP}
    for taxonomy in taxonomies:
        pages.add(taxonomy_index(taxonomy))
        pages.update(term(taxonomy, term_id) for term_id in taxonomy.ids())
        if taxonomy.key == sheet_taxonomy:
            pages.update(term_sheet(taxonomy, term_id) for term_id in taxonomy.ids())
    pages.update(practice(slug) for slug in practice_slugs)
    for slug in cahier_slugs:
        pages.update((cahier(slug), cahier_links(slug), cahier_sheet(slug), cahier_exercises(slug)))
    return pages


def directory(uri: str) -> str:
    """A page's address below the site root, as the site publishes it (directory URLs):
    'praktijken/x.md' -> 'praktijken/x/', 'cahiers/x/index.md' -> 'cahiers/x/', 'index.md' -> ''."""
    path = uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def up(address: str) -> str:
    """From a directory address ('praktijken/overzicht/') back to the site root ('../../')."""
    return "../" * address.count("/")


def link(uri: str, anchor: str = "") -> str:
    return f"/{uri}#{anchor}" if anchor else f"/{uri}"
