"""Publishing on the Pages branch (.github/scripts/pages_branch.py): the main site and the previews
of pull requests side by side, against a real local bare repository, and a preview build that no
search engine indexes."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from content_factory import ContentTree
from helpers import ROOT, copy_project, git, repo_with_origin, run_build, samsite

pytestmark = pytest.mark.slow  # every test here runs git, python or pandoc in a new process

SCRIPT = ROOT / ".github" / "scripts" / "pages_branch.py"
_spec = importlib.util.spec_from_file_location("pages_branch", SCRIPT)
pages_branch = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pages_branch)
BRANCH, PREVIEWS = pages_branch.BRANCH, pages_branch.PREVIEWS


@pytest.fixture
def repos(tmp_path):
    bare = tmp_path / "remote.git"
    return bare, repo_with_origin(tmp_path / "project", bare)


def fake_site(tmp_path: Path, name: str, **pages: str) -> Path:
    site = tmp_path / "sites" / name
    for path, text in {"index.html": f"<p>{name}</p>", **pages}.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text)
    return site


def run(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("PAGES_REMOTE", "GITHUB_SHA")}
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=project, capture_output=True, text=True,
                          timeout=120, env={**environment, **(env or {})})


def published(bare: Path) -> dict[str, str]:
    """Every file on the Pages branch with its text."""
    names = git(bare, "ls-tree", "-r", "--name-only", BRANCH).split("\n")
    return {name: git(bare, "show", f"{BRANCH}:{name}") for name in names if name}


def commits(bare: Path) -> int:
    return int(git(bare, "rev-list", "--count", BRANCH))


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_main_and_previews_live_side_by_side(tmp_path, repos):
    bare, project = repos
    main = fake_site(tmp_path, "main", **{"oud/index.html": "oud", "sitemap.xml": "<urlset/>"})
    said = ok(run(project, "publish", "--site", str(main), "--into", "."))
    assert f"De branch {BRANCH} bestaat nog niet" in said and "Gepubliceerd: de hoofdsite" in said
    one = ok(run(project, "folder", "--pr", "1")).strip()
    two = ok(run(project, "folder", "--pr", "2")).strip()
    assert (one, two) == (f"{PREVIEWS}/pr-1", f"{PREVIEWS}/pr-2")
    ok(run(project, "publish", "--site", str(fake_site(tmp_path, "pr1", **{"a/index.html": "a1"})), "--into", one))
    ok(run(project, "publish", "--site", str(fake_site(tmp_path, "pr2")), "--into", two))
    files = published(bare)
    assert files["index.html"] == "<p>main</p>" and files["oud/index.html"] == "oud"
    assert files[f"{one}/index.html"] == "<p>pr1</p>" and files[f"{one}/a/index.html"] == "a1"
    assert files[f"{two}/index.html"] == "<p>pr2</p>"
    assert files[".nojekyll"] == "" and f"Disallow: /{PREVIEWS}/" in files["robots.txt"]

    # main again, with a page gone: the old page goes, the previews stay
    ok(run(project, "publish", "--site", str(fake_site(tmp_path, "main2", **{"nieuw/index.html": "n"})), "--into", "."))
    files = published(bare)
    assert files["index.html"] == "<p>main2</p>" and "oud/index.html" not in files and "sitemap.xml" not in files
    assert files[f"{one}/a/index.html"] == "a1" and files[f"{two}/index.html"] == "<p>pr2</p>"

    # a newer preview of PR 1 replaces its whole folder, nothing else
    ok(run(project, "publish", "--site", str(fake_site(tmp_path, "pr1b")), "--into", one))
    files = published(bare)
    assert files[f"{one}/index.html"] == "<p>pr1b</p>" and f"{one}/a/index.html" not in files
    assert files["nieuw/index.html"] == "n" and files[f"{two}/index.html"] == "<p>pr2</p>"

    # PR 1 closes: only its folder goes
    said = ok(run(project, "remove", "--folder", one))
    assert f"Verwijderd: het voorbeeld in {one}/" in said
    files = published(bare)
    assert not any(name.startswith(f"{one}/") for name in files)
    assert files["index.html"] == "<p>main2</p>" and files[f"{two}/index.html"] == "<p>pr2</p>"
    assert files[".nojekyll"] == "" and "robots.txt" in files
    # the project's own branch, index and work tree were never touched
    assert git(project, "status", "--porcelain") == "" and git(project, "branch", "--show-current") == "main\n"


def test_an_unchanged_publish_or_removal_makes_no_commit(tmp_path, repos):
    bare, project = repos
    site = fake_site(tmp_path, "main")
    ok(run(project, "publish", "--site", str(site), "--into", "."))
    ok(run(project, "publish", "--site", str(site), "--into", f"{PREVIEWS}/pr-3"))
    before = commits(bare)
    assert "Niets veranderd in de hoofdsite" in ok(run(project, "publish", "--site", str(site), "--into", "."))
    assert "Niets veranderd" in ok(run(project, "publish", "--site", str(site), "--into", f"{PREVIEWS}/pr-3"))
    assert "niets te verwijderen" in ok(run(project, "remove", "--folder", f"{PREVIEWS}/pr-4"))
    assert commits(bare) == before


def test_a_removal_before_any_publication_creates_nothing(repos):
    bare, project = repos
    assert "niets te verwijderen" in ok(run(project, "remove", "--folder", f"{PREVIEWS}/pr-1"))
    assert git(project, "ls-remote", "--heads", str(bare)) == ""


def test_a_push_in_between_is_retried_and_both_changes_survive(tmp_path, repos):
    """Someone else publishes after this run fetched the branch and before it pushes (a git
    pre-push hook makes it happen at exactly that moment): the push is rejected, the run fetches
    again, applies its change again, and both previews are there."""
    bare, project = repos
    ok(run(project, "publish", "--site", str(fake_site(tmp_path, "main")), "--into", "."))
    other = repo_with_origin(tmp_path / "other-runner", bare)
    hook = project / ".git" / "hooks" / "pre-push"
    hook.write_text(f"""#!/bin/bash
