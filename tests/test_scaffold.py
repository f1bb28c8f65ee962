"""`make praktijk` and `make cahier`: a complete, explained file; filled in, it builds and cross-links."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, content_links, copy_project, run_build, snapshot
from samsite.model.archetypes import ScaffoldError, practice_text, slugify
from samsite.model.schema import CAHIER, practice_collection
from samsite.reading.vocabulary_file import load_vocabulary
from samsite.tools.scaffold import new_practice
from test_check import run_check

VENV = Path(sys.executable).parent.parent
HAS_MAKE = shutil.which("make") is not None


def make(project: Path, target: str, title: str | None) -> subprocess.CompletedProcess:
    """The real Makefile target, with this test run's virtualenv (no reinstall)."""
    command = ["make", "--no-print-directory", "-C", str(project), f"VENV={VENV}",
               "-o", f"{VENV}/.site-installed", target]
    if title is not None:
        command.append(f"TITLE={title}")
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def fill(path: Path, values: dict[str, str], body: str = "") -> None:
    """Do what an editor does: put a value after each named field, write the body."""
    text = path.read_text(encoding="utf-8")
    for name, value in values.items():
        text, count = re.subn(rf"^{name}:.*$", f"{name}: {value}", text, count=1, flags=re.M)
        assert count == 1, name
    path.write_text(text + body, encoding="utf-8")


def field_line(path: Path, name: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if line.startswith(f"{name}:"))


@pytest.fixture
def project(tmp_path) -> Path:
    project = copy_project(tmp_path / "project")
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    return project


@pytest.mark.slow
@pytest.mark.skipif(not HAS_MAKE, reason="make is not installed")
def test_scaffold_fill_in_build_and_find_everything_cross_linked(project, tmp_path):
    made = make(project, "cahier", "Verandering van onderuit")
    assert made.returncode == 0, made.stderr
    assert "Nieuw cahier: cahiers/verandering-van-onderuit/ (nummer 2 in de reeks)" in made.stdout
    assert "make check" in made.stdout and "make serve" in made.stdout
    made = make(project, "praktijk", "Buurtwerk De Kaai")
    assert made.returncode == 0, made.stderr
    assert "Nieuwe praktijk: praktijken/buurtwerk-de-kaai.md" in made.stdout

    index = project / "cahiers/verandering-van-onderuit/index.md"
    chapter = project / "cahiers/verandering-van-onderuit/01-eerste-hoofdstuk.md"
    practice = project / "praktijken/buurtwerk-de-kaai.md"
    assert "number: 2" in index.read_text(encoding="utf-8")

    # Not filled in yet: the check names each empty required field at its line.
    checked = run_check(project)
    assert checked.returncode == 1
    for path, name in ((practice, "summary"), (practice, "strategy"), (practice, "level"), (index, "summary")):
        rel = path.relative_to(project).as_posix()
        assert f"{rel}:{field_line(path, name)}: {name}: verplicht veld is leeg; vul in:" in checked.stderr
    assert "praktijken/buurtwerk-de-kaai.md" in checked.stderr and "het verhaal onder de front-matter is leeg" \
        in checked.stderr

    fill(index, {"summary": "Hoe mensen zelf een andere praktijk opzetten.",
                 "strategy": "[verandering-realiseren, collectiviseren]"},
         "Dit cahier gaat over verandering van onderuit.\n")
    chapter.write_text("# Eerste hoofdstuk\n\nHet begint bij [de Kaai](../../praktijken/buurtwerk-de-kaai.md).\n",
                       encoding="utf-8")
    fill(practice, {"summary": "Een buurtwerk dat samen met bewoners een eigen buurtcafé opzet.",
                    "organisation": "Samenlevingsopbouw Gent", "region": "Gent",
                    "strategy": "[verandering-realiseren]", "sector": "[samenlevingsopbouw, armoede]",
                    "level": "[lokaal]", "year": "2025", "cahier": "[verandering-van-onderuit]"},
         "## De kwestie\n\nDe buurt heeft geen ontmoetingsplek.\n")
    checked = run_check(project)
    assert checked.returncode == 0, checked.stderr

    site = tmp_path / "site"
    built = run_build(project, site)
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr

    practice_links = content_links(site, "/praktijken/buurtwerk-de-kaai/")
    assert {"/strategieen/verandering-realiseren/", "/sectoren/samenlevingsopbouw/", "/sectoren/armoede/",
            "/niveaus/lokaal/", "/cahiers/verandering-van-onderuit/"} <= practice_links
    cahier_links = content_links(site, "/cahiers/verandering-van-onderuit/")
    assert {"/praktijken/buurtwerk-de-kaai/", "/strategieen/verandering-realiseren/",
            "/strategieen/collectiviseren/"} <= cahier_links
    strategy_links = content_links(site, "/strategieen/verandering-realiseren/")
    assert {"/praktijken/buurtwerk-de-kaai/", "/cahiers/verandering-van-onderuit/"} <= strategy_links
    assert "/cahiers/verandering-van-onderuit/" in content_links(site, "/cahiers/")
    assert "/praktijken/buurtwerk-de-kaai/" in content_links(site, "/praktijken/")
    html = (site / "cahiers/verandering-van-onderuit/index.html").read_text(encoding="utf-8")
    assert 'id="eerste-hoofdstuk"' in html and "Het begint bij" in html


