"""Fixed practice numbers (/p/<n>/ on printed cards) and aliases for renamed practices."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, copy_project, run_build, samsite, snapshot
from samsite.build import pipeline
from samsite.errors import ContentError
from samsite.numbering.practice_numbers import REGISTRY, read_registry
from samsite.reading.loader import load_site

GENT = "praktijken/gentse-wooncoalitie.md"


def registry(project: Path) -> dict[str, int]:
    return {entry["slug"]: entry["number"] for entry in yaml.safe_load((project / REGISTRY).read_text(encoding="utf-8"))}


def redirect(site_dir: Path, path: str) -> str:
    page = (site_dir / path / "index.html").read_text(encoding="utf-8")
    return html.unescape(re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page).group(1))


def make_links(project: Path) -> subprocess.CompletedProcess:
    return samsite("links", project, in_process=True)


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def test_every_practice_of_the_repository_has_a_fixed_number():
    """`make links` ran: every practice of the real content has a fixed number."""
    site = load_site(ROOT)
    _, numbering = pipeline.numbered(site, ROOT)
    assert not numbering.unnumbered
    assert set(numbering.numbers) == {p.slug for p in site.practices}
    assert len(set(numbering.numbers.values())) == len(site.practices)
    entries, issues = read_registry(ROOT)
    assert not issues and {e["slug"]: e["number"] for e in entries} == numbering.numbers


@pytest.mark.slow
def test_a_renamed_practice_without_alias_fails_with_a_dutch_explanation(project, tmp_path):
    number = registry(project)["gentse-wooncoalitie"]
    (project / GENT).rename(project / "praktijken/wooncoalitie-gent.md")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    line = (project / REGISTRY).read_text(encoding="utf-8").split("\n").index("  slug: gentse-wooncoalitie") + 1
    assert f"{REGISTRY}:{line}: nummers: praktijk {number} ('gentse-wooncoalitie') bestaat niet meer" in output
    assert "aliases: [gentse-wooncoalitie]" in output and "redirect:" in output


@pytest.mark.slow
@pytest.mark.parametrize("written", ["gentse-wooncoalitie", "gentse-wooncoalitie.md", "/praktijken/gentse-wooncoalitie/"])
def test_a_renamed_practice_with_alias_keeps_its_number_and_its_old_address(project, tmp_path, written):
    number = registry(project)["gentse-wooncoalitie"]
    text = (project / GENT).read_text(encoding="utf-8")
    (project / GENT).unlink()
    (project / "praktijken/wooncoalitie-gent.md").write_text(
        text.replace("---\n", f"---\naliases: [{written}]\n", 1), encoding="utf-8")
    before = snapshot(project)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert snapshot(project) == before  # a build never writes the registry
    site_dir = tmp_path / "site"
    assert redirect(site_dir, f"p/{number}") == "../../praktijken/wooncoalitie-gent/"
    assert redirect(site_dir, "praktijken/gentse-wooncoalitie") == "../../praktijken/wooncoalitie-gent/"
    assert (site_dir / "praktijken/wooncoalitie-gent/index.html").is_file()
    # the strategy sheet prints the same number
    sheet = (site_dir / "strategieen/agenderen/qr/index.html").read_text(encoding="utf-8")
    assert f'data-qr="http://127.0.0.1:8000/p/{number}/"' in sheet
    # `make links` keeps the number
    assert make_links(project).returncode == 0
    assert registry(project)["gentse-wooncoalitie"] == number


def test_a_new_practice_has_no_number_until_make_links_fixes_the_next_one(project, tmp_path):
    before = registry(project)
    new = project / "praktijken/aaa-nieuwe-praktijk.md"  # sorts first: must not shift any fixed number
    new.write_text((project / GENT).read_text(encoding="utf-8").replace("title: Gentse Wooncoalitie",
                                                                       "title: Een nieuwe praktijk"), encoding="utf-8")
    _, numbering = pipeline.numbered(load_site(project), project)
    assert "aaa-nieuwe-praktijk" not in numbering.numbers and numbering.short_path("aaa-nieuwe-praktijk") is None
    assert numbering.unnumbered == {"aaa-nieuwe-praktijk"}
    assert max(numbering.targets) == max(before.values())  # no provisional number, so none can move
    check = samsite("check", project, in_process=True)
    assert check.returncode == 0 and "1 nieuwe praktijk(en) hebben nog geen vast QR-nummer" in check.stdout
    result = make_links(project)
    assert result.returncode == 0, result.stderr
    assert "1 nieuw" in result.stdout
    after = registry(project)
    assert after == {**before, "aaa-nieuwe-praktijk": max(before.values()) + 1}


@pytest.mark.slow
def test_a_deleted_practice_can_send_its_number_elsewhere(project, tmp_path):
    number = registry(project)["gentse-wooncoalitie"]
    (project / GENT).unlink()
    for path in (project / "praktijken").glob("*.md"):  # links to it would fail the build
        path.write_text(path.read_text(encoding="utf-8").replace("gentse-wooncoalitie.md", "herentse-woonzaak.md"),
                        encoding="utf-8")
    registry_file = project / REGISTRY
    registry_file.write_text(registry_file.read_text(encoding="utf-8").replace(
        "  slug: gentse-wooncoalitie\n", "  slug: gentse-wooncoalitie\n  redirect: https://www.gentsewooncoalitie.be/\n"),
        encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert redirect(tmp_path / "site", f"p/{number}") == "https://www.gentsewooncoalitie.be/"


@pytest.mark.parametrize("alias, message", [
    ("herentse-woonzaak", "'herentse-woonzaak' is de naam van een bestaande praktijk"),
    ("overzicht", "'overzicht' is een naam die de site zelf gebruikt"),
    ("Oude Naam", "'Oude Naam' is geen geldige oude bestandsnaam"),
])
def test_a_wrong_alias_is_reported_with_file_line_and_field(project, alias, message):
    path = project / GENT
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", f"---\naliases: [{alias}]\n", 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        pipeline.check(project)
    [issue] = caught.value.issues
    assert (issue.path, issue.line, issue.field) == (GENT, 2, "aliases")
    assert message in issue.message


def test_a_damaged_registry_is_reported_not_a_traceback(project):
    (project / REGISTRY).write_text("- number: 1\n  slug: [kapot\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        pipeline.check(project)
    [issue] = caught.value.issues
    assert issue.path == REGISTRY and "git checkout" in issue.hint
    (project / REGISTRY).write_text("- number: 1\n  slug: betonne-jeugd\n- number: 1\n  slug: kwartiermaken\n",
                                    encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        pipeline.check(project)
    assert "staat er twee keer in" in caught.value.report()


@pytest.mark.parametrize("path", ["p/99999/", "l/99-999/", "l/99/", "h/99-99/"])
def test_short_links_stay_version_4_at_a_45_character_address(tmp_path, path):
    """Room to grow: 99,999 practices, 99 cahiers of 999 links, all at QR version 4 (M)."""
    from samsite.printed.qr import QrCache

    base = "https://www.sam-vzw.be/politiserend-werken12/"
    assert len(base) == 45
    code = QrCache(tmp_path).get(base + path)
    assert code.version <= 4
