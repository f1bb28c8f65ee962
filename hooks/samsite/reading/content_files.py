"""What lies in the content folders: the one inventory of content files, files the loader
would ignore, names that clash, link targets.

``Layout`` is the inventory: every reader (the loader, the checks, the cache keys of the
build, the images, the link check, the scaffold, the Word import) asks it which files there
are, so all of them see the same files. Run by the loader before and after it reads the
content; the messages are Dutch, one per file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import urls
from ..errors import ContentIssue
from ..model.schema import SHEET_TAXONOMY
from ..model.vocabulary import Vocabulary
from .images import IMAGE_SUFFIXES

# praktijken/index.md is the list of all practices, praktijken/overzicht.md the map
RESERVED_PRACTICE_SLUGS = frozenset(urls.reserved_in(urls.PRACTICES))
PRACTICE_NUMBERS = "nummers.yml"  # praktijken/nummers.yml: fixed short-link numbers (numbering/practice_numbers.py)
THEME_FOLDER = "overrides/"  # docs/overrides: theme templates (theme.custom_dir), no pages
LOCK_NAME = "links.yml"  # cahiers/<slug>/links.yml: fixed link numbers (numbering/links.py)


@dataclass(frozen=True)
class Layout:
    """Where content lives, relative to the project root, and which files are content.

    One rule for every reader:

    - a hidden name (starting with '.': ``.DS_Store``, ``._foto.jpg`` from macOS, ``.git``)
      is not content: it is skipped, with everything in a hidden folder, and never reported;
    - a symbolic link (to a file or a folder) is never content: it is not read, not
      published and not followed; ``check_files`` reports it (``entries`` lists it);
    - everything else is listed sorted by name, folder by folder.
    """

    root: Path
    docs: str = "docs"
    cahiers: str = urls.CAHIERS
    praktijken: str = urls.PRACTICES
    vocabulary: str = "vocabulaire.yml"

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    # -- The walk: the one rule ------------------------------------------------------------

    def children(self, folder: Path) -> list[Path]:
        """What lies directly in ``folder`` (an absolute path), symlinks included, hidden names not."""
        folder = Path(folder)
        if not folder.is_dir():
            return []
        return sorted(path for path in folder.iterdir() if not path.name.startswith("."))

    def entries(self, folder: str) -> Iterator[Path]:
        """Everything below the project folder ``folder``, symlinks included (never entered),
        hidden names not; folder by folder, sorted."""
        for current, dirs, files in os.walk(self.root / folder):  # os.walk follows no symlink
            here = Path(current)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files) + [d for d in dirs if (here / d).is_symlink()]:
                if not name.startswith("."):
                    yield here / name

    def files(self, folder: str) -> list[Path]:
        """The content files below the project folder ``folder``: no symlink, no hidden name."""
        return [path for path in self.entries(folder) if not path.is_symlink() and path.is_file()]

    # -- What the readers ask ------------------------------------------------------------------

    def practice_files(self) -> list[Path]:
        """``praktijken/<slug>.md``: the files the loader reads as practices."""
        return [path for path in self.children(self.root / self.praktijken)
                if path.suffix == ".md" and path.is_file() and not path.is_symlink()]

    def cahier_folders(self) -> list[Path]:
        """``cahiers/<slug>/``: the folders the loader reads as cahiers."""
        return [path for path in self.children(self.root / self.cahiers) if path.is_dir() and not path.is_symlink()]

    def chapter_files(self, folder: Path) -> list[Path]:
        """The chapter files of a cahier folder (every ``.md`` but ``index.md``), by name."""
        return [path for path in self.children(folder)
                if path.suffix == ".md" and path.name != "index.md" and path.is_file() and not path.is_symlink()]

    def pages_in(self, folder: str) -> list[Path]:
        """The ``.md`` files directly in the project folder ``folder`` (e.g. ``docs/strategieen``)."""
        return [path for path in self.children(self.root / folder)
                if path.suffix == ".md" and path.is_file() and not path.is_symlink()]

    def content_files(self) -> list[Path]:
        """Every file a build reads, for change detection."""
        files = [self.root / self.vocabulary]
        for folder in (self.cahiers, self.praktijken, self.docs):
            files += [path for path in self.files(folder) if path.suffix == ".md"]
        return files + [self.root / asset for asset in self.assets()]

    def input_files(self) -> list[Path]:
        """Every file the generated output may depend on (also links.yml and docs assets)."""
        found = [self.root / self.vocabulary]
        for folder in (self.cahiers, self.praktijken, self.docs):
            found += self.files(folder)
        return found

    def assets(self) -> list[str]:
        """Images in the content folders (published beside the pages), relative to the root."""
        return [self.rel(path) for folder in (self.cahiers, self.praktijken) for path in self.files(folder)
                if path.suffix.lower() in IMAGE_SUFFIXES]


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
        for path in layout.entries(folder_name):
            name = path.name
            depth = len(path.relative_to(base).parts)
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

    practices = sorted((p for p in layout.children(practice_dir) if p.suffix.lower() == ".md"), key=canonical_first)
    cahiers = sorted((p for p in layout.children(cahier_dir) if p.is_dir()), key=canonical_first)
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
    folders = {p.name.casefold() for p in layout.children(practice_dir) if p.is_dir()}
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
    folders = layout.cahier_folders()
    pages = urls.site_pages(vocabulary.taxonomies, SHEET_TAXONOMY, (p.stem for p in layout.practice_files()),
                            (f.name for f in folders)) - urls.NOT_LINK_TARGETS
    files = set(layout.assets())
    docs = layout.root / layout.docs
    for path in layout.files(layout.docs):
        uri = path.relative_to(docs).as_posix()
        if not uri.startswith(THEME_FOLDER):
            (pages if path.suffix == ".md" else files).add(uri)
    chapters = {}
    for folder in folders:
        for path in layout.chapter_files(folder):
            chapters[layout.rel(path)] = chapter_anchor(path)
    return pages, files, chapters
