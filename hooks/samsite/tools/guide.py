"""Tables for the redactiegids (docs/redactiegids.md), made from the schema and vocabulary.

The guide shows the same fields, values and file templates the check and the scaffolding
use, so it cannot drift from them. hooks/macros.py exposes these to the page.
"""

from __future__ import annotations

import re

from ..model.archetypes import cahier_text, practice_text
from ..model.schema import Kind, collections
from ..model.vocabulary import Vocabulary
from ..pages.markdown import text


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def _example(field) -> str:
    if field.example in (None, "", []):
        return ""
    if field.kind is Kind.LINKS:
        return "zie het voorbeeld hieronder"
    if isinstance(field.example, list):
        return f"`{field.name}: [{', '.join(map(str, field.example))}]`"
    value = str(field.example).lower() if isinstance(field.example, bool) else str(field.example)
    return f"`{field.name}: {value}`"


def field_table(kind: str, vocabulary: Vocabulary) -> str:
    """One row per field of a practice or cahier: name, required, what, allowed values."""
    rows = ["| Veld | Verplicht | Wat je invult | Soort en voorbeeld |", "| --- | --- | --- | --- |"]
    for field in collections(vocabulary)[kind].fields:
        allowed = field.kind.value
        if field.kind is Kind.TERMS:
            taxonomy = vocabulary[field.taxonomy]
            allowed = f"één of meer ids uit [{taxonomy.plural}](#{taxonomy.path})"
        example = _example(field)
        rows.append(f"| `{field.name}` | {'ja' if field.required else 'nee'} | {_cell(text(field.help))} | "
                    f"{_cell(allowed)}{'<br>' + _cell(example) if example else ''} |")
    return "\n".join(rows) + "\n"


def vocabulary_tables(vocabulary: Vocabulary) -> str:
    """Per taxonomy a heading (anchor = its path) and its terms: id, label, description."""
    parts = []
    for taxonomy in vocabulary.taxonomies:
        parts.append(f"### {text(taxonomy.plural)} (`{taxonomy.key}`) {{ #{taxonomy.path} }}\n")
        rows = ["| id | Naam op de site | Beschrijving |", "| --- | --- | --- |"]
        rows += [f"| `{term.id}` | {_cell(text(term.label))} | {_cell(text(term.description))} |"
                 for term in taxonomy.terms]
        parts.append("\n".join(rows) + "\n")
    return "\n".join(parts)


def scaffold_example(kind: str, vocabulary: Vocabulary, cahiers: list[str]) -> str:
    """What `make praktijk` / `make cahier` writes, as a code block."""
    if kind == "praktijk":
        content = practice_text(vocabulary, cahiers, "Buurtwerk De Kaai")
    else:
        content = cahier_text(vocabulary, cahiers, "Verandering van onderuit", 2)
    return f"```yaml\n{content.rstrip()}\n```\n"


# -- The guide as committed Markdown -------------------------------------------------------------
#
# docs/redactiegids.md is read on GitHub (where editors work) as well as on the site, so its
# tables are written into the file itself, between two marker lines that neither shows:
#
#     [//]: # (gids: velden praktijk)
#     ...generated...
#     [//]: # (einde gids)
#
# `make gids` rewrites them; a test fails when the file is stale.

GUIDE = "docs/redactiegids.md"
_BLOCK = re.compile(r"^\[//\]: # \(gids: (?P<what>[^)]*)\)\n.*?^\[//\]: # \(einde gids\)$", re.M | re.S)
EXAMPLE_CAHIERS = ["samen-het-verschil-maken"]  # the scaffold's list of cahiers, fixed: content may change


def block(what: str, vocabulary: Vocabulary) -> str:
    kind, _, argument = what.partition(" ")
    if kind == "velden":
        return field_table(argument, vocabulary)
    if kind == "vocabulaire":
        return vocabulary_tables(vocabulary)
    if kind == "sjabloon":
        return scaffold_example(argument, vocabulary, EXAMPLE_CAHIERS)
    raise ValueError(f"onbekend blok in de redactiegids: '{what}'")


def fill_guide(text: str, vocabulary: Vocabulary) -> str:
    """The guide with every generated block brought up to date."""
    def replace(match: re.Match) -> str:
        what = match.group("what").strip()
        return f"[//]: # (gids: {what})\n\n{block(what, vocabulary).rstrip()}\n\n[//]: # (einde gids)"
    return _BLOCK.sub(replace, text)
