"""Loader and validation: real files in, typed model or precise Dutch errors out."""

from __future__ import annotations

import pytest
from content_factory import ContentTree
from samsite.errors import ContentError
from samsite.reading.loader import load_site


@pytest.fixture
def tree(tmp_path) -> ContentTree:
    return ContentTree(tmp_path)


def issues_of(tree: ContentTree) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_site(tree.root)
    return [issue.format() for issue in caught.value.issues]


def test_loads_a_practice_into_the_typed_model(tree):
    tree.cahier("testcahier", chapters={"01-begin.md": "# Begin\n\nTekst.\n", "02-eind.md": "# Eind\n\nSlot.\n"})
    tree.practice("wooncoalitie", strategy="[agenderen, verandering-eisen]", sector="wonen",
                  extra="year: 2024\ncahier: testcahier\nlinks:\n  - title: Site\n    url: https://example.org/\n")
    site = load_site(tree.root)
    practice = site.practices[0]
    assert practice.slug == "wooncoalitie"
    assert practice.terms("strategy") == ("agenderen", "verandering-eisen")
    assert practice.terms("sector") == ("wonen",)  # a single value becomes a one-item tuple
    assert practice.year == 2024
    assert practice.links[0].url == "https://example.org/"
    assert practice.body == "Het verhaal van deze praktijk."
    cahier = site.cahiers[0]
    assert [chapter.title for chapter in cahier.chapters] == ["Begin", "Eind"]
    assert site.practices_in("testcahier") == [practice]


def test_unknown_strategy_names_file_line_and_suggestion(tree):
    tree.practice("typo", strategy="[agendren]")
    [message] = issues_of(tree)
    assert message.startswith("praktijken/typo.md:6: strategy: onbekende strategie 'agendren'")
    assert "bedoelde je 'agenderen'?" in message


def test_missing_required_fields_are_all_reported(tree):
    tree.write("praktijken/leeg.md", "---\ntitle: Alleen een titel\n---\n\nTekst.\n")
    messages = issues_of(tree)
    for field in ("summary", "organisation", "strategy", "sector", "level"):
        assert any(f"praktijken/leeg.md:1: {field}: verplicht veld ontbreekt" in m for m in messages), field
    # Where and when are left out when no source gives them: never a required guess.
    assert not any(": region:" in m or ": year:" in m for m in messages)


def test_unknown_sector_and_level_are_rejected(tree):
    tree.practice("fout", sector="[huisvesting]", level="[gemeentelijk]")
    messages = issues_of(tree)
    assert any(":7: sector: onbekende sector 'huisvesting'" in m for m in messages)
    assert any(":8: level: onbekende niveau 'gemeentelijk'" in m for m in messages)


def test_reference_to_missing_cahier_is_rejected(tree):
    tree.practice("verwijzing", extra="cahier: [bestaat-niet]\n")
    [message] = issues_of(tree)
    assert message.startswith("praktijken/verwijzing.md:9: cahier: er bestaat geen cahier 'bestaat-niet'")


def test_invalid_yaml_names_the_line_instead_of_becoming_empty(tree):
    tree.write("praktijken/kapot.md", "---\ntitle: Kapot\nstrategy: [agenderen\nsector: wonen\n---\n\nTekst.\n")
    [message] = issues_of(tree)
    assert message.startswith("praktijken/kapot.md:")
    assert "front-matter" in message and "]" in message


def test_every_problem_in_every_file_is_reported_at_once(tree):
    tree.practice("een", strategy="[onbekend]")
    tree.practice("twee", level="[nergens]")
    messages = issues_of(tree)
    assert {m.split(":")[0] for m in messages} == {"praktijken/een.md", "praktijken/twee.md"}


def test_vocabulary_is_data_a_new_term_needs_no_code(tree):
    vocabulary = tree.root / "vocabulaire.yml"
    text = vocabulary.read_text(encoding="utf-8")
    marker = "    - id: duurzaamheid\n"
    new_term = ("    - id: onderwijs\n      label: Onderwijs\n      beschrijving: Scholen en leerlingen.\n")
    vocabulary.write_text(text.replace(marker, new_term + marker), encoding="utf-8")
    tree.practice("school", sector="[onderwijs]")
    site = load_site(tree.root)
    assert site.practices_with("sector", "onderwijs")[0].slug == "school"
    assert "onderwijs" in site.vocabulary["sector"]
