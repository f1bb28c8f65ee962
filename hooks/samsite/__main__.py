"""Command line: ``python -m samsite check [root]``."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import ContentError
from .loader import load_site


def check(root: Path) -> int:
    try:
        site = load_site(root)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"Alles in orde: {len(site.practices)} praktijken en {len(site.cahiers)} cahiers gecontroleerd.")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "check":
        print("Gebruik: python -m samsite check [map]", file=sys.stderr)
        return 2
    return check(Path(argv[1] if len(argv) > 1 else ".").resolve())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