@pytest.mark.slow
@pytest.mark.skipif(not HAS_MAKE, reason="make is not installed")
def test_scaffolding_refuses_to_overwrite(project):
    assert make(project, "praktijk", "Buurtwerk De Kaai").returncode == 0
    assert make(project, "cahier", "Verandering van onderuit").returncode == 0
    before = snapshot(project)
    for target, title, existing in (("praktijk", "Buurtwerk de kaai", "praktijken/buurtwerk-de-kaai.md"),
                                    ("cahier", "Verandering van Onderuit", "cahiers/verandering-van-onderuit/"),
                                    ("praktijk", "Gentse Wooncoalitie", "praktijken/gentse-wooncoalitie.md")):
        result = make(project, target, title)
        assert result.returncode != 0
        assert f"Niets aangemaakt: {existing} bestaat al en blijft ongewijzigd" in result.stderr
    assert snapshot(project) == before


@pytest.mark.slow
@pytest.mark.skipif(not HAS_MAKE, reason="make is not installed")
def test_a_title_is_required(project):
    before = snapshot(project)
    result = make(project, "praktijk", None)
    assert result.returncode != 0
    assert 'Geef een titel, bv. make praktijk TITLE="Naam van de praktijk"' in result.stderr
    assert snapshot(project) == before


def test_every_schema_field_is_explained_with_its_allowed_values():
    vocabulary = load_vocabulary(ROOT / "vocabulaire.yml", "vocabulaire.yml")
    text = practice_text(vocabulary, ["samen-het-verschil-maken"], "Titel")
    for field in practice_collection(vocabulary).fields:
        assert f"# {field.name} ({'verplicht' if field.required else 'niet verplicht'}" in text
        assert f"# {field.help}" in text
        assert re.search(rf"^{field.name}:", text, re.M)
    for taxonomy in vocabulary.taxonomies:
        for term in taxonomy.terms:
            assert f"#   {term.id}: {term.label}" in text
    assert "# Kies uit: samen-het-verschil-maken" in text
    from samsite.model.archetypes import cahier_text

    cahier = cahier_text(vocabulary, [], "Titel", 4)
    for field in CAHIER.fields:
        assert re.search(rf"^{field.name}:", cahier, re.M)
    assert re.search(r"^number: 4$", cahier, re.M) and re.search(r"^published: false$", cahier, re.M)


def test_titles_with_quotes_and_colons_stay_valid_yaml(tmp_path):
    project = copy_project(tmp_path / "project", with_content=False)
    title = 'Wonen: "een recht" voor iedereen # echt'
    [path], steps = new_practice(project, title)
    assert path.name == "wonen-een-recht-voor-iedereen-echt.md"
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert meta["title"] == title
    assert meta["summary"] is None and meta["strategy"] == []
    with pytest.raises(ScaffoldError):
        new_practice(project, "!!!")


def test_slugs_are_ascii_lowercase_and_hyphenated():
    assert slugify("Buurtwerk Café De Kaai!") == "buurtwerk-cafe-de-kaai"
    assert slugify("  Één  stem -- telt  ") == "een-stem-telt"
    assert len(slugify("woord " * 40)) <= 60
