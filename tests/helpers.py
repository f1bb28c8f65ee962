"""The test helpers every test file shares, in one place: the project and its copies, the real
build, the one way to run ``python -m samsite``, HTML read back as links, tags or text, small
images, and a phone-sized browser. Fixtures are in conftest.py."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
# The site generator; `make test MKDOCS_MODULE=properdocs` runs every test on ProperDocs.
MKDOCS = [sys.executable, "-m", os.environ.get("SAM_MKDOCS", "mkdocs")]
# Variables of the machine or a CI runner that change what a command does: no test inherits them
# (GITHUB_BASE_REF makes the check compare the printed numbers with that branch), nor a proxy.
NOT_INHERITED = ("SITE_URL", "SAMSITE_DEBUG", "GITHUB_BASE_REF")


# -- the project ------------------------------------------------------------------------------

def build_env() -> dict:
    return {key: value for key, value in os.environ.items()
            if key not in NOT_INHERITED and "proxy" not in key.lower()} | {"NO_MKDOCS_2_WARNING": "1"}


def run_build(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """A real MkDocs build in strict mode (``env``: extra environment variables)."""
    return subprocess.run([*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
                          cwd=project, env={**build_env(), **env}, capture_output=True, text=True, timeout=600)


GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Redactie", "GIT_AUTHOR_EMAIL": "redactie@example.org",
                "GIT_COMMITTER_NAME": "Redactie", "GIT_COMMITTER_EMAIL": "redactie@example.org"}


def git(repo: Path, *args: str, when: str | None = None) -> str:
    """``git *args`` in ``repo`` as the editors' team (``when``: the commit date), in a clean
    environment; fails the test with git's own words."""
    env = {**build_env(), **GIT_IDENTITY, **({"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {})}
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stdout}{result.stderr}"
    return result.stdout


def repo_with_origin(project: Path, bare: Path, files: dict[str, str] | None = None) -> Path:
    """A repository at ``project`` with one commit on main (``files``, or a README) whose origin
    is the bare repository ``bare`` (made when missing): a runner's checkout, GitHub replaced."""
    if not bare.exists():
        git(bare.parent, "init", "-q", "--bare", str(bare))
    project.mkdir(parents=True, exist_ok=True)
    for name, text in (files or {"README.md": "project\n"}).items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-qm", "start")
    git(project, "remote", "add", "origin", str(bare))
    return project


def run_make_build(project: Path, site_dir: Path, *flags: str, **env: str) -> subprocess.CompletedProcess:
    """`make build`'s command line (hooks/mkdocs_cli.py: quiet, Dutch, never a traceback) on
    ``project`` into ``site_dir``; ``env`` added to a clean environment."""
    return subprocess.run([sys.executable, "hooks/mkdocs_cli.py", "build", "--strict", *flags, "-d", str(site_dir)],
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


# -- python -m samsite --------------------------------------------------------------------------

def samsite(*args: str | Path, cwd: Path | None = None, hooks: Path = HOOKS, in_process: bool = False,
            timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
    """``python -m samsite *args`` (what `make check`, `make links`, ... run), with ``hooks`` as
    the code (a copied project passes its own) and ``env`` added to a clean environment.

    ``in_process``: the same command line (``samsite.__main__.run``, which turns an unexpected
    error into the Dutch report) in this Python, with its output captured: no new interpreter,
    so the fast tier can run it. The code is then always this checkout's hooks/."""
    args = [str(arg) for arg in args]
    environment = {**build_env(), "PYTHONPATH": str(hooks), **env}
    if not in_process:
        return subprocess.run([sys.executable, "-m", "samsite", *args], cwd=cwd, env=environment,
                              capture_output=True, text=True, timeout=timeout)
    from samsite.__main__ import run

    out, err = io.StringIO(), io.StringIO()
    with _environment(environment), contextlib.chdir(cwd or os.getcwd()), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = run(args)
        except SystemExit as stop:  # argparse (linkcheck --help, a wrong option)
            code = stop.code if isinstance(stop.code, int) else 2
    return subprocess.CompletedProcess(["samsite", *args], code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _environment(environment: dict):
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(environment)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


# -- HTML read back ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Tag:
    name: str
    attrs: dict
    in_article: bool  # inside <article>, the page content (not the header, navigation or footer)


# Elements that end a line of text; the others (a, code, em, span, ...) sit inside a sentence.
_BLOCKS = {"address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption",
           "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "label", "li", "main",
           "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul", "option", "select",
           "button", "input", "textarea", "script", "style", "title", "head", "body", "html", "img", "svg"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self.parts: list[str] = []
        self.article = 0

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.article += 1
        self.tags.append(Tag(tag, dict(attrs), self.article > 0))
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag == "article":
            self.article -= 1
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def _read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def start_tags(html: str) -> list[Tag]:
    """Every start tag of ``html`` in order, with its attributes."""
    return _read(html).tags


def html_text(html: str) -> str:
    """The text of ``html`` as a reader sees it: entities decoded, the tags gone (a block
    element such as <p>, <li> or <td> ends a word, an inline one such as <a> or <code> does
    not), every run of white space one space."""
    return " ".join("".join(_read(html).parts).split())


def content_links(site_dir: Path, page_path: str) -> set[str]:
    """Site-absolute paths ('/praktijken/x/') that a built page's content (<article>) links to."""
    html_file = site_dir / page_path.strip("/") / "index.html"
    base = "http://site/" + page_path.strip("/") + "/"
    found = set()
    for tag in start_tags(html_file.read_text(encoding="utf-8")):
        href = tag.attrs.get("href")
        if tag.name == "a" and tag.in_article and href:
            absolute = urljoin(base, href)
            if absolute.startswith("http://site/"):
                found.add(urlsplit(absolute).path)
    return found


# -- images ---------------------------------------------------------------------------------------

def png(width: int = 40, height: int = 30, colour: tuple[int, int, int] = (30, 120, 200)) -> bytes:
    """A real PNG file of one colour."""
    return _image("PNG", width, height, colour)


def jpeg(width: int = 40, height: int = 30, colour: tuple[int, int, int] = (200, 120, 30)) -> bytes:
    """A real JPEG file of one colour."""
    return _image("JPEG", width, height, colour)


def _image(kind: str, width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, kind)
    return out.getvalue()


# -- the browser ----------------------------------------------------------------------------------

PHONE = {"width": 360, "height": 740}


@contextlib.contextmanager
def phone_page(browser, width: int = PHONE["width"], height: int = PHONE["height"], **options):
    """A new page in a phone-sized browser context (``options``: has_touch, accept_downloads, ...)."""
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, **options)
    try:
        yield context.new_page()
    finally:
        context.close()
