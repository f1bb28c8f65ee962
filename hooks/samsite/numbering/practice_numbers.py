"""Stable numbers for practices: the short links /p/<n>/ that printed QR cards encode.

A full practice address makes a dense code (version 5-6 at a 45-character site
address) that phones fail to read from across a table; ``/p/<n>/`` keeps every
printed code at version 4 or lower. Once printed, a number must keep leading to its
story, so the numbers live in ``praktijken/nummers.yml``, a committed file that only
``make links`` writes (see ``write_registry``); a build never changes it. A build fails
when a number in that file no longer leads anywhere (a practice deleted or renamed
without ``aliases:``). Practices added since the last ``make links`` have no number at
all: no short link, and their cards encode their page address. A provisional number
would move when another new practice, merged later, sorts before it (two pull requests
merged without ``make links``): a printed code would silently open another story.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import urls
from ..errors import ContentIssue
from ..model.content import Site
from ..model.vocabulary import ID_PATTERN
from ..reading.content_files import PRACTICE_NUMBERS, RESERVED_PRACTICE_SLUGS
from ..reading.frontmatter import load_data
from ..reading.validate import check_url

REGISTRY = f"{urls.PRACTICES}/{PRACTICE_NUMBERS}"
HEADER = (
    "# Vaste nummers van de praktijken: de korte link /p/<nummer>/ op gedrukte QR-kaarten.\n"
    "# Dit bestand wordt geschreven door 'make links'; pas het niet met de hand aan.\n"
    "# Een nummer verdwijnt nooit en gaat nooit naar een andere praktijk.\n"
    "# - Hernoem je een praktijk, zet dan de oude naam in haar front-matter: aliases: [oude-naam].\n"
    "# - Schrap je een praktijk, voeg dan bij haar nummer een regel 'redirect: https://nieuw-adres' toe.\n"
)


@dataclass(frozen=True)
class Numbering:
    """The number of every practice (slug -> number) and where each number leads."""

    numbers: dict[str, int]  # current slug -> the fixed number its cards print
    targets: dict[int, tuple[str, str]]  # fixed number -> ('slug', slug) or ('url', address)
    unnumbered: frozenset[str] = frozenset()  # practices `make links` has not numbered yet

    def short_path(self, slug: str) -> str | None:
        """The practice's short link, or None while it has no fixed number."""
        number = self.numbers.get(slug)
        return None if number is None else short_path(number)


def short_path(number: int) -> str:
    return urls.short_practice(number)


