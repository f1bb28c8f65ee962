"""New content files: ``make praktijk`` and ``make cahier`` write the archetypes of
``model/archetypes.py`` into the content folders.

Every field of ``model/schema.py`` gets a Dutch comment (what it is, whether it is required,
the allowed values from the vocabulary, an example). Required values the command cannot
know are left empty, so ``make check`` names each one until the editor fills it in.
"""

from __future__ import annotations

from pathlib import Path

from .. import urls
from ..errors import IssueCollector
from ..model.archetypes import (
    FIRST_CHAPTER,
    FIRST_CHAPTER_TEXT,
    ScaffoldError,
    cahier_text,
    practice_text,
    slug_for,
)
from ..model.vocabulary import Vocabulary
from ..reading.content_files import RESERVED_PRACTICE_SLUGS, Layout
from ..reading.frontmatter import read_text, split_front_matter
from ..reading.vocabulary_file import load_vocabulary


def context(root: Path) -> tuple[Layout, Vocabulary, list[str], list[int]]:
    """The project's layout, vocabulary, cahier folders and the cahier numbers in use."""
    layout = Layout(Path(root))
    vocabulary = load_vocabulary(layout.root / layout.vocabulary, layout.vocabulary)
    cahier_dir = layout.root / layout.cahiers
    slugs = [folder.name for folder in layout.cahier_folders()]
    numbers = []
    for slug in slugs:  # read leniently: other content may still have problems
        issues = IssueCollector(slug)
        index = cahier_dir / slug / "index.md"
        text = read_text(index.read_bytes(), issues) if index.is_file() else None
        source = split_front_matter(text, issues) if text else None
        number = source.meta.get("number") if source else None
        if isinstance(number, int) and not isinstance(number, bool):
            numbers.append(number)
    return layout, vocabulary, slugs, numbers


def new_practice(root: Path, title: str) -> tuple[list[Path], str]:
    """Create praktijken/<slug>.md; return the new files and the next steps (Dutch)."""
    layout, vocabulary, cahiers, _ = context(root)
    slug = slug_for(title)
    folder = layout.root / layout.praktijken
    if slug in RESERVED_PRACTICE_SLUGS:
        raise ScaffoldError(f"de naam '{slug}' is voorbehouden voor de site; kies een andere titel")
    existing = [p for p in layout.children(folder) if p.stem.casefold() == slug and p.suffix.lower() == ".md"]
    if existing:
        raise ScaffoldError(f"{layout.rel(existing[0])} bestaat al en blijft ongewijzigd; "
                            "open dat bestand, of kies een andere titel")
    path = folder / f"{slug}.md"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(practice_text(vocabulary, cahiers, title), encoding="utf-8")
    rel = layout.rel(path)
    steps = (f"Nieuwe praktijk: {rel}\n\nVolgende stappen:\n"
             f"  1. Open {rel} en vul elk veld in; de uitleg staat boven elk veld.\n"
             "  2. Schrijf het verhaal onder de tweede regel '---'.\n"
             "  3. Controleer met: make check (het zegt wat nog ontbreekt, met bestand en regel).\n"
             f"  4. Bekijk het resultaat met: make serve, op http://127.0.0.1:8000/{urls.directory(urls.practice(slug))}\n"
             "  5. Stel je wijziging voor in een pull request (zie de redactiegids).")
    return [path], steps


def new_cahier(root: Path, title: str) -> tuple[list[Path], str]:
    """Create cahiers/<slug>/index.md and a first chapter; return the new files and the next steps."""
    layout, vocabulary, cahiers, numbers = context(root)
    slug = slug_for(title)
    base = layout.root / layout.cahiers
    clash = next((name for name in cahiers if name.casefold() == slug), None)
    if clash or (base / slug).exists():
        raise ScaffoldError(f"{layout.cahiers}/{clash or slug}/ bestaat al en blijft ongewijzigd; "
                            "open die map, of kies een andere titel")
    number = max(numbers, default=0) + 1
    folder = base / slug
    folder.mkdir(parents=True)
    index = folder / "index.md"
    index.write_text(cahier_text(vocabulary, cahiers, title, number), encoding="utf-8")
    chapter = folder / FIRST_CHAPTER
    chapter.write_text(FIRST_CHAPTER_TEXT, encoding="utf-8")
    rel = layout.rel(folder)
    steps = (f"Nieuw cahier: {rel}/ (nummer {number} in de reeks)\n\nVolgende stappen:\n"
             f"  1. Open {rel}/index.md en vul elk veld in; de uitleg staat boven elk veld.\n"
             f"  2. Schrijf de inleiding onder de tweede regel '---' van {rel}/index.md.\n"
             f"  3. Geef {rel}/{FIRST_CHAPTER} een titel en tekst (en een passende naam); voeg\n"
             "     hoofdstukken toe als 02-....md, 03-....md.\n"
             "  4. Controleer met: make check (het zegt wat nog ontbreekt, met bestand en regel).\n"
             f"  5. Bekijk het resultaat met: make serve, op http://127.0.0.1:8000/{urls.directory(urls.cahier(slug))}\n"
             "  6. Stel je wijziging voor in een pull request (zie de redactiegids).")
    return [index, chapter], steps
