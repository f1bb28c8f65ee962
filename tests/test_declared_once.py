"""Each fact of the build is declared once and then used: a second declaration fails here.

The facts: the Dutch label of a front-matter field (on its ``declare``), the order of titles
(``slugs.sort_key``), the cache folders (``build/cache.py``) and which files are content
(``reading/content_files.Layout``). Each test reads the source of ``hooks/`` (as
tests/test_taxonomy_as_data.py does for the taxonomy keys), so a copy written elsewhere is
found where it is written.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT
from samsite.model.content import Practice
from samsite.model.fields import Kind, declare
from samsite.model.schema import CAHIER, practice_collection
from samsite.reading.content_files import Layout
from samsite.reading.vocabulary_file import load_vocabulary

HOOKS = ROOT / "hooks"


def constants(path: Path) -> list[tuple[int, str]]:
    """Every string constant in a Python file, with its line."""
    return [(node.lineno, node.value) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def where(predicate, allowed: set[str] = frozenset()) -> list[str]:
    """'file:line: constant' for each string constant in hooks/ that ``predicate`` accepts,
    outside the ``allowed`` files (relative to hooks/)."""
    found = []
    for path in sorted(HOOKS.rglob("*.py")):
        name = path.relative_to(HOOKS).as_posix()
        if name not in allowed:
            found += [f"{name}:{line}: {value!r}" for line, value in constants(path) if predicate(value)]
    return found


def vocabulary():
    return load_vocabulary(ROOT / Layout(ROOT).vocabulary, "vocabulaire.yml")


# -- Field labels ---------------------------------------------------------------------------

def test_every_field_has_its_label_on_its_declaration():
    fields = [*practice_collection(vocabulary()).fields, *CAHIER.fields]
    assert all(field.label for field in fields if field.kind is not Kind.TERMS), fields
    taxonomies = {taxonomy.key: taxonomy.label for taxonomy in vocabulary().taxonomies}
    assert {field.name: field.label for field in practice_collection(vocabulary()).fields
            if field.kind is Kind.TERMS} == taxonomies
    assert practice_collection(vocabulary()).label("organisation") == "Organisatie"


def test_a_field_without_a_label_cannot_be_declared():
    with pytest.raises(TypeError, match="label"):
        declare(Kind.TEXT, True, "Uitleg.")
    with pytest.raises(TypeError, match="label"):
        declare(Kind.TERMS, True, "Uitleg.", taxonomy="strategy", label="Strategie")
    assert Practice.__dataclass_fields__["region"].metadata  # the model itself declares with labels


def test_a_field_label_is_written_only_on_its_declaration():
    """The facts on a page, the form on /bijdragen/ and anything else read ``field.label``:
    no module spells a label again (a second table of labels, a row written by hand)."""
    labels = {field.label for field in (*practice_collection(vocabulary()).fields, *CAHIER.fields)
              if field.kind is not Kind.TERMS}
    assert "Organisatie" in labels and "PDF" in labels
    assert where(lambda value: value in labels, {"samsite/model/content.py"}) == []
