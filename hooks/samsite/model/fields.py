"""The vocabulary of the schema: kinds of field and how a model attribute declares one.

A front-matter field is declared once, on the attribute of the content model that holds
it (``content.py``), with ``declare(kind, required, help, example)``. ``schema.py`` reads
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


@dataclass(frozen=True)
class Collection:
    name: str  # 'praktijk' or 'cahier'
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        return next(field for field in self.fields if field.name == name)

    def names(self) -> list[str]:
        return [field.name for field in self.fields]


def declare(kind: Kind, required: bool, help: str, example: object = None, *,
            taxonomy: str | None = None, default: Any = dataclasses.MISSING) -> Any:
    """A model attribute that is also a front-matter field (a required one has no default)."""
    declaration = {SCHEMA: (kind, required, help, example, taxonomy)}
    if default is dataclasses.MISSING:
        return dataclasses.field(metadata=declaration)
    return dataclasses.field(default=default, metadata=declaration)


def declared_fields(model: type) -> list[Field | str]:
    """The front-matter fields a model declares, in attribute order; ``TAXONOMIES`` marks
    where a practice's taxonomy fields go."""
    found: list[Field | str] = []
    for attribute in dataclasses.fields(model):
        if SCHEMA in attribute.metadata:
            kind, required, help_text, example, taxonomy = attribute.metadata[SCHEMA]
            found.append(Field(attribute.name, kind, required, help_text, example, taxonomy))
        elif TAXONOMIES in attribute.metadata:
            found.append(TAXONOMIES)
    return found
