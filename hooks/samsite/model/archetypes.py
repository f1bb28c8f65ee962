"""Archetypes: the text of a new practice or cahier, written from the schema and the vocabulary.

Every field of the collection with its Dutch explanation, its choices and an example, as
commented front-matter (``make praktijk``/``make cahier``, the Word import), and the file name
a title gives. The proposal form on /bijdragen/ shows the same headings and name rules.
Files are written elsewhere (tools/scaffold.py); this module only makes text.
"""

from __future__ import annotations

import yaml

from ..text.slugs import slug as make_slug
from .schema import CAHIER, Collection, Field, Kind, practice_collection
from .vocabulary import ID_PATTERN, Vocabulary

MAX_SLUG = 60
FIRST_CHAPTER = "01-eerste-hoofdstuk.md"


class ScaffoldError(Exception):
    """A Dutch explanation of why nothing was created."""


def slugify(title: str) -> str:
    """'Buurtwerk Café De Kaai!' -> 'buurtwerk-cafe-de-kaai' (ascii, lowercase, hyphens)."""
    return make_slug(title, MAX_SLUG)


def _yaml_line(name: str, value: object) -> str:
    flow = None if isinstance(value, list) else False  # lists as [a, b], the rest as 'name: value'
    return yaml.safe_dump({name: value}, allow_unicode=True, default_flow_style=flow, width=1000).strip()


def _comment(text: str) -> list[str]:
    return [f"# {line}".rstrip() for line in text.split("\n")]


def field_block(field: Field, vocabulary: Vocabulary, cahiers: list[str], value: object = None) -> str:
    """The commented lines for one field, then the field itself (empty unless ``value``)."""
    status = "verplicht" if field.required else "niet verplicht"
    lines = _comment(f"{field.name} ({status}, {field.kind.value})\n{field.help}")
    if field.kind is Kind.TERMS:
        taxonomy = vocabulary[field.taxonomy]
        lines += _comment(f"Kies één of meer {taxonomy.plural.lower()} (id: naam):")
        lines += [f"#   {term.id}: {term.label}" for term in taxonomy.terms]
    elif field.kind is Kind.CAHIERS:
        lines += _comment("Kies uit: " + (", ".join(cahiers) if cahiers else "(nog geen cahiers)"))
    if field.kind is Kind.LINKS and field.example:
        lines += _comment("Bijvoorbeeld:\n" + yaml.safe_dump({field.name: field.example}, allow_unicode=True,
                                                               sort_keys=False, width=1000).rstrip())
    elif field.example not in (None, [], ""):
        lines += _comment(f"Bijvoorbeeld: {_yaml_line(field.name, field.example)}")
    if value is not None:
        lines.append(_yaml_line(field.name, value))
    elif field.kind in (Kind.TERMS, Kind.CAHIERS, Kind.LINKS, Kind.SLUGS):
        lines.append(f"{field.name}: []")
    else:
        lines.append(f"{field.name}:")
    return "\n".join(lines)


def front_matter(collection: Collection, vocabulary: Vocabulary, cahiers: list[str],
                 values: dict, header: str, footer: str) -> str:
    blocks = ["\n".join(_comment(header))]
    blocks += [field_block(field, vocabulary, cahiers, values.get(field.name)) for field in collection.fields]
    blocks.append("\n".join(_comment(footer)))
    return "---\n" + "\n\n".join(blocks) + "\n---\n\n"


HEADER = ("{soort}. Vul elk veld in; 'make check' zegt welke nog leeg zijn.\n"
          "Regels die met # beginnen zijn uitleg: laten staan of weghalen mag allebei.\n"
          "Tekst met een dubbele punt (:) zet je tussen aanhalingstekens: \"Wonen: een recht\".\n"
          "Een lijst schrijf je tussen [ ], met komma's: [agenderen, collectiviseren].\n"
          "Meer uitleg: de redactiegids (docs/redactiegids.md, of /redactiegids/ op de site).")
# The section headings the existing practices use (also the start of the story on /bijdragen/).
STORY_HEADINGS = ("De kwestie", "Wie doet mee", "Hoe ze politiseren", "Wat je ervan kan leren")
PRACTICE_FOOTER = ("Het verhaal schrijf je onder de regel '---' hieronder, in Markdown. De andere praktijken\n"
                   "gebruiken de tussenkoppen '## {}', '## {}', '## {}'\n"
                   "en '## {}'.".format(*STORY_HEADINGS))
CAHIER_FOOTER = ("De inleiding van het cahier schrijf je onder de regel '---' hieronder. Elk hoofdstuk is\n"
                 "een eigen bestand in deze map, in de volgorde van de naam: 01-....md, 02-....md, met op\n"
                 "de eerste regel '# Titel van het hoofdstuk' en daaronder de tekst.")


FIRST_CHAPTER_TEXT = "# Eerste hoofdstuk\n\n"


def practice_text(vocabulary: Vocabulary, cahiers: list[str], title: str) -> str:
    return front_matter(practice_collection(vocabulary), vocabulary, cahiers, {"title": " ".join(title.split())},
                        HEADER.format(soort="Nieuwe praktijk"), PRACTICE_FOOTER)


def cahier_text(vocabulary: Vocabulary, cahiers: list[str], title: str, number: int) -> str:
    # No year filled in: it is the year of printing, which the editor knows and we do not.
    values = {"title": " ".join(title.split()), "number": number, "published": False}
    return front_matter(CAHIER, vocabulary, cahiers, values, HEADER.format(soort="Nieuw cahier"), CAHIER_FOOTER)


def slug_for(title: str) -> str:
    """The file name of a new practice or cahier, from its title; ScaffoldError says why not."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("geef een titel, bv. make praktijk TITLE=\"Buurtwerk De Kaai\"")
    slug = slugify(title)
    if not ID_PATTERN.match(slug):
        raise ScaffoldError(f"uit de titel '{title}' valt geen bestandsnaam te maken; gebruik letters of cijfers")
    return slug
