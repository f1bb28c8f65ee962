"""The vocabulary: the taxonomies (strategies, sectors, levels, ...) of ``vocabulaire.yml``
(read and checked by ``reading/vocabulary_file.py``).

A taxonomy is data: its key (the front-matter field), label, plural, URL path, whether a
practice must name a term of it (``required``), the help text editors see (``uitleg``),
an example (``voorbeeld``) and its terms. Everything that handles practices' terms
(validation, term pages, cards, related practices, search facets, the map, the feed,
scaffolds, the form, the guide) loops over ``Vocabulary.taxonomies``: adding a block to
``vocabulaire.yml`` is all a new taxonomy takes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NUMBER_WORDS = {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht", 9: "negen", 10: "tien"}


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Taxonomy:
    key: str  # the front-matter field that names terms of it: strategy, sector, level
    label: str  # singular Dutch label
    plural: str
    path: str  # URL segment of its pages
    terms: tuple[Term, ...]
    required: bool = True  # a practice must name at least one term
    help: str = ""  # Dutch, one sentence for scaffolds, the form and the guide ('uitleg')
    example: tuple[str, ...] = ()  # term ids shown as example ('voorbeeld'); default the first term

    def ids(self) -> list[str]:
        return [term.id for term in self.terms]

    def get(self, term_id: str) -> Term:
        return next(term for term in self.terms if term.id == term_id)

    def __contains__(self, term_id: object) -> bool:
        return any(term.id == term_id for term in self.terms)


@dataclass(frozen=True)
class Vocabulary:
    taxonomies: tuple[Taxonomy, ...]

    def __getitem__(self, key: str) -> Taxonomy:
        return next(tax for tax in self.taxonomies if tax.key == key)

    def keys(self) -> list[str]:
        return [tax.key for tax in self.taxonomies]

    def __contains__(self, key: object) -> bool:
        return any(tax.key == key for tax in self.taxonomies)

    def names(self, conjunction: str = "en") -> str:
        """The taxonomies' labels as a Dutch list: 'strategie, sector en niveau'."""
        return join_words([tax.label.lower() for tax in self.taxonomies], conjunction)

    def count_word(self) -> str:
        """How many taxonomies, as in 'alle drie' ('beide' for two)."""
        count = len(self.taxonomies)
        return "beide" if count == 2 else f"alle {NUMBER_WORDS.get(count, str(count))}"


def join_words(words: list[str], conjunction: str = "en") -> str:
    """'a, b en c': a Dutch enumeration."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