[ -e "{tmp_path}/raced" ] && exit 0
touch "{tmp_path}/raced"
unset GIT_INDEX_FILE GIT_DIR GIT_WORK_TREE
cd "{other}" && "{sys.executable}" "{SCRIPT}" publish --site "{fake_site(tmp_path, 'pr2')}" --into {PREVIEWS}/pr-2 >&2
""")
    hook.chmod(0o755)
    said = ok(run(project, "publish", "--site", str(fake_site(tmp_path, "pr1")), "--into", f"{PREVIEWS}/pr-1"))
    assert (tmp_path / "raced").exists()
    assert "Iemand anders publiceerde tegelijk" in said and "poging 2 van" in said
    files = published(bare)
    assert files[f"{PREVIEWS}/pr-1/index.html"] == "<p>pr1</p>"
    assert files[f"{PREVIEWS}/pr-2/index.html"] == "<p>pr2</p>"
    assert files["index.html"] == "<p>main</p>"
    assert commits(bare) == 3  # main, then PR 2 (the one in between), then PR 1 on top of it


def test_the_remote_comes_from_pages_remote(tmp_path, repos):
    """CI points the publish step at a local bare repository without changing the workflow."""
    bare, project = repos
    elsewhere = tmp_path / "elsewhere.git"
    subprocess.run(["git", "init", "-q", "--bare", str(elsewhere)], check=True)
    ok(run(project, "publish", "--site", str(fake_site(tmp_path, "main")), "--into", ".",
           env={"PAGES_REMOTE": str(elsewhere)}))
    assert published(elsewhere)["index.html"] == "<p>main</p>"
    assert git(project, "ls-remote", "--heads", str(bare)) == ""


@pytest.mark.parametrize("args, said", [
    (["publish", "--site", "{site}", "--into", "docs"], f"ligt niet in {PREVIEWS}/"),
    (["publish", "--site", "{site}", "--into", f"{PREVIEWS}/../x"], "geen map binnen de branch"),
    (["remove", "--folder", "."], "geen map binnen de branch"),
    (["publish", "--site", "{empty}", "--into", "."], "geen gebouwde site"),
    (["publish", "--site", "{with_previews}", "--into", "."], f"heeft zelf een map {PREVIEWS}/"),
])
def test_what_would_break_the_branch_is_refused_in_dutch(tmp_path, repos, args, said):
    bare, project = repos
    paths = {"site": fake_site(tmp_path, "main"), "empty": tmp_path / "leeg",
             "with_previews": fake_site(tmp_path, "odd", **{f"{PREVIEWS}/x.html": "x"})}
    paths["empty"].mkdir()
    result = run(project, *[arg.format(**{k: str(v) for k, v in paths.items()}) for arg in args])
    assert result.returncode == 1 and said in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert git(project, "ls-remote", "--heads", str(bare)) == ""


ROBOTS_META = re.compile(r'<meta name="robots" content="noindex[^"]*">')


def test_a_preview_build_is_never_indexed_and_the_site_is(tmp_path):
    """A real strict build, once as the published site and once as a pull request's preview:
    the preview has the noindex meta on every HTML file (theme pages, generated pages, the
    redirect pages of short links) and no sitemap; the published site has both the other way round."""
    project = copy_project(tmp_path / "project", with_content=False)
    tree = ContentTree(project)
    tree.cahier("werkboek", number=7, chapters={"01-eerste.md": "# Eerste\n\nZie [de bron](https://example.org/).\n"})
    tree.practice("een-praktijk")
    numbered = samsite("links", project, cwd=project, hooks=project / "hooks")
    assert numbered.returncode == 0, numbered.stderr  # `make links`: the practice gets its short link /p/1/
    preview_url = f"https://sam.example/{PREVIEWS}/pr-5/"
    builds = {"site": run_build(project, tmp_path / "site", SITE_URL="https://sam.example/"),
              "preview": run_build(project, tmp_path / "preview", SITE_URL=preview_url, SAM_VOORBEELD="1")}
    for name, result in builds.items():
        assert result.returncode == 0, name + result.stdout + result.stderr

    preview = sorted((tmp_path / "preview").rglob("*.html"))
    # the short-link redirects too: /p/1/ (numbered above) and /l/7/ (the links page)
    assert len(preview) > 20 and {"p", "l"} <= {path.parts[-3] for path in preview}
    unmarked = [str(path) for path in preview if not ROBOTS_META.search(path.read_text(encoding="utf-8"))]
    assert not unmarked, unmarked
    assert not (tmp_path / "preview" / "sitemap.xml").exists()
    assert not (tmp_path / "preview" / "sitemap.xml.gz").exists()
    assert f'href="{preview_url}praktijken/een-praktijk/"' in \
        (tmp_path / "preview/praktijken/een-praktijk/index.html").read_text(encoding="utf-8")  # canonical

    site = tmp_path / "site"
    for page in ("index.html", "praktijken/een-praktijk/index.html", "cahiers/werkboek/index.html", "404.html"):
        assert 'name="robots"' not in (site / page).read_text(encoding="utf-8"), page
    assert "https://sam.example/praktijken/een-praktijk/" in (site / "sitemap.xml").read_text(encoding="utf-8")
