"""The one registry of the site's addresses and folders: where each page and file lives.

Every address the site writes is declared here once and read from here by everything
else: the page generators, the printed outputs, the folders kept between builds
(``build/site_folders.py``), the MkDocs adapter, the names content may not take
(``reading/content_files.py``) and the vocabulary check, which refuses a list whose
``path`` would replace one of them (``reading/vocabulary_file.py``, via ``reserved``).
``tests/test_urls_registry.py`` fails when another module spells one of these names again.

Pages are source URIs (``.md``, relative to the site root); generated Markdown links to
them as ``/<uri>`` and the build turns them into URLs. Where an address is written without
the site generator (redirect pages, the feed, the cards of the selection sheet),
``directory`` gives the page's address with directory URLs and ``up`` the way back from it
to the site root.

**The list of generated pages.** ``FIXED_PAGES`` and the per-item patterns (``PER_CAHIER``,
``PER_TAXONOMY``, ``PER_TERM``, ``PER_SHEET_TERM``, ``PER_PRACTICE``) are the declaration;
``site_pages`` derives every page of a site from them, from file names alone, before any
content is read (the link check and the vocabulary check need it that early). The
generators (``pages/generate.py``, ``printed/print_outputs.py``, assembled in one place by
``build/pipeline.outputs``) take each page's address from here, but what they make cannot
be derived from a list of addresses: a test (``tests/test_pages.py``) holds the pages they
make to ``site_pages``, exactly, so a page added to one and not the other fails.

A foundation: imports nothing of the model or anything else in the package.
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


# --- Folders: the content folders are also the addresses of their pages ------------------

PRACTICES = "praktijken"  # praktijken/<slug>.md -> /praktijken/<slug>/
CAHIERS = "cahiers"  # cahiers/<slug>/index.md -> /cahiers/<slug>/
CONTENT_FOLDERS = (PRACTICES, CAHIERS)

# Short links, written on printed QR codes: a short address keeps the code small.
SHORT_PRACTICE = "p"  # /p/<number>/: a practice (numbering/practice_numbers.py)
SHORT_LINK = "l"  # /l/<cahier>-<link>/: a numbered link of a cahier; /l/<cahier>/ its links page
SHORT_EXERCISE = "h"  # /h/<cahier>-<chapter>/: a chapter, from its worksheets
SHORT_FOLDERS = (SHORT_PRACTICE, SHORT_LINK, SHORT_EXERCISE)
QR = "qr"  # the QR codes of every sheet, named by their cache key

SEARCH = "zoeken"  # the search page and the QR sheet of a selection
SEARCH_INDEX = "pagefind"  # the search bundle Pagefind writes (search/search_index.py)
ASSETS = "assets"  # docs/assets (scripts, styles) and the theme's own assets
FEED = "feed.xml"
SITEMAP = "sitemap.xml"  # written by the theme (not in a preview: preview_hooks.py)
NOT_FOUND = "404.html"  # written by the theme (docs/overrides/404.html)
# Beside the site on the published branch: the previews of pull requests
# (.github/scripts/pages_branch.py reads it from here).
PREVIEWS = "pr-preview"

# --- Fixed pages -------------------------------------------------------------------------

INDEX = "index"  # a folder's own page: <folder>/index.md -> /<folder>/
SHEET = "qr"  # the A4 QR sheet of a cahier or a term: <folder>/qr.md

PRACTICES_INDEX = f"{PRACTICES}/{INDEX}.md"
CAHIERS_INDEX = f"{CAHIERS}/{INDEX}.md"
CONTRIBUTION = "bijdragen.md"  # the form that proposes a practice
PRACTICES_MAP = f"{PRACTICES}/overzicht.md"  # strategies x sectors and x levels
SEARCH_PAGE = f"{SEARCH}.md"
SELECTION_SHEET = f"{SEARCH}/afdrukken.md"  # QR sheet of any search selection, filled in the browser

# Every fixed page, with what it is (Dutch: the vocabulary check names it).
FIXED_PAGES = {
    PRACTICES_INDEX: "de lijst van alle praktijken",
    CAHIERS_INDEX: "de lijst van de cahiers",
    PRACTICES_MAP: "het overzicht van de praktijken",
    SEARCH_PAGE: "de zoekpagina",
    SELECTION_SHEET: "het QR-blad van een zoekselectie",
    CONTRIBUTION: "het formulier om een praktijk voor te stellen",
}
# Pages of the site's own that content does not link to (a link check treats them as unknown).
NOT_LINK_TARGETS = frozenset({SEARCH_PAGE, SELECTION_SHEET, CONTRIBUTION})


# --- Per-item addresses ------------------------------------------------------------------


def practice(slug: str) -> str:
    return f"{PRACTICES}/{slug}.md"


def cahier(slug: str) -> str:
    return f"{CAHIERS}/{slug}/{INDEX}.md"


def cahier_links(slug: str) -> str:
    """The page with every numbered link of a cahier and its QR code."""
    return f"{CAHIERS}/{slug}/links.md"


def cahier_sheet(slug: str) -> str:
    """The A4 QR sheet with a card per link of a cahier."""
    return f"{CAHIERS}/{slug}/{SHEET}.md"


def cahier_exercises(slug: str) -> str:
    """The worksheets: every 'Aan de slag' exercise of a cahier on its own A4 page."""
    return f"{CAHIERS}/{slug}/oefeningen.md"


def term_sheet(taxonomy: Taxonomy, term_id: str) -> str:
    """The A4 QR sheet with a card per practice of a term."""
    return f"{taxonomy.path}/{term_id}/{SHEET}.md"


def term(taxonomy: Taxonomy, term_id: str) -> str:
    return f"{taxonomy.path}/{term_id}.md"


def taxonomy_index(taxonomy: Taxonomy) -> str:
    return f"{taxonomy.path}/{INDEX}.md"


def short_practice(number: int | str) -> str:
    """A practice's short link (a directory address): 'p/12/'."""
    return f"{SHORT_PRACTICE}/{number}/"


