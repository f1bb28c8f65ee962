"""The typed content model: what the loader produces and the page generators read.

A practice holds its terms per taxonomy in one mapping (``practice.terms("sector")``):
the taxonomies are data (``vocabulaire.yml``), so the model names none of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

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
    body: str
    region: str | None = None
    year: int | None = None
    cahier: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    aliases: tuple[str, ...] = ()  # old slugs (renamed files): redirects and the same printed number
    # taxonomy key -> term ids, in the editor's order; a taxonomy the practice leaves empty is absent
    taxonomy_terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)

    def terms(self, taxonomy: str) -> tuple[str, ...]:
        return self.taxonomy_terms.get(taxonomy, ())


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

    def practices_with(self, taxonomy: str, term_id: str) -> list[Practice]:
        return [p for p in self.practices if term_id in p.terms(taxonomy)]

    def cahiers_with(self, taxonomy: str, term_id: str) -> list[Cahier]:
        return [c for c in self.cahiers if term_id in c.terms(taxonomy)]

    def practices_in(self, cahier_slug: str) -> list[Practice]:
        return [p for p in self.practices if cahier_slug in p.cahier]

    def cahier(self, slug: str) -> Cahier:
        return next(c for c in self.cahiers if c.slug == slug)
