"""`make check` compares the number registries with history (a real git repository).

Against the base (the merge base with GITHUB_BASE_REF in a pull request, HEAD elsewhere), a printed
number may gain a redirect and change its title, nothing else: a removed, changed, duplicated or
swapped entry is refused with path:line, what was printed, and the fix, in Dutch.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import copy_project, git, samsite

REGISTRY = "praktijken/nummers.yml"
LINKS = "cahiers/samen-het-verschil-maken/links.yml"


def check(project: Path, **env: str) -> subprocess.CompletedProcess:
    """`make check` in this Python (git, which it runs, is a real git); ``env``: GITHUB_BASE_REF."""
    return samsite("check", project, cwd=project, in_process=True, **env)


@pytest.fixture(scope="module")
def committed(tmp_path_factory) -> Path:
    """The real content, committed on main."""
    project = copy_project(tmp_path_factory.mktemp("history") / "project")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "main")
    return project


@pytest.fixture
def project(committed, tmp_path) -> Path:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(committed), str(clone)], check=True, capture_output=True)
    return clone


def edit(project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, path: str, text: str) -> int:
    return (project / path).read_text(encoding="utf-8").split("\n").index(text) + 1


def test_an_unchanged_checkout_compares_with_the_last_commit(project):
    result = check(project)
    assert result.returncode == 0, result.stderr
    assert "Vaste nummers vergeleken met de laatste commit (HEAD)." in result.stdout


def test_a_removed_practice_number_is_refused(project):
    edit(project, REGISTRY, "- number: 5\n  slug: gbo-demerland\n  title: GBO Demerland\n", "")
    result = check(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (f"{REGISTRY}:{line_of(project, REGISTRY, '- number: 6')}: nummers: nummer 5 is verdwenen, maar de "
            "gedrukte korte link /p/5/ leidt naar praktijk 'gbo-demerland' (GBO Demerland)") in result.stderr
    assert "redirect: https://" in result.stderr and "git checkout" in result.stderr


def test_two_swapped_practices_are_both_refused(project):
    edit(project, REGISTRY, "  slug: gbo-demerland\n", "  slug: TIJDELIJK\n")
    edit(project, REGISTRY, "  slug: gentse-wooncoalitie\n", "  slug: gbo-demerland\n")
    edit(project, REGISTRY, "  slug: TIJDELIJK\n", "  slug: gentse-wooncoalitie\n")
    result = check(project)
    assert result.returncode == 1
    line5, line6 = line_of(project, REGISTRY, "- number: 5"), line_of(project, REGISTRY, "- number: 6")
    assert (f"{REGISTRY}:{line5}: slug: nummer 5 leidt nu naar praktijk 'gentse-wooncoalitie', maar de gedrukte "
            "korte link /p/5/ leidt naar praktijk 'gbo-demerland' (GBO Demerland); 'gbo-demerland' staat nu bij "
            "nummer 6") in result.stderr
    assert f"{REGISTRY}:{line6}: slug: nummer 6 leidt nu naar praktijk 'gbo-demerland'" in result.stderr


def test_a_duplicated_number_is_refused_with_what_was_printed(project):
    edit(project, REGISTRY, "- number: 6\n", "- number: 5\n")
    result = check(project)
    assert result.returncode == 1
    assert "nummer 5 staat er 2 keer in, maar de gedrukte korte link /p/5/ leidt naar praktijk 'gbo-demerland'" \
        in result.stderr
    assert "nummer 6 is verdwenen, maar de gedrukte korte link /p/6/ leidt naar praktijk 'gentse-wooncoalitie'" \
        in result.stderr


def test_a_redirect_may_be_added_and_a_title_may_change(project):
    edit(project, REGISTRY, "  slug: gbo-demerland\n  title: GBO Demerland\n",
         "  slug: gbo-demerland\n  title: Een andere titel\n  redirect: https://www.voorbeeld.be/gbo\n")
    edit(project, LINKS, "  title: SWAN\n", "  title: SWAN-netwerk\n  redirect: https://www.voorbeeld.be/swan\n")
    result = check(project)
    assert result.returncode == 0, result.stderr


def test_a_changed_printed_link_address_and_a_dropped_redirect_are_refused(project, committed):
    edit(project, LINKS, "  url: http://swan-vlaanderen.be/\n", "  url: https://iets-anders.example/\n")
    result = check(project)
    assert result.returncode == 1
    assert (f"{LINKS}:{line_of(project, LINKS, '- number: 2')}: url: nummer 2 leidt nu naar link "
            "'https://iets-anders.example/', maar de gedrukte korte link /l/1-2/ leidt naar link "
            "'http://swan-vlaanderen.be/' (SWAN)") in result.stderr
    # a redirect that was committed may not be dropped again
    edit(project, LINKS, "  url: https://iets-anders.example/\n",
         "  url: http://swan-vlaanderen.be/\n  redirect: https://www.voorbeeld.be/swan\n")
    git(project, "commit", "-qam", "redirect")
    edit(project, LINKS, "  redirect: https://www.voorbeeld.be/swan\n", "")
    result = check(project)
    assert result.returncode == 1
    assert "de omleiding van nummer 2 naar https://www.voorbeeld.be/swan is weggehaald" in result.stderr


def test_a_pull_request_is_compared_with_its_merge_base_not_its_own_commits(project):
    git(project, "checkout", "-q", "-b", "voorstel")
    edit(project, REGISTRY, "  slug: gbo-demerland\n", "  slug: TIJDELIJK\n")
    edit(project, REGISTRY, "  slug: gentse-wooncoalitie\n", "  slug: gbo-demerland\n")
    edit(project, REGISTRY, "  slug: TIJDELIJK\n", "  slug: gentse-wooncoalitie\n")
    git(project, "commit", "-qam", "hand edit, committed on the branch")
    assert check(project).returncode == 0  # against its own last commit, the swap is history already
    result = check(project, GITHUB_BASE_REF="main")
    assert result.returncode == 1
    assert "Vaste nummers" not in result.stdout
    assert "nummer 5 leidt nu naar praktijk 'gentse-wooncoalitie', maar de gedrukte korte link /p/5/" in result.stderr


def test_a_shallow_pull_request_checkout_says_why_it_cannot_compare(committed, tmp_path):
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--no-single-branch", f"file://{committed}", str(shallow)],
                   check=True, capture_output=True)
    git(shallow, "checkout", "-q", "-b", "voorstel")
    result = check(shallow, GITHUB_BASE_REF="niet-opgehaald")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "de vaste nummers zijn niet vergeleken met de geschiedenis: de tak niet-opgehaald is niet opgehaald" \
        in result.stderr and "fetch-depth: 0" in result.stderr


def test_without_git_the_check_says_so_and_passes(tmp_path):
    project = copy_project(tmp_path / "project")  # a zip download: no history
    result = check(project)
    assert result.returncode == 0, result.stderr
    assert "niet vergeleken met de geschiedenis: dit is geen git-repository" in result.stdout


INDEX = "cahiers/samen-het-verschil-maken/index.md"
CHAPTER = "cahiers/samen-het-verschil-maken/05-een-coalitie-van-bondgenoten.md"  # has exercises


def test_a_printed_cahier_keeps_its_number(project):
    """/l/1/ on the booklet and /h/1-…/ on its worksheets carry the cahier's number."""
    edit(project, INDEX, "number: 1\n", "number: 3\n")
    result = check(project)
    assert result.returncode == 1
    assert (f"{INDEX}:{line_of(project, INDEX, 'number: 3')}: number: dit gedrukte cahier heeft nu nummer 3, "
            "maar de gedrukte korte links /l/1/ en /h/1-…/ leiden ernaartoe; zet 'number: 1' terug") in result.stderr


