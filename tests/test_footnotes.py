"""Footnotes in cahiers and practices: the checks name every bad footnote in Dutch, the link
numbering reads the links in them, the safety net lets their HTML through, and the real
strict build renders them with back-links, a cahier's at the end of its own chapter."""

from __future__ import annotations

import re

import pytest
from content_factory import cahier_text
from helpers import run_build, snapshot
from test_check import (
    BAD,
    CAHIER,
    CHAPTER,
    Case,
    case_tests,
    make_project,
    run_check,
    story,
    template,  # noqa: F401 (the fixture the case tests ask for)
)
from test_check import STORY_LINE as S

CH = "cahiers/testcahier/02-verder.md"


def chapter(*lines: str) -> dict:
    return {CH: "# Verder\n\n" + "\n".join(lines) + "\n"}


NO_TEXT = ("de voetnoot '[^bron]' heeft geen tekst", "[^bron]: tekst van de voetnoot")
UNUSED = ("de voetnoot '[^extra]' staat nergens in de tekst", "zet [^extra] in de tekst")
TWICE = ("de voetnoot '[^1]' heeft al een tekst op regel", "geef elke voetnoot een eigen label")

CASES = [
    Case("reference-without-definition", {BAD: story("Zoals gezegd[^bron].")}, BAD, S, *NO_TEXT, build=True),
    Case("definition-without-reference", {BAD: story("Tekst[^1].", "", "[^1]: Eerste.", "[^extra]: Vergeten.")},
         BAD, S + 3, *UNUSED),
    Case("duplicate-definition", {BAD: story("Tekst[^1].", "", "[^1]: Eerste.", "", "[^1]: Nog eens.")},
         BAD, S + 4, *TWICE, build=True),
    Case("reference-in-chapter-without-definition", chapter("Een bewering[^bron]."), CH, 3, *NO_TEXT),
    # each chapter has its own notes: a note defined in another chapter does not count
    Case("definition-in-another-chapter", {CHAPTER: "# Begin\n\nTekst.\n\n[^bron]: Elders.\n",
                                           **chapter("Een bewering[^bron].")}, CH, 3, *NO_TEXT),
    Case("label-with-a-space", {BAD: story("Tekst.", "", "[^mijn bron]: Een boek.")},
         BAD, S + 2, "de voetnoot '[^mijn bron]' wordt niet gelezen", "een label heeft geen spaties"),
    Case("bad-link-in-footnote", {BAD: story("Tekst[^1].", "", "[^1]: Zie [dit](javascript:alert(1)).")},
         BAD, S + 2, "niet met 'javascript:'", "link naar een gewone webpagina"),
]


test_check_names_file_line_and_hint, test_strict_build_stops_with_the_same_report = case_tests(CASES)


def test_a_footnote_definition_is_no_link_with_a_space(template, tmp_path):
    """The old report: '[^1]: Een bron met spaties' was read as a link definition."""
    case = Case("valid", {BAD: story("Tekst[^1].", "", "[^1]: Een bron met spaties, p. 12.")}, "", 0, "", "")
    result = run_check(make_project(template, tmp_path / "project", case))
    assert result.returncode == 0, result.stderr
    assert "spatie" not in result.stdout + result.stderr


@pytest.mark.slow
def test_footnotes_render_with_back_links_and_at_the_end_of_their_chapter(template, tmp_path):
    files = {
        CAHIER: cahier_text(title="Testcahier", body="Inleiding met een noot[^1].\n\n[^1]: Noot van de inleiding.\n"),
        CHAPTER: "# Begin\n\nEerste hoofdstuk[^1] met [een link](https://tekst.example/een) en nog[^2].\n\n"
                 "[^1]: Bron een, zie [het rapport](https://noot.example/een).\n\n[^2]: Bron twee.\n",
        CH: "# Verder\n\nTweede hoofdstuk[^1].\n\n[^1]: Bron van het tweede hoofdstuk.\n\n"
            "    Een tweede alinea met [een link](https://noot.example/twee).\n",
        BAD: story("Een verhaal[^a].", "", "[^a]: De noot van het verhaal."),
    }
    project = make_project(template, tmp_path / "project", Case("valid", files, "", 0, "", ""))
    checked = run_check(project)
    assert checked.returncode == 0, checked.stderr
    before = snapshot(project)
    built = run_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    assert snapshot(project) == before
    page = (tmp_path / "site" / "cahiers" / "testcahier" / "index.html").read_text(encoding="utf-8")
    article = page.split("<article")[1].split("</article>")[0]
    # every reference links to its note, every note back to its reference
    refs = re.findall(r'<sup id="fnref:([^"]+)"><a class="footnote-ref" href="#fn:([^"]+)">(\d+)</a>', article)
    assert [(a, n) for a, _, n in refs] == [("h0-1", "1"), ("h1-1", "2"), ("h1-2", "3"), ("h2-1", "4")]
    for label, _, _ in refs:
        assert f'<li id="fn:{label}">' in article
        assert f'class="footnote-backref" href="#fnref:{label}"' in article
    assert "Terug naar de tekst bij voetnoot 4" in article
    # each chapter's notes stand at its end: before the next chapter's heading, numbered on
    positions = {name: article.index(needle) for name, needle in (
        ("intro-note", 'id="fn:h0-1"'), ("begin", 'id="begin"'), ("note-1", 'id="fn:h1-1"'),
        ("verder", 'id="verder"'), ("note-2", 'id="fn:h2-1"'), ("praktijken", 'id="praktijken"'))}
    assert positions["intro-note"] < positions["begin"] < positions["note-1"] < positions["verder"] \
        < positions["note-2"] < positions["praktijken"]
    assert '<ol start="2">' in article and '<ol start="4">' in article
    assert article.count('<div class="footnote">') == 3 and 'sam-notes' not in article
    # the printed link numbers read a chapter's text, then its notes
    links = (tmp_path / "site" / "cahiers" / "testcahier" / "links" / "index.html").read_text(encoding="utf-8")
    order = [links.index(url) for url in ("tekst.example/een", "noot.example/een", "noot.example/twee")]
    assert order == sorted(order)
    story_page = (tmp_path / "site" / "praktijken" / "fout" / "index.html").read_text(encoding="utf-8")
    assert 'href="#fn:a"' in story_page and 'class="footnote-backref" href="#fnref:a"' in story_page


def test_print_hides_back_links_and_keeps_notes_together():
    from helpers import ROOT
    css = (ROOT / "docs" / "assets" / "sam.css").read_text(encoding="utf-8")
    printed = css[css.index("/* Footnotes"):]
    assert ".footnote-backref" in printed and "display: none" in printed and "break-inside: avoid-page" in printed
