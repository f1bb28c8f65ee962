"""Dates from the git history: first added and last changed, for pages, the feed and the
"recent" list. Real git repositories with commits at chosen dates, real builds."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from content_factory import practice_text
from helpers import ROOT, copy_project, git, run_build
from samsite.cache import CACHE_ROOT
from samsite.model import dates
from samsite.pages.feed import rss
from samsite.reading import history
from samsite.reading.loader import load_site


def commit(repo: Path, message: str, when: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A project with a history: added, changed, renamed, deleted and uncommitted practices."""
    project = copy_project(tmp_path_factory.mktemp("history") / "project", with_content=False)
    practices = project / "praktijken"
    git(project, "init", "-q", "-b", "main")
    (project / "cahiers" / ".gitkeep").touch()  # git keeps no empty folders
    (practices / "oud.md").write_text(practice_text("Oud", extra="year: 2024\n"), encoding="utf-8")
    (practices / "eerste-naam.md").write_text(practice_text("Hernoemd", extra="year: 2019\n"), encoding="utf-8")
    (practices / "weg.md").write_text(practice_text("Weg", body="Een ander verhaal, lang genoeg om niet "
                                                  "voor een hernoeming door te gaan.\n" * 5), encoding="utf-8")
    commit(project, "Eerste praktijken", "2023-05-01T10:00:00+02:00")
    (practices / "midden.md").write_text(practice_text("Midden", extra="year: 2018\n"), encoding="utf-8")
    (practices / "weg.md").unlink()
    commit(project, "Midden erbij", "2024-03-05T23:30:00+01:00")  # 5 March in Brussels, 22:30 UTC
    (practices / "oud.md").write_text(practice_text("Oud", extra="year: 2024\n", body="Aangevuld.\n"),
                                      encoding="utf-8")
    git(project, "mv", "praktijken/eerste-naam.md", "praktijken/hernoemd.md")
    commit(project, "Oud aangevuld, een praktijk hernoemd", "2024-06-01T12:00:00+02:00")
    (project / ".gitignore").write_text(f"site/\n{CACHE_ROOT.as_posix()}/\n")
    commit(project, "Buiten de inhoud", "2025-01-01T12:00:00+01:00")
    # Not committed yet: a preview of new work.
    (practices / "nieuw.md").write_text(practice_text("Nieuw", extra="year: 2010\n"), encoding="utf-8")
    return project


def test_one_git_log_pass_dates_every_file(repo, monkeypatch):
    calls = []
    real = history._git
    monkeypatch.setattr(history, "_git", lambda root, *args: calls.append(args[0]) or real(root, *args))
    found = history.read(repo)
    assert calls.count("log") == 1, calls
    assert found.available and found.key == git(repo, "rev-parse", "HEAD").strip()
    files = found.files
    assert {path for path in files if path.startswith("praktijken/")} == {
        "praktijken/oud.md", "praktijken/hernoemd.md", "praktijken/midden.md"}
    assert files["praktijken/oud.md"] == dates.Dates(utc("2023-05-01T10:00:00+02:00"),
                                                       utc("2024-06-01T12:00:00+02:00"))
    # A rename keeps the date the file was first added.
    assert files["praktijken/hernoemd.md"].added == utc("2023-05-01T10:00:00+02:00")
    assert files["praktijken/midden.md"].added == files["praktijken/midden.md"].changed
    assert dates.day(files["praktijken/midden.md"].added) == "5 maart 2024"  # Belgian time, not UTC
    assert dates.iso_day(files["praktijken/midden.md"].added) == "2024-03-05"


def test_feed_items_carry_the_added_date_newest_first_and_stay_byte_stable(repo):
    site = load_site(repo)
    site.history = history.read(repo)
    xml_text = rss(site, "https://www.voorbeeld.be/", "Politiserend werken", "Beschrijving")
    channel = ET.fromstring(xml_text).find("channel")
    items = [(item.findtext("title"), item.findtext("pubDate")) for item in channel.findall("item")]
    # The uncommitted practice first and undated; then newest added first; year breaks the tie.
    assert [title for title, _ in items] == ["Nieuw", "Midden", "Oud", "Hernoemd"]
    assert items[0][1] is None
    assert parsedate_to_datetime(items[1][1]) == utc("2024-03-05T23:30:00+01:00")
    assert items[1][1] == "Tue, 05 Mar 2024 22:30:00 GMT"
    assert parsedate_to_datetime(items[2][1]) == utc("2023-05-01T10:00:00+02:00")
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == utc("2024-06-01T12:00:00+02:00")
    again = load_site(repo)
    again.history = history.read(repo)
    assert rss(again, "https://www.voorbeeld.be/", "Politiserend werken", "Beschrijving") == xml_text


