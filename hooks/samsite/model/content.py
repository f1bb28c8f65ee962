"""The typed content model: what the loader produces and the page generators read.

A practice holds its terms per taxonomy in one mapping (``practice.terms("sector")``):
the taxonomies are data (``vocabulaire.yml``), so the model names none of them.

The front-matter fields are declared once, here, on the attributes that hold them
(``fields.declare``): type, kind, whether required, help text and example. ``schema.py``
derives the collections that validation, scaffolds, the form and the guide use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..text.slugs import sort_key
from .dates import History
from .fields import TAXONOMIES, Kind, declare
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True, kw_only=True)
class Practice:
    """A practice story. Attributes made with ``declare`` are its front-matter fields, in
    the order editors see them (scaffold, guide, form); ``schema.py`` reads them from here."""

    slug: str
    source: str  # path relative to the project root
    title: str = declare(Kind.TEXT, True, "De naam van de praktijk, zoals lezers ze kennen.", "Gentse Wooncoalitie",
                         label="Titel")
    summary: str = declare(
        Kind.TEXT, True, "Eén of twee zinnen: wat is de praktijk en wat doet ze? Verschijnt in overzichten.",
        "Een coalitie van Gentse organisaties die samen opkomt voor betaalbaar wonen.", label="Samenvatting")
    organisation: str = declare(Kind.TEXT, True, "De organisatie of het netwerk dat de praktijk trekt.",
                                "Gent Samen Solidair", label="Organisatie")
    region: str | None = declare(
        Kind.TEXT, False,
        "Waar de praktijk zich afspeelt: gemeente, regio of provincie. Laat weg als de bron het niet zegt.",
        "Gent", label="Regio", default=None)
    # One field per taxonomy of vocabulaire.yml, here in the field order: taxonomy key ->
    # term ids, in the editor's order; a taxonomy the practice leaves empty is absent.
    taxonomy_terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False,
                                                          metadata={TAXONOMIES: True})
    year: int | None = declare(
        Kind.YEAR, False,
        "Het jaar waarin de praktijk startte of het verhaal speelt. Laat weg als de bron het niet zegt.", 2024,
        label="Jaar", default=None)
    cahier: tuple[str, ...] = declare(
        Kind.CAHIERS, False, "De slug(s) van de cahier(s) waarin de praktijk voorkomt (de mapnaam in cahiers/).",
        ["samen-het-verschil-maken"], label="Cahier", default=())
    links: tuple[Link, ...] = declare(
        Kind.LINKS, False, "Links naar meer informatie: elk met een title en een url.",
        [{"title": "Website van de praktijk", "url": "https://www.voorbeeld.be/"}], label="Links", default=())
    # old slugs (renamed files): redirects and the same printed number
    aliases: tuple[str, ...] = declare(
        Kind.SLUGS, False, "Enkel na het hernoemen van dit bestand: de oude naam (zonder .md). Het oude webadres "
        "en het gedrukte QR-nummer blijven dan werken.", ["oude-naam-van-de-praktijk"], label="Oude namen", default=())
    body: str

    def terms(self, taxonomy: str) -> tuple[str, ...]:
        return self.taxonomy_terms.get(taxonomy, ())


@dataclass(frozen=True)
class Chapter:
    slug: str
    source: str
    title: str
    body: str  # Markdown without its H1 title line


@dataclass(frozen=True, kw_only=True)
class Cahier:
    """A cahier; its front-matter fields are declared here, in the order editors see them."""

    slug: str
    source: str
    title: str = declare(Kind.TEXT, True, "De titel van het cahier zoals op de cover.", "Samen het verschil maken",
                         label="Titel")
    number: int = declare(Kind.NUMBER, True, "Het volgnummer van het cahier in de reeks.", 1, label="Nummer")
    year: int | None = declare(Kind.YEAR, False, "Het jaar van verschijnen. Laat weg zolang het niet vaststaat.",
                               2025, label="Jaar", default=None)
    summary: str = declare(Kind.TEXT, True, "Eén of twee zinnen over waar het cahier over gaat.",
                           "Hoe coalities van bondgenoten sociaal onrecht samen publiek maken.", label="Samenvatting")
    strategy: tuple[str, ...] = declare(Kind.TERMS, True, "De strategie(ën) die het cahier behandelt.",
                                        ["collectiviseren", "agenderen"], taxonomy="strategy")
    pdf: str | None = declare(Kind.URL, False, "Webadres van de gedrukte versie als PDF, als die er is.",
                              "https://www.sam-vzw.be/cahier.pdf", label="PDF", default=None)
    published: bool = declare(
        Kind.FLAG, False, "Zet op true zodra het cahier gedrukt is: vanaf dan liggen de linknummers vast.", False,
        label="Gedrukt", default=False)
    links: tuple[Link, ...] = declare(
        Kind.LINKS, False, "Extra links voor de linkpagina die niet in de tekst staan: elk met een title en een url.",
        [], label="Links", default=())
    body: str
    chapters: tuple[Chapter, ...] = ()

    def terms(self, taxonomy: str) -> tuple[str, ...]:
        return getattr(self, taxonomy, ())


@dataclass(frozen=True)
class Intro:
    """A hand-written text from ``docs/`` that a generated page starts with."""

    source: str
    title: str
    body: str


def in_series_order(cahiers: list[Cahier]) -> list[Cahier]:
    """Cahiers in the order of the series: by their number."""
    return sorted(cahiers, key=lambda cahier: cahier.number)


@dataclass
class Site:
    vocabulary: Vocabulary
    practices: list[Practice]
    cahiers: list[Cahier]
    intros: dict[str, Intro] = field(default_factory=dict)  # keyed by page src_uri
    history: History = field(default_factory=History)  # when each file was added and changed (git)

    def practices_with(self, taxonomy: str, term_id: str) -> list[Practice]:
        return [p for p in self.practices if term_id in p.terms(taxonomy)]

    def cahiers_with(self, taxonomy: str, term_id: str) -> list[Cahier]:
        return [c for c in self.cahiers if term_id in c.terms(taxonomy)]

    def practices_in(self, cahier_slug: str) -> list[Practice]:
        return [p for p in self.practices if cahier_slug in p.cahier]

    def practice_dates(self, practice: Practice):
        return self.history.dates(practice.source)

    def cahier_dates(self, cahier: Cahier):
        return self.history.dates(cahier.source, *(chapter.source for chapter in cahier.chapters))

    def newest_practices(self, practices: list[Practice]) -> list[Practice]:
        """Most recently added first (git history); without history by year, then title."""
        return self.history.newest_first(practices, self.practice_dates,
                                         lambda p: (-(p.year or 0), sort_key(p.title)))

    def cahier(self, slug: str) -> Cahier:
        return next(c for c in self.cahiers if c.slug == slug)