def _line_of(path: Path, text: str) -> int:
    """The first line that is ``text`` (after '- ' and spaces), else the first that holds it."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError:
        return 1
    exact = next((n for n, line in enumerate(lines, 1) if line.strip(" -") == text), None)
    return exact or next((n for n, line in enumerate(lines, 1) if text in line), 1)


def read_registry(root: Path) -> tuple[list[dict], list[ContentIssue]]:
    """The fixed numbers (an empty list when there is no registry yet)."""
    path = Path(root) / REGISTRY
    if not path.is_file():
        return [], []
    restore = f"zet het terug met 'git checkout {REGISTRY}' en voer 'make links' uit"
    try:
        entries = load_data(path.read_text(encoding="utf-8")) or []
    except (yaml.YAMLError, UnicodeDecodeError):
        return [], [ContentIssue(REGISTRY, 1, "nummers", "dit bestand is geen geldige YAML meer", restore)]
    valid = isinstance(entries, list) and all(
        isinstance(e, dict) and isinstance(e.get("number"), int) and not isinstance(e.get("number"), bool)
        and e["number"] >= 1 and isinstance(e.get("slug"), str) and ID_PATTERN.match(e["slug"])
        for e in entries)
    if not valid:
        return [], [ContentIssue(REGISTRY, 1, "nummers",
                                 "elk item heeft een number (1 of hoger) en een slug (de bestandsnaam zonder .md)",
                                 restore)]
    issues, numbers, slugs = [], set(), set()
    for entry in entries:  # a line is looked up only for a problem: the file is read again each time
        if entry["number"] in numbers or entry["slug"] in slugs:
            issues.append(ContentIssue(REGISTRY, _line_of(path, f"number: {entry['number']}"), "nummers",
                                       f"nummer {entry['number']} of praktijk '{entry['slug']}' staat er twee keer in",
                                       restore))
        numbers.add(entry["number"])
        slugs.add(entry["slug"])
        if "redirect" in entry:
            problem = check_url(entry["redirect"])
            if problem:
                issues.append(ContentIssue(REGISTRY, _line_of(path, f"redirect: {entry['redirect']}"), "redirect",
                                           f"nummer {entry['number']}: {problem}",
                                           "geef het volledige nieuwe webadres, bv. redirect: https://www.voorbeeld.be/"))
    return ([], issues) if issues else (entries, [])


def alias_issues(site: Site, root: Path) -> list[ContentIssue]:
    """An old name must not be a current practice or claimed by two practices."""
    issues, owners = [], {}
    slugs = {practice.slug for practice in site.practices}
    for practice in site.practices:
        for alias in practice.aliases:
            hint = "noem in aliases enkel vroegere bestandsnamen van deze praktijk"
            if alias in slugs:
                issues.append(ContentIssue(practice.source, _line_of(root / practice.source, "aliases"), "aliases",
                                           f"'{alias}' is de naam van een bestaande praktijk", hint))
            elif alias in RESERVED_PRACTICE_SLUGS:
                issues.append(ContentIssue(practice.source, _line_of(root / practice.source, "aliases"), "aliases",
                                           f"'{alias}' is een naam die de site zelf gebruikt", hint))
            elif alias in owners:
                issues.append(ContentIssue(practice.source, _line_of(root / practice.source, "aliases"), "aliases",
                                           f"'{alias}' staat ook in aliases van {owners[alias]}",
                                           "een oude naam kan maar naar één praktijk leiden: houd hem bij één van de twee"))
            owners.setdefault(alias, practice.source)
    return issues


def number_practices(site: Site, entries: list[dict], root: Path = Path(".")) -> tuple[Numbering, list[ContentIssue]]:
    """Apply the fixed numbers; practices without one are listed as ``unnumbered``."""
    by_name = {practice.slug: practice.slug for practice in site.practices}
    for practice in site.practices:
        for alias in practice.aliases:
            by_name.setdefault(alias, practice.slug)
    issues, numbers, targets = [], {}, {}
    registry = Path(REGISTRY)
    for entry in sorted(entries, key=lambda e: e["number"]):
        number, slug = entry["number"], entry["slug"]
        current = by_name.get(slug)
        if entry.get("redirect"):
            targets[number] = ("url", entry["redirect"])
        elif current is None:
            issues.append(ContentIssue(
                REGISTRY, _line_of(root / REGISTRY, f"slug: {slug}"), "nummers",
                f"praktijk {number} ('{slug}') bestaat niet meer, maar haar QR-code /{short_path(number)} "
                "kan al gedrukt zijn",
                f"hernoemde je praktijken/{slug}.md? Zet dan in de front-matter van de nieuwe versie "
                f"'aliases: [{slug}]'. Schrapte je de praktijk? Voeg dan in {registry.as_posix()} bij nummer "
                f"{number} een regel 'redirect: https://...' toe met het adres waar lezers nu terecht moeten"))
        else:
            targets[number] = ("slug", current)
            # its own name first: a practice that absorbed another keeps its own number on cards
            if current == slug or current not in numbers:
                numbers[current] = number
    unnumbered = frozenset(practice.slug for practice in site.practices if practice.slug not in numbers)
    return Numbering(numbers, targets, unnumbered), issues


def practice_numbers(site: Site, root: Path) -> tuple[Numbering, list[ContentIssue]]:
    entries, issues = read_registry(root)
    issues += alias_issues(site, Path(root))
    if issues:
        return Numbering({}, {}), issues
    return number_practices(site, entries, Path(root))


def write_registry(site: Site, root: Path) -> tuple[str, list[ContentIssue]]:
    """Fix the numbers of new practices (the explicit `make links` step): the next free numbers,
    by file name. Never renumbers."""
    entries, issues = read_registry(root)
    numbering, more = practice_numbers(site, root)
    issues += more
    if issues:
        return "", issues
    titles = {practice.slug: practice.title for practice in site.practices}
    fixed = {entry["number"] for entry in entries}
    targets = dict(numbering.targets)
    next_number = max(fixed, default=0) + 1
    for slug in sorted(numbering.unnumbered):
        entries.append({"number": next_number, "slug": slug})
        targets[next_number] = ("slug", slug)
        next_number += 1
    out = []
    for entry in sorted(entries, key=lambda e: e["number"]):
        kind, target = targets[entry["number"]]
        item = {"number": entry["number"], "slug": entry["slug"]}
        if kind == "slug":
            item["title"] = titles[target]
        for key in ("redirect",):
            if key in entry:
                item[key] = entry[key]
        out.append(item)
    text = HEADER + yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=1000)
    path = Path(root) / REGISTRY
    old = path.read_text(encoding="utf-8") if path.is_file() else None
    added = len(out) - len(fixed)
    if old != text:
        path.write_text(text, encoding="utf-8")
        return f"{REGISTRY}: {len(out)} praktijknummers ({added} nieuw)", []
    return f"{REGISTRY}: ongewijzigd ({len(out)} praktijknummers)", []
