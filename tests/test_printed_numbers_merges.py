"""Printed numbers never move, whatever order pull requests are merged in.

A real git repository plays two pull requests that each add a practice (and a link to the
published cahier), merged in either order, with a real strict build after every merge and nobody
running `make links`. Every short link that one build published must lead to the same place in
every later build, and every QR card must lead to the story it names.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from content_factory import practice_text
from helpers import copy_project, git, run_make_build, samsite

pytestmark = pytest.mark.slow  # every test here runs git, python or pandoc in a new process

SITE_URL = "https://voorbeeld.sam.be/politiserend-werken/"
CAHIER = "cahiers/testcahier"
PRS = {  # branch -> (new practice slug, its title, the cahier file it adds a link to, the line)
    # 'zuid' merged first and 'noord' second is the order that moved numbers: the second one's practice
    # sorts first by file name, and its link comes first in reading order (the cahier's introduction)
    "pr-zuid": ("zz-zuiderburen", "De Zuiderburen", "01-begin.md", "Zie ook [de zuiderburen](https://zuid.example/)."),
    "pr-noord": ("aa-noorderlicht", "Het Noorderlicht", "index.md", "Zie ook [het noorderlicht](https://noord.example/)."),
}


def make(project: Path, command: str) -> None:
    result = samsite(command, ".", cwd=project, hooks=project / "hooks")
    assert result.returncode == 0, result.stdout + result.stderr


def base_project(root: Path) -> Path:
    """The main branch: two practices and a published cahier, numbers fixed by `make links`."""
    project = copy_project(root, with_content=False)
    (project / "praktijken" / "midden.md").write_text(practice_text(title="Het Midden"), encoding="utf-8")
    (project / "praktijken" / "mm-tweede.md").write_text(practice_text(title="Een Tweede"), encoding="utf-8")
    cahier = project / CAHIER
    cahier.mkdir(parents=True)
    (cahier / "index.md").write_text(
        "---\ntitle: Testcahier\nnumber: 7\nyear: 2025\nsummary: Waar het over gaat.\n"
        "strategy: [agenderen]\npublished: true\n---\n\nInleiding met [een bron](https://bron.example/).\n",
        encoding="utf-8")
    (cahier / "01-begin.md").write_text("# Begin\n\nHet eerste hoofdstuk.\n", encoding="utf-8")
    make(project, "links")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    return project


def open_pull_request(project: Path, branch: str) -> None:
    slug, title, file, line = PRS[branch]
    git(project, "checkout", "-q", "-b", branch, "main")
    (project / "praktijken" / f"{slug}.md").write_text(practice_text(title=title), encoding="utf-8")
    chapter = project / CAHIER / file
    chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-qm", f"add {slug}")
    git(project, "checkout", "-q", "main")


def build(project: Path, site_dir: Path) -> None:
    result = run_make_build(project, site_dir, "--quiet", SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr


def short_links(site_dir: Path) -> dict[str, str]:
    """Every short link the build published (/p/, /l/, /h/) -> where it leads (an absolute address)."""
    found = {}
    for folder in ("p", "l", "h"):
        for page in sorted((site_dir / folder).glob("*/index.html")):
            address = f"{folder}/{page.parent.name}/"
            text = page.read_text(encoding="utf-8")
            target = html.unescape(re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', text).group(1))
            found[address] = target if "://" in target else SITE_URL + target.removeprefix("../../")
    return found


def cards(site_dir: Path) -> list[tuple[str, str]]:
    """(what a printed card encodes, the title it shows) for every card of every QR sheet."""
    found = []
    for sheet in site_dir.rglob("qr/index.html"):
        text = sheet.read_text(encoding="utf-8")
        for alt, url in re.findall(r'alt="QR-code: ([^"]*)" data-qr="([^"]*)"', text):
            found.append((html.unescape(url), html.unescape(alt)))
    return found


def practice_titles(site_dir: Path) -> dict[str, str]:
    titles = {}
    for page in (site_dir / "praktijken").glob("*/index.html"):
        match = re.search(r"<h1[^>]*>(.*?)<", page.read_text(encoding="utf-8"), re.S)
        if match:
            titles[f"{SITE_URL}praktijken/{page.parent.name}/"] = html.unescape(match.group(1).strip())
    return titles


@pytest.mark.parametrize("order", [("pr-zuid", "pr-noord"), ("pr-noord", "pr-zuid")], ids="-then-".join)
def test_two_pull_requests_merged_in_either_order_never_move_a_printed_number(tmp_path, order):
    project = base_project(tmp_path / "project")
    for branch in PRS:
        open_pull_request(project, branch)
    builds = [tmp_path / "site-0"]
    build(project, builds[0])
    published = short_links(builds[0])  # main before the merges: what may already be printed
    assert {"p/1/", "p/2/", "l/7-1/"} <= set(published)
    for step, branch in enumerate(order, 1):
        git(project, "merge", "-q", "--no-ff", "-m", f"Merge {branch}", branch)
        assert not (project / ".git" / "MERGE_HEAD").exists()
        site_dir = tmp_path / f"site-{step}"
        build(project, site_dir)
        builds.append(site_dir)
        now = short_links(site_dir)
        moved = {address: (target, now.get(address)) for address, target in published.items()
                 if now.get(address) != target}
        assert not moved, f"after merging {branch}, printed short links lead elsewhere: {moved}"
        published.update(now)
        # the links page shows a short link only where one was published
        links_page = (site_dir / CAHIER / "links" / "index.html").read_text(encoding="utf-8")
        shown = re.findall(r"korte link: (\S+?)</span>", links_page)
        assert shown and all(address.removeprefix(SITE_URL) in now for address in shown), shown
        assert links_page.count("nog geen vast nummer, dus geen korte link") == step
        titles = practice_titles(site_dir)
        for encoded, title in cards(site_dir):
            target = now.get(encoded.removeprefix(SITE_URL), encoded)
            if target in titles:  # a practice card opens the story it names
                assert titles[target] == title, (encoded, target, title)
    # both practices and both links are on the site, reachable from their cards, without a number
    titles = practice_titles(builds[-1])
    assert {"De Zuiderburen", "Het Noorderlicht"} <= set(titles.values())
    encoded = {url for url, _ in cards(builds[-1])}
    assert {f"{SITE_URL}praktijken/zz-zuiderburen/", f"{SITE_URL}praktijken/aa-noorderlicht/",
            "https://zuid.example/", "https://noord.example/"} <= encoded
    # once someone runs `make links`, the numbers are fixed in merge-independent file-name order
    make(project, "links")
    git(project, "commit", "-qam", "make links")
    build(project, tmp_path / "site-fixed")
    fixed = short_links(tmp_path / "site-fixed")
    assert all(fixed.get(address) == target for address, target in published.items())
    assert fixed["p/3/"] == f"{SITE_URL}praktijken/aa-noorderlicht/"
    assert fixed["p/4/"] == f"{SITE_URL}praktijken/zz-zuiderburen/"
