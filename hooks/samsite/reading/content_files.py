"""What lies in the content folders: files the loader would ignore, names that clash, link targets.

Run by the loader before and after it reads the content; the messages are Dutch, one per file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .. import urls
from ..errors import ContentIssue
from ..model.schema import SHEET_TAXONOMY
from ..model.vocabulary import Vocabulary
from .images import IMAGE_SUFFIXES

# praktijken/index.md is the list of all practices, praktijken/overzicht.md the map
RESERVED_PRACTICE_SLUGS = {"index", "overzicht"}
PRACTICE_NUMBERS = "nummers.yml"  # praktijken/nummers.yml: fixed short-link numbers (numbering/practice_numbers.py)
THEME_FOLDER = "overrides/"  # docs/overrides: theme templates (theme.custom_dir), no pages
LOCK_NAME = "links.yml"  # cahiers/<slug>/links.yml: fixed link numbers (numbering/links.py)


@dataclass(frozen=True)
class Layout:
    """Where content lives, relative to the project root."""

    root: Path
    docs: str = "docs"
    cahiers: str = "cahiers"
    praktijken: str = "praktijken"
    vocabulary: str = "vocabulaire.yml"

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def content_files(self) -> list[Path]:
        """Every file a build reads, for change detection."""
        files = [self.root / self.vocabulary]
        for folder in (self.cahiers, self.praktijken, self.docs):
            base = self.root / folder
            if base.is_dir():
                files += sorted(p for p in base.rglob("*.md") if p.is_file())
        return files + [self.root / asset for asset in self.assets()]

    def input_files(self) -> list[Path]:
        """Every file the generated output may depend on (also links.yml and docs assets)."""
        found = [self.root / self.vocabulary]
        for folder in (self.cahiers, self.praktijken, self.docs):
            found += sorted(path for path in (self.root / folder).rglob("*") if path.is_file())
        return found

    def assets(self) -> list[str]:
        """Images in the content folders (published beside the pages), relative to the root."""
        found = []
        for folder in (self.cahiers, self.praktijken):
            for current, dirs, files in os.walk(self.root / folder):  # symlinks are not followed
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    path = Path(current) / name
                    if path.suffix.lower() in IMAGE_SUFFIXES and not path.is_symlink() and not name.startswith("."):
                        found.append(self.rel(path))
        return found


def chapter_anchor(path: Path) -> str:
    """'02-situering.md' -> 'situering': the chapter's anchor on its cahier page."""
    return re.sub(r"^\d+[-_]?", "", path.stem) or path.stem


def check_files(layout: Layout) -> list[ContentIssue]:
    """Files in the content folders that would be ignored, clash or leak: say so."""
    found = []

    def issue(path: Path, message: str, hint: str) -> None:
        found.append(ContentIssue(layout.rel(path), 1, "bestand", message, hint))

    for folder_name in (layout.praktijken, layout.cahiers):
        base = layout.root / folder_name
        for current, dirs, files in os.walk(base) if base.is_dir() else []:
            here = Path(current)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files) + [d for d in dirs if (here / d).is_symlink()]:
                path = here / name
                depth = len(path.relative_to(base).parts)
                if name.startswith("."):
                    continue
                if path.is_symlink():
                    issue(path, "een snelkoppeling (symbolische link) is niet toegelaten",
                          "zet het echte bestand op deze plaats")
                elif path.suffix.lower() in IMAGE_SUFFIXES or path.suffix.lower() == ".svg":
                    continue  # images: checked where the text uses them
                elif folder_name == layout.praktijken and depth == 1 and (path.suffix == ".md"
                                                                           or name == PRACTICE_NUMBERS):
                    continue
                elif folder_name == layout.cahiers and depth == 2 and (path.suffix == ".md" or name == LOCK_NAME):
                    continue
                elif path.suffix.lower() in (".md", ".markdown", ".txt") and path.suffix != ".md" and depth <= 2:
                    issue(path, "dit bestand wordt niet gelezen: de naam eindigt niet op '.md'",
                          f"hernoem het naar '{path.stem}.md' (kleine letters)")
                elif folder_name == layout.cahiers and depth == 1 and path.suffix.lower() == ".md":
                    issue(path, "een cahier is een map met een index.md, geen los bestand",
                          "maak het cahier aan met: make cahier TITLE=\"...\"")
                elif folder_name == layout.cahiers and path.suffix.lower() in (".docx", ".doc", ".odt"):
                    issue(path, "een Word-bestand wordt niet gepubliceerd: de site leest enkel Markdown (.md)",
                          "laat de pull request het omzetten: zet het alleen in een nieuwe map onder "
                          f"{layout.cahiers}/ (zie de redactiegids), of zet het om met 'make import "
                          f"BESTAND={layout.rel(path)}'; verwijder het daarna")
                elif path.suffix.lower() == ".md":
                    issue(path, "dit bestand wordt niet gelezen: het staat in een submap",
                          f"zet praktijken rechtstreeks in {layout.praktijken}/ en hoofdstukken in de map van hun cahier")
                else:
                    issue(path, f"dit soort bestand ('{path.suffix or name}') hoort niet bij de inhoud",
                          "enkel teksten (.md) en afbeeldingen (.png, .jpg, .gif, .webp) horen hier; "
                          "verwijder het bestand of zet het elders")
    found += name_clashes(layout)
    return found


