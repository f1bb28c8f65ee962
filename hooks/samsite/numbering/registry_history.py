"""The number registries checked against history: what a printed number reached, it still reaches.

``praktijken/nummers.yml`` (``/p/<n>/`` on practice cards) and every ``cahiers/<slug>/links.yml``
(``/l/<cahier>-<n>/`` beside the printed link markers) are compared with a base revision:

- in a pull request (``GITHUB_BASE_REF`` set by GitHub Actions), the merge base with that branch;
- elsewhere, the last commit (``HEAD``): an uncommitted hand edit is caught before it is committed.

Against the base, an existing number may gain a ``redirect:`` (or change it), and its informative
fields (title, chapter) may change. A printed cahier also keeps its own ``number`` (``/l/<n>/``,
``/h/<n>-…/``) and every chapter with an exercise keeps the number its file name starts with (the
code on its worksheet); folders and files may be renamed around those numbers. Anything else that changes where a number leads is refused:
a removed entry, another slug or address, a duplicate, a swap, a dropped redirect. A cahier's
links are binding once the base had it ``published``; until then ``make links`` renumbers freely.

Without a base there is nothing to compare: the project is no git checkout, or the checkout is
too shallow (``actions/checkout`` needs ``fetch-depth: 0``). Then ``compare`` says why, and in a
pull request that is an error, because there it must check.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

import yaml

from .. import urls
from ..errors import ContentIssue
from ..reading.content_files import LOCK_NAME as LINKS_REGISTRY  # in each cahier's folder
from ..reading.content_files import Layout
from ..reading.exercises import admonition_blocks, is_exercise
from ..reading.frontmatter import load_data
from .practice_numbers import REGISTRY as PRACTICE_REGISTRY


@dataclass(frozen=True)
class Base:
    revision: str | None  # None: there is nothing to compare with
    description: str  # which revision, or why there is none (Dutch)
    required: bool = False  # in a pull request: no base is an error


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return subprocess.CompletedProcess(args, 1, "", str(error))


def base_revision(root: Path) -> Base:
    """The revision the registries are compared with (see the module docstring)."""
    root = Path(root)
    branch = os.environ.get("GITHUB_BASE_REF", "").strip()
    fetch = "haal de volledige geschiedenis op (in een workflow: actions/checkout met 'fetch-depth: 0')"
    if _git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        return Base(None, "dit is geen git-repository (bv. een zip-download)", bool(branch))
    if branch:
        for candidate in (f"origin/{branch}", branch):
            if _git(root, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}").returncode == 0:
                merge_base = _git(root, "merge-base", "HEAD", candidate)
                if merge_base.returncode != 0:
                    return Base(None, f"geen gemeenschappelijke geschiedenis met {candidate} gevonden; {fetch}", True)
                revision = merge_base.stdout.strip()
                return Base(revision, f"de basis van deze pull request op {branch} ({revision[:7]})", True)
        return Base(None, f"de tak {branch} is niet opgehaald; {fetch}", True)
    head = _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    if head.returncode != 0:
        return Base(None, "er is nog geen commit om mee te vergelijken")
    return Base(head.stdout.strip(), "de laatste commit (HEAD)")


def _show(root: Path, revision: str, path: str) -> str | None:
    result = _git(root, "show", f"{revision}:{path}")
    return result.stdout if result.returncode == 0 else None


def _entries(text: str | None) -> list[dict]:
    """The numbered entries of a registry text; [] when it is absent or unreadable (other checks
    report an unreadable registry)."""
    try:
        data = load_data(text) if text else []
    except yaml.YAMLError:
        return []
    if not isinstance(data, list):
        return []
    return [e for e in data if isinstance(e, dict) and isinstance(e.get("number"), int)]


def _lines(text: str) -> tuple[dict[int, int], int]:
    """The line of each ``number: <n>`` in a registry text (one pass), and its last line."""
    lines = text.split("\n") if text else [""]
    found = {}
    for index, line in enumerate(lines, 1):
        key, _, value = line.strip(" -").partition(":")
        if key == "number" and value.strip().isdigit():
            found.setdefault(int(value), index)
    return found, max(1, len(lines) - (1 if lines[-1] == "" else 0))


def _parse_front_matter(text: str) -> dict:
    """The fields of a front-matter block ({} when there is none or it is unreadable: the
    content checks report that)."""
    text = text.removeprefix("\ufeff")  # a byte-order mark, as an editor's program may save one
    if not text.startswith("---"):
        return {}
    try:
        front = yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---"))
    except yaml.YAMLError:
        return {}
    return front if isinstance(front, dict) else {}


@functools.lru_cache(maxsize=256)
def _front_matter(root: Path, revision: str, folder: str) -> dict:
    """The front-matter of the cahier in ``folder`` at ``revision``."""
    return _parse_front_matter(_show(root, revision, f"{folder}/index.md") or "")


@dataclass(frozen=True)
class Registry:
    path: str  # relative to the project root
    key: str  # the field that says where a number leads: 'slug' or 'url'
    short: str  # the printed short link of number {n}
    what: str  # what a number leads to, in Dutch ('praktijk', 'link')


def _describe(registry: Registry, entry: dict) -> str:
    target = f"{registry.what} '{entry.get(registry.key)}'"
    title = entry.get("title")
    return f"{target} ({title})" if title and title != entry.get(registry.key) else target


def changes(registry: Registry, old_text: str | None, new_text: str | None, base: str) -> list[ContentIssue]:
    """Every change to where an existing number of ``registry`` leads, as Dutch issues."""
    old = {e["number"]: e for e in _entries(old_text)}
    new_entries = _entries(new_text)
    new: dict[int, list[dict]] = {}
    for entry in new_entries:
        new.setdefault(entry["number"], []).append(entry)
    where_now = {}
    for entry in new_entries:
        where_now.setdefault(entry.get(registry.key), entry["number"])
    restore = f"zet het item terug zoals het in {base} staat ('git checkout' van {registry.path}, dan 'make links')"
    issues = []
    line_of, last = _lines(new_text or "")
    for number, was in sorted(old.items()):
        short, printed = registry.short.format(n=number), _describe(registry, was)
        now = new.get(number, [])
        # a removed entry is reported where it stood: at the next number that is there
        at = number if now else min((n for n in line_of if n > number), default=None)
        line = line_of.get(at, last)
        if not now:
            issues.append(ContentIssue(registry.path, line, "nummers",
                                       f"nummer {number} is verdwenen, maar de gedrukte korte link {short} "
                                       f"leidt naar {printed}",
                                       f"{restore}; moet die link ergens anders heen, voeg dan bij nummer {number} "
                                       "'redirect: https://…' toe"))
            continue
        if len(now) > 1:
            issues.append(ContentIssue(registry.path, line, "nummers",
                                       f"nummer {number} staat er {len(now)} keer in, maar de gedrukte korte "
                                       f"link {short} leidt naar {printed}",
                                       f"houd één item met nummer {number}; een nieuw item krijgt een nieuw nummer "
                                       "via 'make links'"))
            continue
        entry = now[0]
        if entry.get(registry.key) != was.get(registry.key):
            moved = where_now.get(was.get(registry.key))
            elsewhere = f"; '{was.get(registry.key)}' staat nu bij nummer {moved}" if moved is not None else ""
            issues.append(ContentIssue(
                registry.path, line, registry.key,
                f"nummer {number} leidt nu naar {registry.what} '{entry.get(registry.key)}', maar de gedrukte "
                f"korte link {short} leidt naar {printed}{elsewhere}",
                f"{restore}; een gedrukt nummer gaat nooit naar iets anders: wil je dat het elders heen gaat, "
                "voeg dan 'redirect: https://…' toe"))
        elif was.get("redirect") and not entry.get("redirect"):
            issues.append(ContentIssue(
                registry.path, line, "redirect",
                f"de omleiding van nummer {number} naar {was['redirect']} is weggehaald, maar lezers met een "
                f"gedrukte code komen daar nu terecht",
                f"zet de regel 'redirect: {was['redirect']}' terug, of geef een nieuw adres"))
    return issues


PRACTICES = Registry(PRACTICE_REGISTRY, "slug", "/" + urls.short_practice("{n}"), "praktijk")


def compare(root: Path, base: Base | None = None) -> tuple[list[ContentIssue], str]:
    """The refused registry changes against the base, and a line saying what was compared (Dutch)."""
    root = Path(root)
    base = base or base_revision(root)
    if base.revision is None:
        message = f"de vaste nummers zijn niet vergeleken met de geschiedenis: {base.description}"
        if base.required:
            return [ContentIssue(PRACTICE_REGISTRY, 1, "nummers", message,
                                 "zonder die vergelijking kan een gedrukt nummer ongemerkt verschuiven")], ""
        return [], f"Let op: {message}."
    registries = [PRACTICES]
    listed = _git(root, "ls-tree", "-r", "--name-only", base.revision, "--", urls.CAHIERS).stdout.split()
    for path in sorted(listed):
        parts = PurePosixPath(path)
        if parts.name != LINKS_REGISTRY or len(parts.parts) != 3:
            continue
        cahier = _front_matter(root, base.revision, str(parts.parent))
        if cahier.get("published") is True:  # printed: its numbers are binding
            registries.append(Registry(path, "url", "/" + urls.short_link(cahier.get("number"), "{n}"), "link"))
    moved = _moved_registries(root, base.revision, registries)
    issues = []
    for registry in registries:
        now = moved.get(registry.path, registry.path)  # a printed cahier's folder may be renamed
        current = root / now
        new_text = current.read_text(encoding="utf-8", errors="replace") if current.is_file() else None
        issues += changes(replace(registry, path=now), _show(root, base.revision, registry.path), new_text,
                          base.description)
    issues += printed_cahier_changes(root, base.revision, listed)
    return issues, f"Vaste nummers vergeleken met {base.description}."


def _current_cahiers(root: Path) -> dict[object, Path]:
    """The cahier folders of the working tree by the number in their front-matter."""
    found = {}
    for folder in Layout(Path(root)).cahier_folders():
        front, _ = _current_front_matter(folder / "index.md")
        found.setdefault(front.get("number"), folder)
    return found


def _moved_registries(root: Path, revision: str, registries: list[Registry]) -> dict[str, str]:
    """Base path -> current path of the links.yml of a printed cahier whose folder was renamed
    (found by the cahier's number, which its printed codes carry)."""
    current = _current_cahiers(root)
    moved = {}
    for registry in registries:
        path = PurePosixPath(registry.path)
        if registry.key != "url" or (Path(root) / registry.path).exists():
            continue
        number = _front_matter(root, revision, str(path.parent)).get("number")
        if number in current:
            moved[registry.path] = f"{Layout(Path(root)).rel(current[number])}/{path.name}"
    return moved


_CHAPTER_PREFIX = re.compile(r"^(\d+)-.*\.md$")


def _current_front_matter(index: Path) -> tuple[dict, str]:
    """The front-matter of a cahier's index.md in the working tree, and its text."""
    text = index.read_text(encoding="utf-8", errors="replace") if index.is_file() else ""
    return _parse_front_matter(text), text


def printed_cahier_changes(root: Path, revision: str, listed: list[str]) -> list[ContentIssue]:
    """A cahier that was published at ``revision`` keeps the number its printed codes carry
    (/l/<number>/, /h/<number>-<chapter>/), and every chapter with an exercise keeps the number
    its worksheet's code carries (the number its file name starts with). Renaming the folder or a
    chapter's file is fine as long as those numbers stay."""
    layout = Layout(Path(root))
    current = _current_cahiers(root)
    issues = []
    folders = sorted({str(PurePosixPath(path).parent) for path in listed
                      if PurePosixPath(path).name == "index.md" and len(PurePosixPath(path).parts) == 3})
    for folder in folders:
        was = _front_matter(root, revision, folder)
        number = was.get("number")
        if was.get("published") is not True or not isinstance(number, int):
            continue
        index = f"{folder}/index.md"
        now, text = _current_front_matter(root / index)
        place = current.get(number)  # the folder that has the number now (the same one, or a renamed one)
        if not (root / index).is_file() and place is None:
            issues.append(ContentIssue(
                index, 1, "number",
                f"het gedrukte cahier {number} ('{was.get('title')}') is verdwenen, maar de gedrukte korte link "
                f"/{urls.short_links_page(number)} leidt ernaartoe",
                f"zet de map {folder}/ terug; hernoem je ze, houd dan 'number: {number}' in index.md"))
            continue
        if (root / index).is_file() and now.get("number") != number:
            line = next((n for n, row in enumerate(text.split("\n"), 1) if row.startswith("number:")), 1)
            issues.append(ContentIssue(
                index, line, "number",
                f"dit gedrukte cahier heeft nu nummer {now.get('number')}, maar de gedrukte korte links "
                f"/{urls.short_links_page(number)} en /{urls.short_exercise(number, '…')} leiden ernaartoe",
                f"zet 'number: {number}' terug; een gedrukt cahier houdt zijn nummer"))
            continue
        chapters = place or root / folder
        prefixes = {int(m.group(1)) for m in (_CHAPTER_PREFIX.match(p.name) for p in layout.children(chapters)) if m}
        for path in sorted(p for p in listed if str(PurePosixPath(p).parent) == folder):
            match = _CHAPTER_PREFIX.match(PurePosixPath(path).name)
            if not match or int(match.group(1)) in prefixes:
                continue
            body = _show(root, revision, path) or ""
            if any(is_exercise(kind, title) for _, _, kind, title, _ in admonition_blocks(body)):
                code = int(match.group(1))
                issues.append(ContentIssue(
                    index, 1, "hoofdstukken",
                    f"hoofdstuk {code} ({PurePosixPath(path).name}) is verdwenen, maar de gedrukte korte link "
                    f"/{urls.short_exercise(number, code)} op zijn werkblad leidt ernaartoe",
                    f"zet het hoofdstuk terug met een bestandsnaam die met {match.group(1)}- begint; een andere "
                    "naam erachter mag"))
    return issues
