"""The vocabulary of the schema: kinds of field and how a model attribute declares one.

A front-matter field is declared once, on the attribute of the content model that holds
it (``content.py``), with ``declare(kind, required, help, example, label=...)``: the
label is the field's Dutch name wherever a reader or editor sees it (the facts on a page,
the form on /bijdragen/); a field of kind TERMS takes its taxonomy's label instead. ``schema.py`` reads
those declarations, in the order of the attributes, into the collections that drive
validation, scaffolds, the form on /bijdragen/ and the guide.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum
from typing import Any

SCHEMA = "samsite.schema"  # the key of a declaration in a dataclass field's metadata
TAXONOMIES = "samsite.taxonomies"  # marks the attribute that holds a practice's terms per taxonomy


class Kind(Enum):
    TEXT = "tekst"
    YEAR = "jaartal"
    NUMBER = "geheel getal"
    FLAG = "true of false"
    TERMS = "één of meer ids uit het vocabulaire"
    CAHIERS = "één of meer cahier-slugs"
    LINKS = "lijst van links (title en url)"
    URL = "webadres (https://...)"
    SLUGS = "één of meer oude bestandsnamen (zonder .md)"


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    required: bool
    help: str  # Dutch, one sentence, shown in scaffolds and the editor guide
    example: object = None
    taxonomy: str | None = None  # for Kind.TERMS: the vocabulary key
    label: str = ""  # Dutch name for readers and editors; a TERMS field: its taxonomy's label


@dataclass(frozen=True)
class Collection:
    name: str  # 'praktijk' or 'cahier'
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        return next(field for field in self.fields if field.name == name)

    def label(self, name: str) -> str:
        """The Dutch name of a field, as the facts on a page and the form show it."""
        return self.field(name).label

    def names(self) -> list[str]:
        return [field.name for field in self.fields]


def declare(kind: Kind, required: bool, help: str, example: object = None, *, label: str = "",
            taxonomy: str | None = None, default: Any = dataclasses.MISSING) -> Any:
    """A model attribute that is also a front-matter field (a required one has no default).

    Every field but a TERMS field has a ``label``; a TERMS field is named by its taxonomy."""
    if bool(label) == (kind is Kind.TERMS):
        raise TypeError(f"declare({kind.name}): a label for every field but TERMS, whose taxonomy names it")
    declaration = {SCHEMA: (kind, required, help, example, taxonomy, label)}
    if default is dataclasses.MISSING:
        return dataclasses.field(metadata=declaration)
    return dataclasses.field(default=default, metadata=declaration)


def declared_fields(model: type) -> list[Field | str]:
    """The front-matter fields a model declares, in attribute order; ``TAXONOMIES`` marks
    where a practice's taxonomy fields go."""
    found: list[Field | str] = []
    for attribute in dataclasses.fields(model):
        if SCHEMA in attribute.metadata:
            kind, required, help_text, example, taxonomy, label = attribute.metadata[SCHEMA]
            found.append(Field(attribute.name, kind, required, help_text, example, taxonomy, label))
        elif TAXONOMIES in attribute.metadata:
            found.append(TAXONOMIES)
    return found
