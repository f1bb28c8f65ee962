"""'Aan de slag' exercises found in Markdown, and the worksheets a new cahier gets without code."""

from __future__ import annotations

import pytest
from content_factory import ContentTree
from helpers import copy_project, run_build
from samsite.reading.exercises import Table, admonition_blocks, exercises
from samsite.reading.loader import load_site

CHAPTER = """# Eerste hoofdstuk

Inleiding met een [link](#tweede-hoofdstuk).

!!! question "Aan de slag: een lijst"

    Vertrek vanuit je eigen werk.

    1. Wie doet mee?
    2. Wie ontbreekt?

```markdown
!!! question "Aan de slag: dit is een codevoorbeeld"

    Geen oefening.
```

??? question "Ingeklapte vraag"
    Ook een oefening, ook zonder 'Aan de slag' in de titel, zie [de tweede](#tweede-hoofdstuk).

!!! tip "Aan de slag: als tip"

	Met een tab ingesprongen. Teken een schema met vakken voor **jongeren**, ouders, school en buurt.

	| | Dichtbij | Veraf |
	| --- | --- | --- |
	| Sterk | ... | |
	| Zwak | … | eigen tekst |

    Tekst na de tabel.

!!! note "Gewoon een opmerking"

    Geen oefening.

Gewone tekst.
"""


def test_admonition_blocks_end_at_the_first_line_with_less_indentation():
    blocks = admonition_blocks("!!! question \"A\"\n\n    een\n\n    twee\nbuiten\n")
    [(start, end, kind, title, body)] = blocks
    assert (start, end, kind, title) == (0, 5, "question", "A")
    assert body == ["", "een", "", "twee"]


def test_a_marker_in_code_is_no_exercise_as_the_renderer_reads_the_fences():
    """A fence of four backticks is not closed by three: the marker below is still code. The
    admonitions come from the one Markdown reading (markdown_source), not a fence toggle."""
    text = ("````markdown\n```\n!!! question \"Aan de slag: nog code\"\n    Geen oefening.\n````\n\n"
            "!!! question \"Aan de slag: echt\"\n    Wel een oefening.\n")
    assert [(start, title) for start, _, _, title, _ in admonition_blocks(text)] == [(6, "Aan de slag: echt")]


def test_a_box_inside_a_box_is_part_of_the_outer_exercise():
    text = "!!! question \"Buiten\"\n    Tekst.\n\n    !!! tip \"Binnen\"\n        Ook tekst.\nNa.\n"
    [(start, end, kind, title, body)] = admonition_blocks(text)
    assert (start, end, kind, title) == (0, 5, "question", "Buiten")
    assert body == ["Tekst.", "", '!!! tip "Binnen"', "    Ook tekst."]


def test_every_variant_of_an_exercise_is_found_and_code_is_not(tmp_path):
    tree = ContentTree(tmp_path)
    tree.cahier("werkboek", chapters={"01-eerste-hoofdstuk.md": CHAPTER,
                                      "02-tweede-hoofdstuk.md": "# Tweede hoofdstuk\n\nTekst.\n"})
    found = exercises(load_site(tmp_path).cahiers[0])
    assert [e.title for e in found] == ["Aan de slag: een lijst", "Ingeklapte vraag", "Aan de slag: als tip"]
    assert [e.number for e in found] == [1, 2, 3]
    first, _, third = found
    assert first.blocks == (("markdown", "Vertrek vanuit je eigen werk.\n\n1. Wie doet mee?\n2. Wie ontbreekt?"),)
    kinds = [kind for kind, _ in third.blocks]
    assert kinds == ["markdown", "fields", "table", "markdown"]
    assert third.fields == ("jongeren", "ouders", "school", "buurt")
    table = third.blocks[2][1]
    assert table == Table(("", "Dichtbij", "Veraf"), (("Sterk", "", ""), ("Zwak", "", "eigen tekst")))


@pytest.mark.slow
def test_a_new_cahier_gets_worksheets_and_links_without_code(tmp_path):
    project = copy_project(tmp_path / "project", with_content=False)  # build files, no content
    tree = ContentTree(project)
    tree.cahier("werkboek", number=7, chapters={"01-eerste-hoofdstuk.md": CHAPTER,
                                                "02-tweede-hoofdstuk.md": "# Tweede hoofdstuk\n\nTekst.\n"})
    tree.practice("een-praktijk")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    sheet = (tmp_path / "site/cahiers/werkboek/oefeningen/index.html").read_text(encoding="utf-8")
    for n in (1, 2, 3):
        assert f'id="oefening-{n}"' in sheet
    assert "dit is een codevoorbeeld" not in sheet.split('class="sam-werkbladen"')[1]
    assert 'class="sam-velden"' in sheet and 'class="sam-sjabloon"' in sheet
    assert 'href="../#tweede-hoofdstuk"' in sheet  # a link to the cahier page still leads there
    assert (tmp_path / "site/h/7-1/index.html").is_file()
    cahier = (tmp_path / "site/cahiers/werkboek/index.html").read_text(encoding="utf-8")
    for n in (1, 2, 3):
        assert f'href="oefeningen/#oefening-{n}"' in cahier


def test_a_cahier_without_exercises_says_so(tmp_path):
    tree = ContentTree(tmp_path)
    tree.cahier("leeg", chapters={"01-a.md": "# A\n\nGeen oefeningen hier.\n"})
    assert exercises(load_site(tmp_path).cahiers[0]) == []
