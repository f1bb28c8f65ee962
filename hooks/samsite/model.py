"""The typed content model: what the loader produces and the page generators read."""

from __future__ import annotations

from dataclasses import dataclass, field

from .history import History
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Practice:
    slug: str
    source: str  # path relative to the project root
    title: str
    summary: str
    organisation: str
    strategy: tuple[str, ...]
    sector: tuple[str, ...]
    level: tuple[str, ...]
    body: str
    region: str | None = None
    year: int | None = None
    cahier: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    aliases: tuple[str, ...] = ()  # old slugs (renamed files): redirects and the same printed number

    def terms(self, taxonomy: str) -> tuple[str, ...]:
        return getattr(self, taxonomy)


@dataclass(frozen=True)
class Chapter:
    slug: str
    source: str
    title: str
    body: str  # Markdown without its H1 title line


@dataclass(frozen=True)
class Cahier:
    slug: str
    source: str
    title: str
    number: int
    summary: str
    strategy: tuple[str, ...]
    body: str
    year: int | None = None
    chapters: tuple[Chapter, ...] = ()
    pdf: str | None = None
    published: bool = False
    links: tuple[Link, ...] = ()

    def terms(self, taxonomy: str) -> tuple[str, ...]:
        return getattr(self, taxonomy, ())


@dataclass(frozen=True)
class Intro:
    """A hand-written text from ``docs/`` that a generated page starts with."""

    source: str
    title: str
    body: str


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
        from .pages.markdown import sort_key

        return self.history.newest_first(practices, lambda p: (p.source,),
                                         lambda p: (-(p.year or 0), sort_key(p.title)))

    def cahier(self, slug: str) -> Cahier:
        return next(c for c in self.cahiers if c.slug == slug)
