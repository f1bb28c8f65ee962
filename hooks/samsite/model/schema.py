"""The content schema, declared once.

It drives validation (``reading/validate.py``), the scaffolding of new files, the form on
/bijdragen/, the facts on a page and the field tables of the redactiegids. Labels and help
texts are Dutch: editors and readers see them.

The fields are declared once, on the attributes of the content model (``content.py``,
with ``fields.declare``); this module reads them in attribute order. A practice's taxonomy
fields (strategy, sector, level, ...) come from ``vocabulaire.yml``
(``practice_collection(vocabulary)``), so a new taxonomy is a change to the vocabulary only.
"""

from __future__ import annotations

from functools import cache

from .content import Cahier, Practice
from .fields import TAXONOMIES, Collection, Field, Kind, declared_fields
from .vocabulary import Vocabulary

__all__ = ["CAHIER", "CAHIER_TAXONOMY", "SHEET_TAXONOMY", "Collection", "Field", "Kind", "collections", "practice_collection"]


@cache
def practice_collection(vocabulary: Vocabulary) -> Collection:
    """The practice fields: those ``model.Practice`` declares, with one TERMS field per
    taxonomy of the vocabulary where the model holds its terms."""
    terms = [Field(taxonomy.key, Kind.TERMS, taxonomy.required, taxonomy.help, list(taxonomy.example),
                   taxonomy.key, taxonomy.label) for taxonomy in vocabulary.taxonomies]
    fields: list[Field] = []
    for item in declared_fields(Practice):
        fields += terms if item == TAXONOMIES else [item]
    return Collection("praktijk", tuple(fields))


CAHIER = Collection("cahier", tuple(declared_fields(Cahier)))

# The taxonomy the cahiers are organised by: the one the cahier's terms field names
# (``model.Cahier``). Everything organised like the cahiers follows it, so it is written
# nowhere else: the trainers' QR sheet per term, the rows of the practice map, the tiles on
# the home page, the cahier's facts card and feed categories, the vocabulary check that the
# list exists. (It is the cahier's schema, not a property in vocabulaire.yml: choosing
# another list renames a field in every cahier's front-matter.)
CAHIER_TAXONOMY: str = next(field.taxonomy for field in CAHIER.fields if field.kind is Kind.TERMS)
SHEET_TAXONOMY = CAHIER_TAXONOMY  # the taxonomy with a printed QR sheet per term (trainers' workshops)


def collections(vocabulary: Vocabulary) -> dict[str, Collection]:
    return {collection.name: collection for collection in (practice_collection(vocabulary), CAHIER)}