def name_clashes(layout: Layout) -> list[ContentIssue]:
    """Names that are one name on Windows and macOS, and names the site uses itself."""
    found = []
    practice_dir, cahier_dir = layout.root / layout.praktijken, layout.root / layout.cahiers

    def canonical_first(path: Path) -> tuple:  # the well-formed name is the one that stays
        return path.name != path.name.lower(), path.suffix != ".md", path.name

    practices = sorted((p for p in practice_dir.iterdir() if p.suffix.lower() == ".md"),
                       key=canonical_first) if practice_dir.is_dir() else []
    cahiers = sorted((p for p in cahier_dir.iterdir() if p.is_dir()),
                     key=canonical_first) if cahier_dir.is_dir() else []
    for kind, paths, key in (("praktijk", practices, lambda p: p.stem.casefold()),
                             ("cahier", cahiers, lambda p: p.name.casefold())):
        seen: dict[str, Path] = {}
        for path in paths:
            if key(path) in seen:
                found.append(ContentIssue(layout.rel(path), 1, "bestandsnaam",
                                          f"deze {kind} heeft dezelfde naam als {layout.rel(seen[key(path)])} "
                                          "(op Windows en macOS is dat hetzelfde bestand)",
                                          "houd één van de twee over, met een naam in kleine letters"))
            seen.setdefault(key(path), path)
    folders = {p.name.casefold() for p in practice_dir.iterdir() if p.is_dir()} if practice_dir.is_dir() else set()
    for path in practices:
        if path.stem.casefold() in folders | {"afbeeldingen"}:
            found.append(ContentIssue(layout.rel(path), 1, "bestandsnaam",
                                      f"de naam '{path.stem}' is al de naam van een map in {layout.praktijken}/",
                                      "de pagina en de map zouden hetzelfde webadres krijgen: geef het bestand de "
                                      "naam van de praktijk, bv. 'gentse-wooncoalitie.md'"))
        elif path.stem.casefold() in RESERVED_PRACTICE_SLUGS:
            found.append(ContentIssue(layout.rel(path), 1, "bestandsnaam",
                                      f"de naam '{path.stem}' is voorbehouden voor een pagina van de site",
                                      "geef het bestand de naam van de praktijk, bv. 'gentse-wooncoalitie.md'"))
    return found


def link_targets(layout: Layout, vocabulary: Vocabulary) -> tuple[set[str], set[str], dict[str, str]]:
    """What a local link may reach: page source URIs, other files, chapter files (-> anchor)."""
    practice_dir, cahier_dir = layout.root / layout.praktijken, layout.root / layout.cahiers
    folders = [p for p in cahier_dir.iterdir() if p.is_dir()] if cahier_dir.is_dir() else []
    pages = urls.site_pages(vocabulary.taxonomies, SHEET_TAXONOMY, (p.stem for p in practice_dir.glob("*.md")), (f.name for f in folders))
    files = set(layout.assets())
    docs = layout.root / layout.docs
    for path in docs.rglob("*") if docs.is_dir() else []:
        uri = path.relative_to(docs).as_posix()
        if path.is_file() and not uri.startswith(THEME_FOLDER):
            (pages if path.suffix == ".md" else files).add(uri)
    chapters = {}
    for folder in folders:
        for path in folder.glob("*.md"):
            if path.name != "index.md":
                chapters[layout.rel(path)] = chapter_anchor(path)
    return pages, files, chapters
