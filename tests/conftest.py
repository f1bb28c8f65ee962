"""Shared fixtures: temporary projects, a real strict build, a local server, Chromium."""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from gzip_server import serve

ROOT = Path(__file__).resolve().parent.parent
# The site generator; `make test MKDOCS_MODULE=properdocs` runs every test on ProperDocs.
MKDOCS = [sys.executable, "-m", os.environ.get("SAM_MKDOCS", "mkdocs")]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def build_env() -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    return env


def run_build(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """A real MkDocs build in strict mode (``env``: extra environment variables)."""
    return subprocess.run([*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
                          cwd=project, env={**build_env(), **env}, capture_output=True, text=True, timeout=600)


def copy_project(target: Path, with_content: bool = True) -> Path:
    """A copy of the project's build files (and optionally its content) in ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "vocabulaire.yml"):
        shutil.copy(ROOT / name, target / name)
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "hooks", target / "hooks", ignore=ignore)
    shutil.copytree(ROOT / "docs", target / "docs", ignore=ignore)
    for folder in ("cahiers", "praktijken"):
        if with_content:
            shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
        else:
            (target / folder).mkdir()
    return target


def snapshot(project: Path) -> dict[str, bytes]:
    """Every file in the content folders with its bytes, to prove a command changed nothing."""
    files = {}
    for folder in ("cahiers", "praktijken"):
        for path in sorted((project / folder).rglob("*")):
            if path.is_file():
                files[path.relative_to(project).as_posix()] = path.read_bytes()
    files["vocabulaire.yml"] = (project / "vocabulaire.yml").read_bytes()
    return files


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session in strict mode."""
    site_dir = tmp_path_factory.mktemp("built") / "site"
    result = run_build(ROOT, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served over HTTP on localhost, gzipped like a real host (gzip_server.py)."""
    url, server = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


class LinkParser(HTMLParser):
    """Collects the href of every <a> inside <article> (the page content)."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif tag == "a" and self.depth:
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1


def content_links(site_dir: Path, page_path: str) -> set[str]:
    """Site-absolute paths ('/praktijken/x/') that a built page's content links to."""
    html_file = site_dir / page_path.strip("/") / "index.html"
    parser = LinkParser()
    parser.feed(html_file.read_text(encoding="utf-8"))
    base = "http://site/" + page_path.strip("/") + "/"
    found = set()
    for href in parser.links:
        absolute = urljoin(base, href)
        if absolute.startswith("http://site/"):
            path = urlsplit(absolute).path
            found.add(path if path.endswith("/") else path)
    return found
