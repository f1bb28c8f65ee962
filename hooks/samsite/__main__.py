"""Command line: ``python -m samsite check [root]``."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import ContentError
from . import build


def check(root: Path) -> int:
    try:
        site = build.check(root)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"Alles in orde: {len(site.practices)} praktijken en {len(site.cahiers)} cahiers gecontroleerd.")
    return 0


def links(root: Path) -> int:
    """Write the link numbering file of every cahier (the explicit `make links` step)."""
    from .links import write_lock

    try:
        site = build.load(root)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    problems = []
    for cahier in site.cahiers:
        message, issues = write_lock(cahier, root)
        problems += issues
        if message:
            print(message)
    if problems:
        print(ContentError(problems).report(), file=sys.stderr)
        return 1
    return 0


COMMANDS = {"check": check, "links": links}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print("Gebruik: python -m samsite check|links [map]", file=sys.stderr)
        return 2
    return COMMANDS[argv[0]](Path(argv[1] if len(argv) > 1 else ".").resolve())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