def short_link(cahier_number: int | str, link_number: int | str) -> str:
    """A numbered link of a cahier: 'l/1-2/'."""
    return f"{SHORT_LINK}/{cahier_number}-{link_number}/"


def short_links_page(cahier_number: int | str) -> str:
    """The links page of a cahier, as its printed code encodes it: 'l/1/'."""
    return f"{SHORT_LINK}/{cahier_number}/"


def short_exercise(cahier_number: int | str, chapter: int | str) -> str:
    """A chapter, as the code on its worksheets encodes it: 'h/1-5/'."""
    return f"{SHORT_EXERCISE}/{cahier_number}-{chapter}/"


def qr_code(name: str) -> str:
    """A QR code of a sheet (an SVG file)."""
    return f"{QR}/{name}"


def asset(name: str) -> str:
    """A file of docs/assets, site-relative: 'assets/bijdragen.js'."""
    return f"{ASSETS}/{name}"


# The pages made per cahier, per practice, per list, per term, and per term of the list that
# has printed sheets.
PER_CAHIER = (cahier, cahier_links, cahier_sheet, cahier_exercises)
PER_PRACTICE = (practice,)
PER_TAXONOMY = (taxonomy_index,)
PER_TERM = (term,)
PER_SHEET_TERM = (term_sheet,)


def site_pages(taxonomies: Iterable[Taxonomy], sheet_taxonomy: str, practice_slugs: Iterable[str],
               cahier_slugs: Iterable[str]) -> set[str]:
    """Every page the build generates, known from file names alone (before content is read);
    ``sheet_taxonomy`` has a printed QR sheet per term. The link check
    (content_files.link_targets) uses it without ``NOT_LINK_TARGETS``; a test holds the
    generators to it."""
    pages = set(FIXED_PAGES)
    for taxonomy in taxonomies:
        pages.update(page(taxonomy) for page in PER_TAXONOMY)
        patterns = PER_TERM + (PER_SHEET_TERM if taxonomy.key == sheet_taxonomy else ())
        pages.update(page(taxonomy, term_id) for term_id in taxonomy.ids() for page in patterns)
    pages.update(page(slug) for slug in practice_slugs for page in PER_PRACTICE)
    pages.update(page(slug) for slug in cahier_slugs for page in PER_CAHIER)
    return pages


# --- What content and lists may not be called ----------------------------------------------

# The top-level folders and files the site writes whatever the content, with what is there.
SITE_FOLDERS = {
    PRACTICES: "de pagina's van de praktijken",
    CAHIERS: "de pagina's van de cahiers",
    SHORT_PRACTICE: "de korte links van de praktijken op de QR-codes",
    SHORT_LINK: "de korte links naar de links van de cahiers op de QR-codes",
    SHORT_EXERCISE: "de korte links van de werkbladen op de QR-codes",
    QR: "de QR-codes van de QR-bladen",
    SEARCH_INDEX: "de zoekindex",
    ASSETS: "de scripts en stijlen van de site",
    FEED: "de nieuwsfeed",
    SITEMAP: "de sitemap voor zoekmachines",
    f"{SITEMAP}.gz": "de sitemap voor zoekmachines",
    NOT_FOUND: "de foutpagina 'niet gevonden'",
    PREVIEWS: "de voorbeelden van de pull requests",
}


def top(uri: str) -> str:
    """The first segment of an address: 'zoeken/afdrukken.md' -> 'zoeken', 'zoeken.md' -> 'zoeken'."""
    first = uri.strip("/").split("/", 1)[0]
    return first.removesuffix(".md") if "/" not in uri.strip("/") else first


def reserved() -> dict[str, str]:
    """Every top-level name the site writes whatever the content -> the address and what is
    there (Dutch), e.g. 'p' -> "/p/ (de korte links van de praktijken op de QR-codes)".
    A list's ``path`` may be none of these (nor another list's)."""
    found = {}
    for uri, what in FIXED_PAGES.items():
        found.setdefault(top(uri), f"/{directory(uri)} ({what})")
    for name, what in SITE_FOLDERS.items():
        found[name] = f"/{name}{'' if '.' in name else '/'} ({what})"
    return found


def reserved_in(folder: str) -> dict[str, str]:
    """The fixed pages directly in a folder, by name: ``reserved_in(PRACTICES)`` -> 'index', 'overzicht'."""
    return {uri.removeprefix(folder + "/").removesuffix(".md"): what for uri, what in FIXED_PAGES.items()
            if uri.startswith(folder + "/") and "/" not in uri.removeprefix(folder + "/")}


def reserved_term_ids(path: str) -> dict[str, str]:
    """The names a term id of the list at ``path`` may not take -> what the site uses them for
    (Dutch): the list's overview ('index', its folder's own page) and the QR sheet of a term
    ('qr', the name of that page in a term's folder)."""
    return {INDEX: f"het overzicht van de lijst (/{path}/)",
            SHEET: f"het QR-blad van een term (/{path}/<id>/{SHEET}/)"}


# --- From a source URI to an address -------------------------------------------------------

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
