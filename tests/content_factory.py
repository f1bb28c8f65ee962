"""Builds small content trees for unit tests, in the real file format."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import ROOT


def practice_text(title="Testpraktijk", strategy="[agenderen]", sector="[wonen]", level="[lokaal]",
                  extra="", body="Het verhaal van deze praktijk.\n") -> str:
    return (
        "---\n"
        f"title: {title}\n"
        "summary: Een korte samenvatting.\n"
        "organisation: Testorganisatie\n"
        "region: Gent\n"
        f"strategy: {strategy}\n"
        f"sector: {sector}\n"
        f"level: {level}\n"
        f"{extra}"
        "---\n\n"
        f"{body}"
    )


def cahier_text(title="Testcahier", number=1, extra="", body="Inleiding van het cahier.\n",
                year: int | None = 2025) -> str:
    return (
        "---\n"
        f"title: {title}\n"
        f"number: {number}\n"
        + (f"year: {year}\n" if year is not None else "") +
        "summary: Waar het cahier over gaat.\n"
        "strategy: [collectiviseren, agenderen]\n"
        f"{extra}"
        "---\n\n"
        f"{body}"
    )


class ContentTree:
    def __init__(self, root: Path):
        self.root = root
        shutil.copy(ROOT / "vocabulaire.yml", root / "vocabulaire.yml")
        (root / "praktijken").mkdir(exist_ok=True)
        (root / "cahiers").mkdir(exist_ok=True)
        (root / "docs").mkdir(exist_ok=True)

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def practice(self, slug: str, **fields) -> Path:
        return self.write(f"praktijken/{slug}.md", practice_text(**fields))

    def cahier(self, slug: str, chapters: dict[str, str] | None = None, **fields) -> Path:
        path = self.write(f"cahiers/{slug}/index.md", cahier_text(**fields))
        for name, text in (chapters or {}).items():
            self.write(f"cahiers/{slug}/{name}", text)
        return path