@pytest.mark.slow
def test_built_pages_show_the_dates_and_the_home_page_lists_the_newest(repo, tmp_path):
    result = run_build(repo, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "praktijken" / "oud" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'Toegevoegd op <time datetime="2023-05-01">1 mei 2023</time> · '
                     r'bijgewerkt op <time datetime="2024-06-01">1 juni 2024</time>', page)
    midden = (tmp_path / "site" / "praktijken" / "midden" / "index.html").read_text(encoding="utf-8")
    assert 'Toegevoegd op <time datetime="2024-03-05">5 maart 2024</time></p>' in midden  # never changed
    nieuw = (tmp_path / "site" / "praktijken" / "nieuw" / "index.html").read_text(encoding="utf-8")
    assert "sam-dates" not in nieuw  # not committed: no date rather than a guess
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    recent = home[home.index('id="recent-toegevoegd"'):]
    titles = re.findall(r'<li><a href="praktijken/[^"]+/">([^<]+)</a>', recent)[:4]
    assert titles == ["Nieuw", "Midden", "Oud", "Hernoemd"]
    feed = (tmp_path / "site" / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<pubDate>") == 3


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["shallow", "tarball"])
def test_without_history_nothing_is_dated_and_the_build_says_why(repo, tmp_path, kind):
    if kind == "shallow":
        project = tmp_path / "project"
        git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(project))
        reason = "ondiep"
    else:
        project = copy_project(tmp_path / "project", with_content=False)
        for path in (repo / "praktijken").glob("*.md"):
            (project / "praktijken" / path.name).write_bytes(path.read_bytes())
        reason = "geen git-repository"
    found = history.read(project)
    assert not found.available and not found.files and reason in found.reason
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Geen datums" in result.stderr and reason in result.stderr
    feed = (tmp_path / "site" / "feed.xml").read_text(encoding="utf-8")
    assert "<pubDate>" not in feed and "<lastBuildDate>" not in feed
    assert "sam-dates" not in (tmp_path / "site" / "praktijken" / "oud" / "index.html").read_text(encoding="utf-8")
    # Without dates, by year, then title.
    titles = [item.findtext("title") for item in ET.fromstring(feed).find("channel").findall("item")]
    assert titles[:3] == ["Oud", "Hernoemd", "Midden"]


def test_the_project_feed_dates_each_practice_by_its_first_commit(built_site):
    """Checked against git itself, one `git log --follow` per file."""
    if not history.read(ROOT).available:
        pytest.skip("this checkout has no git history: " + history.read(ROOT).reason)
    channel = ET.fromstring((built_site / "feed.xml").read_text(encoding="utf-8")).find("channel")
    checked = 0
    for practice in load_site(ROOT).practices:
        log = git(ROOT, "log", "--follow", "--format=%at", "--", practice.source).split()
        if not log:
            continue  # not committed in this checkout
        item = next(i for i in channel.findall("item") if i.findtext("link").endswith(f"/praktijken/{practice.slug}/"))
        assert parsedate_to_datetime(item.findtext("pubDate")).timestamp() == int(log[-1]), practice.slug
        checked += 1
    assert checked


@pytest.mark.slow
def test_two_builds_of_the_same_commit_give_the_same_feed(tmp_path):
    """A fresh clone, built twice from a cold cache: the feed is the same, byte for byte."""
    if not history.read(ROOT).available:
        pytest.skip("this checkout has no git history: " + history.read(ROOT).reason)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(ROOT), str(clone))
    for name in ("hooks", "docs"):  # the code under test, committed or not (dates come from content files)
        shutil.copytree(ROOT / name, clone / name, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "vocabulaire.yml"):
        shutil.copy(ROOT / name, clone / name)
    feeds = []
    for run in range(2):
        subprocess.run(["rm", "-rf", str(clone / CACHE_ROOT)], check=True)
        result = run_build(clone, tmp_path / f"site{run}")
        assert result.returncode == 0, result.stdout + result.stderr
        feeds.append((tmp_path / f"site{run}" / "feed.xml").read_bytes())
    assert feeds[0] == feeds[1]
    assert b"<pubDate>" in feeds[0] and b"<lastBuildDate>" in feeds[0]
