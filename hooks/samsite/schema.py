"""The content schema, declared once.

It drives validation (``validate.py``), the scaffolding of new files, the form on
/bijdragen/ and the field tables of the redactiegids. Labels and help texts are Dutch:
editors read them.

A practice's taxonomy fields (strategy, sector, level, ...) are not listed here: they
come from ``vocabulaire.yml`` (``practice_collection(vocabulary)``), so a new taxonomy
is a change to the vocabulary only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache

from .vocabulary import Vocabulary


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


# The practice fields around the taxonomy fields, which take their place in the order of the vocabulary.
PRACTICE_FIELDS_BEFORE_TERMS = (
    Field("title", Kind.TEXT, True, "De naam van de praktijk, zoals lezers ze kennen.",
          "Gentse Wooncoalitie"),
    Field("summary", Kind.TEXT, True,
          "Eén of twee zinnen: wat is de praktijk en wat doet ze? Verschijnt in overzichten.",
          "Een coalitie van Gentse organisaties die samen opkomt voor betaalbaar wonen."),
    Field("organisation", Kind.TEXT, True, "De organisatie of het netwerk dat de praktijk trekt.",
          "Gent Samen Solidair"),
    Field("region", Kind.TEXT, False,
          "Waar de praktijk zich afspeelt: gemeente, regio of provincie. Laat weg als de bron het niet zegt.",
          "Gent"),
)
PRACTICE_FIELDS_AFTER_TERMS = (
    Field("year", Kind.YEAR, False,
          "Het jaar waarin de praktijk startte of het verhaal speelt. Laat weg als de bron het niet zegt.", 2024),
    Field("cahier", Kind.CAHIERS, False,
          "De slug(s) van de cahier(s) waarin de praktijk voorkomt (de mapnaam in cahiers/).",
          ["samen-het-verschil-maken"]),
    Field("links", Kind.LINKS, False, "Links naar meer informatie: elk met een title en een url.",
          [{"title": "Website van de praktijk", "url": "https://www.voorbeeld.be/"}]),
    Field("aliases", Kind.SLUGS, False,
          "Enkel na het hernoemen van dit bestand: de oude naam (zonder .md). Het oude webadres en het "
          "gedrukte QR-nummer blijven dan werken.", ["oude-naam-van-de-praktijk"]),
)



@cache
def practice_collection(vocabulary: Vocabulary) -> Collection:
    """The practice fields: the fixed ones and one TERMS field per taxonomy of the vocabulary."""
    terms = tuple(Field(taxonomy.key, Kind.TERMS, taxonomy.required, taxonomy.help, list(taxonomy.example),
                        taxonomy.key) for taxonomy in vocabulary.taxonomies)
    return Collection("praktijk", PRACTICE_FIELDS_BEFORE_TERMS + terms + PRACTICE_FIELDS_AFTER_TERMS)


CAHIER = Collection("cahier", (
    Field("title", Kind.TEXT, True, "De titel van het cahier zoals op de cover.",
          "Samen het verschil maken"),
    Field("number", Kind.NUMBER, True, "Het volgnummer van het cahier in de reeks.", 1),
    Field("year", Kind.YEAR, False, "Het jaar van verschijnen. Laat weg zolang het niet vaststaat.", 2025),
    Field("summary", Kind.TEXT, True, "Eén of twee zinnen over waar het cahier over gaat.",
          "Hoe coalities van bondgenoten sociaal onrecht samen publiek maken."),
    Field("strategy", Kind.TERMS, True, "De strategie(ën) die het cahier behandelt.",
          ["collectiviseren", "agenderen"], "strategy"),
    Field("pdf", Kind.URL, False, "Webadres van de gedrukte versie als PDF, als die er is.",
          "https://www.sam-vzw.be/cahier.pdf"),
    Field("published", Kind.FLAG, False,
          "Zet op true zodra het cahier gedrukt is: vanaf dan liggen de linknummers vast.", False),
    Field("links", Kind.LINKS, False,
          "Extra links voor de linkpagina die niet in de tekst staan: elk met een title en een url.",
          []),
))

def collections(vocabulary: Vocabulary) -> dict[str, Collection]:
    return {collection.name: collection for collection in (practice_collection(vocabulary), CAHIER)}

# Dutch names of the fields, as the form on /bijdragen/ shows them. A field of kind TERMS
# takes the label of its taxonomy (vocabulaire.yml); a field missing here shows its name.
LABELS = {
    "title": "Titel", "summary": "Samenvatting", "organisation": "Organisatie", "region": "Regio",
    "year": "Jaar", "cahier": "Cahier", "links": "Links", "number": "Nummer", "pdf": "PDF",
    "published": "Gedrukt",
}
