"""Command line: ``python -m samsite check|links [root]``, ``praktijk|cahier "Titel" [root]`` and
``linkcheck [root] [--json [file]]`` (options: ``python -m samsite linkcheck --help``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import urls
from .build import pipeline
from .errors import ContentError, internal_error_report
from .model.archetypes import ScaffoldError
from .numbering import registry_history
from .numbering.links import write_lock
from .numbering.practice_numbers import REGISTRY, write_registry
from .reading.vocabulary_file import load_vocabulary
from .tools.guide import GUIDE, fill_guide
from .tools.linkcheck import main as linkcheck
from .tools.scaffold import new_cahier, new_practice
from .tools.word_import import main as word_import


def check(root: Path) -> int:
    history_issues, compared = registry_history.compare(root)
    try:
        site, numbering = pipeline.check(root)
    except ContentError as error:
        print(ContentError(error.issues + history_issues).report(), file=sys.stderr)
        return 1
    if history_issues:
        print(ContentError(history_issues).report(), file=sys.stderr)
        return 1
    print(compared)
    print(f"Alles in orde: {len(site.practices)} praktijken en {len(site.cahiers)} cahiers gecontroleerd.")
    if numbering.unnumbered:
        print(f"Let op: {len(numbering.unnumbered)} nieuwe praktijk(en) hebben nog geen vast QR-nummer "
              f"({', '.join(sorted(numbering.unnumbered))}): tot dan krijgen ze geen korte link "
              f"/{urls.short_practice('<nummer>')} en toont hun QR-kaart het volledige adres. Voer 'make links' uit "
              f"en voeg {REGISTRY} toe aan je pull request.")
    return 0


def links(root: Path) -> int:
    """Write the link numbering file of every cahier and the practice numbers (`make links`)."""
    try:
        site = pipeline.load(root)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    problems = []
    for cahier in site.cahiers:
        message, issues = write_lock(cahier, root)
        problems += issues
        if message:
            print(message)
    message, issues = write_registry(site, root)
    problems += issues
    if message:
        print(message)
    if problems:
        print(ContentError(problems).report(), file=sys.stderr)
        return 1
    return 0


def new(kind: str, title: str, root: Path) -> int:
    """Scaffold a practice or cahier (`make praktijk TITLE=...`, `make cahier TITLE=...`)."""
    try:
        _, steps = (new_practice if kind == "praktijk" else new_cahier)(root, title)
    except ScaffoldError as error:
        print(f"Niets aangemaakt: {error}", file=sys.stderr)
        return 1
    except ContentError as error:  # the vocabulary itself has problems
        print(error.report(), file=sys.stderr)
        return 1
    print(steps)
    return 0


def gids(root: Path) -> int:
    """Write the generated tables of docs/redactiegids.md (the explicit `make gids` step)."""
    try:
        vocabulary = load_vocabulary(root / "vocabulaire.yml", "vocabulaire.yml")
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    path = root / GUIDE
    old = path.read_text(encoding="utf-8")
    new = fill_guide(old, vocabulary)
    if new != old:
        path.write_text(new, encoding="utf-8")
        print(f"{GUIDE}: tabellen bijgewerkt (voeg het bestand toe aan je pull request)")
    else:
        print(f"{GUIDE}: ongewijzigd")
    return 0


COMMANDS = {"check": check, "links": links, "gids": gids}
SCAFFOLDS = ("praktijk", "cahier")
USAGE = ("Gebruik: python -m samsite check|links|gids [map]\n"
         "         python -m samsite linkcheck [map] [--json [bestand]]  (of: make linkcheck)\n"
         "         python -m samsite praktijk|cahier \"Titel\" [map]  (of: make praktijk TITLE=\"Titel\")\n"
         "         python -m samsite import <bestand.docx>|--nieuwe [map]  (of: make import BESTAND=cahier.docx)")


def main(argv: list[str]) -> int:
    if argv and argv[0] == "linkcheck":
        return linkcheck(argv[1:])
    if argv and argv[0] == "import":

        return word_import(argv[1:])
    if argv and argv[0] in SCAFFOLDS:
        if len(argv) < 2 or not argv[1].strip():
            print(f"Geef een titel, bv. make {argv[0]} TITLE=\"Naam van de {argv[0]}\"", file=sys.stderr)
            return 2
        return new(argv[0], argv[1], Path(argv[2] if len(argv) > 2 else ".").resolve())
    if not argv or argv[0] not in COMMANDS:
        print(USAGE, file=sys.stderr)
        return 2
    return COMMANDS[argv[0]](Path(argv[1] if len(argv) > 1 else ".").resolve())


def run(argv: list[str]) -> int:
    """``main`` without tracebacks: an unexpected error becomes a Dutch message."""
    try:
        return main(argv)
    except Exception as error:  # noqa: BLE001
        if os.environ.get("SAMSITE_DEBUG"):
            raise
        print(internal_error_report(error), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