def test_a_chapter_with_a_worksheet_keeps_its_number_but_may_be_renamed(project):
    from samsite.numbering.registry_history import base_revision, compare

    renamed = project / CHAPTER.replace("05-een-coalitie-van-bondgenoten", "05-bondgenoten")
    (project / CHAPTER).rename(renamed)
    issues, _ = compare(project, base_revision(project))
    assert issues == []  # the number the worksheet's code carries (5) is still there
    renamed.rename(project / CHAPTER.replace("05-een-coalitie-van-bondgenoten", "09-een-coalitie"))
    issues, _ = compare(project, base_revision(project))
    assert [issue.format() for issue in issues] == [
        f"{INDEX}:1: hoofdstukken: hoofdstuk 5 (05-een-coalitie-van-bondgenoten.md) is verdwenen, maar de "
        "gedrukte korte link /h/1-5/ op zijn werkblad leidt ernaartoe; zet het hoofdstuk terug met een "
        "bestandsnaam die met 05- begint; een andere naam erachter mag"]


def test_a_printed_cahier_may_move_to_another_folder_with_its_number(project):
    from samsite.numbering.registry_history import base_revision, compare

    (project / "cahiers/samen-het-verschil-maken").rename(project / "cahiers/samen-verschil-maken")
    issues, _ = compare(project, base_revision(project))
    assert issues == []  # its links.yml moved with it, and is compared where it is now
    edit(project, "cahiers/samen-verschil-maken/links.yml", "  url: http://swan-vlaanderen.be/\n",
         "  url: https://iets-anders.example/\n")
    issues, _ = compare(project, base_revision(project))
    assert [(issue.path, issue.field) for issue in issues] == [("cahiers/samen-verschil-maken/links.yml", "url")]
    (project / "cahiers/samen-verschil-maken").rename(project / "elders")
    issues, _ = compare(project, base_revision(project))
    assert any(issue.field == "number" and "het gedrukte cahier 1 ('Samen het verschil maken') is verdwenen"
               in issue.message for issue in issues)
