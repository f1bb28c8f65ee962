"""Read content files into the typed model, collecting every problem before failing."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from .. import urls
from ..errors import ContentError, ContentIssue, IssueCollector
from ..model.content import Cahier, Chapter, Intro, Practice, Site
from ..model.schema import CAHIER, practice_collection
from ..model.vocabulary import ID_PATTERN, Vocabulary
from ..text.slugs import folded
from ..text.suggest import did_you_mean
from .anchors import content_ids, heading_anchors, title_headings
from .content_files import Layout, chapter_anchor, check_files, link_targets
from .cross_links import Reference, check_references
from .frontmatter import read_text, split_front_matter
from .images import check_images
from .markdown_checks import check_body
from .validate import FieldValidator
from .vocabulary_file import load_vocabulary

H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$")
CHAPTER_NAME = re.compile(r"^\d+-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
CHAPTER_NUMBER = re.compile(r"^(\d+)")
RESERVED_ANCHORS = {"praktijken"}  # the practices section at the end of a cahier page


def _check_slug(path: Path, layout: Layout, issues: IssueCollector, slug: str) -> bool:
    if ID_PATTERN.match(slug):
        return True
    issues.add(1, "bestandsnaam", f"'{slug}' is geen geldige naam",
               "gebruik enkel kleine letters, cijfers en koppeltekens, bv. 'gentse-wooncoalitie'")
    return False


MAX_TEXT_BYTES = 200_000  # a long chapter is 10 KB; a story is shorter


def _read_limited(path: Path, issues: IssueCollector) -> str | None:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        issues.add(1, "bestand", f"het bestand is te groot: {size // 1000} KB (hoogstens {MAX_TEXT_BYTES // 1000} KB)",
                   "een praktijk is een kort verhaal; verdeel een lange cahiertekst over meer hoofdstukken")
        return None
    return read_text(path.read_bytes(), issues)


def _read(path: Path, layout: Layout) -> tuple[IssueCollector, str | None]:
    issues = IssueCollector(layout.rel(path))
    return issues, _read_limited(path, issues)


def load_practice(path: Path, layout: Layout, vocabulary: Vocabulary,
                  references: list[Reference] | None = None) -> tuple[Practice | None, list[ContentIssue]]:
    issues, text = _read(path, layout)
    slug = path.stem
    if text is None or not _check_slug(path, layout, issues, slug):
        return None, issues.issues
    source = split_front_matter(text, issues)
    if source is None:
        return None, issues.issues
    values = FieldValidator(practice_collection(vocabulary), vocabulary, issues).validate(source.meta, source.lines)
    if not source.body.strip():
        issues.add(source.body_line, "tekst", "het verhaal onder de front-matter is leeg",
                   "schrijf het verhaal van de praktijk onder de tweede regel '---'")
    for line, title in title_headings(source.body, source.body_line):
        issues.add(line, "tekst", f"een kop met één # ('{title}') wordt een tweede paginatitel",
                   "de titel komt uit title:; begin een tussenkop met twee hekjes, bv. ## De kwestie")
    _keep(references, check_body(source.body, source.body_line, issues, layout.praktijken))
    if issues.issues:
        return None, issues.issues
    terms = {key: values.pop(key) for key in vocabulary.keys() if key in values}
    practice = Practice(slug=slug, source=issues.path, body=source.body.strip("\n"), taxonomy_terms=terms, **values)
    return practice, []


def _keep(references: list[Reference] | None, found: list[Reference]) -> None:
    if references is not None:
        references += found


def _load_chapter(path: Path, layout: Layout,
                  references: list[Reference] | None = None) -> tuple[Chapter | None, list[ContentIssue]]:
    issues, text = _read(path, layout)
    if text is None:
        return None, issues.issues
    if not text.strip():
        issues.add(1, "bestand", "het hoofdstuk is leeg", "schrijf een titel ('# Titel') en de tekst")
        return None, issues.issues
    # A chapter may start MkDocs-style with front-matter holding only its title.
    source = split_front_matter(text, issues, required=False)
    if source is None:
        return None, issues.issues
    for key in source.meta:
        if key != "title":
            issues.add(source.lines.get((key,), 1), str(key), "onbekend veld in een hoofdstuk",
                       "een hoofdstuk heeft enkel een titel: '# Titel' op de eerste regel (of title: in de front-matter)")
    meta_title = source.meta.get("title")
    if meta_title not in (None, "") and (not isinstance(meta_title, str) or not meta_title.strip()):
        issues.add(source.lines.get(("title",), 1), "title", "de titel van een hoofdstuk is tekst",
                   "bv. title: De start")
        meta_title = None
    meta_title = meta_title if isinstance(meta_title, str) and meta_title.strip() else None
    lines = source.body.split("\n")
    offset = source.body_line - 1
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    match = H1.match(lines[first]) if first is not None else None
    if not match and not meta_title:
        issues.add(offset + (first or 0) + 1, "titel", "een hoofdstuk begint met een titelregel '# Titel'",
                   "zet de titel van het hoofdstuk op de eerste regel, voorafgegaan door '# ' "
                   "(en daaronder een witregel)")
        return None, issues.issues
    if not CHAPTER_NAME.match(path.name):
        issues.add(1, "bestandsnaam", f"'{path.name}' is geen geldige naam voor een hoofdstuk",
                   "begin met een volgnummer en gebruik kleine letters en koppeltekens, bv. '03-de-start.md'")
    start = first + 1 if match else 0
    _keep(references, check_body("\n".join(lines[start:]), offset + start + 1, issues, layout.rel(path.parent)))
    body = "\n".join(lines[start:]).strip("\n")
    if not body.strip():
        issues.add(offset + start + 1, "tekst", "het hoofdstuk heeft geen tekst", "schrijf de tekst onder de titel")
    chapter_slug = chapter_anchor(path)
    title = " ".join(meta_title.split()) if meta_title else match.group(1)
    return Chapter(chapter_slug, issues.path, title, body), issues.issues


def _chapter_files(layout: Layout, folder: Path) -> list[Path]:
    """Chapter files in reading order: by their number (2 before 10), then by name."""
    paths = layout.chapter_files(folder)

    def key(path: Path) -> tuple:
        number = CHAPTER_NUMBER.match(path.name)
        return (int(number.group(1)) if number else float("inf"), path.name)
    return sorted(paths, key=key)


def load_cahier(folder: Path, layout: Layout, vocabulary: Vocabulary,
                references: list[Reference] | None = None) -> tuple[Cahier | None, list[ContentIssue]]:
    index = folder / "index.md"
    issues = IssueCollector(layout.rel(index))
    if not index.is_file():
        issues.add(1, "bestand", "elk cahier heeft een index.md",
                   "maak het cahier aan met: make cahier TITLE=\"...\"")
        return None, issues.issues
    if not _check_slug(folder, layout, issues, folder.name):
        return None, issues.issues
    if index.is_symlink():
        return None, []  # reported by _check_files
    text = _read_limited(index, issues)
    source = split_front_matter(text, issues) if text is not None else None
    if source is None:
        return None, issues.issues
    values = FieldValidator(CAHIER, vocabulary, issues).validate(source.meta, source.lines)
    _keep(references, check_body(source.body, source.body_line, issues, layout.rel(folder)))
    chapters = []
    found = list(issues.issues)
    anchors: dict[str, str] = {}
    numbers: dict[int, str] = {}
    for path in _chapter_files(layout, folder):
        chapter, chapter_issues = _load_chapter(path, layout, references)
        number = CHAPTER_NUMBER.match(path.name)
        if number and int(number.group(1)) in numbers:
            chapter_issues.append(ContentIssue(layout.rel(path), 1, "bestandsnaam",
                                               f"het volgnummer {int(number.group(1))} is al gebruikt door "
                                               f"{numbers[int(number.group(1))]}",
                                               "geef elk hoofdstuk een eigen nummer: de volgorde bepaalt ook "
                                               "de linknummers in het gedrukte cahier"))
        elif number:
            numbers[int(number.group(1))] = path.name
        if chapter and (chapter.slug in anchors or chapter.slug in RESERVED_ANCHORS):
            other = anchors.get(chapter.slug, "de lijst met praktijken onderaan het cahier")
            chapter_issues.append(ContentIssue(chapter.source, 1, "bestandsnaam",
                                               f"het hoofdstuk krijgt hetzelfde anker ('#{chapter.slug}') als {other}",
                                               "geef het bestand een andere naam na het volgnummer"))
        found += chapter_issues
        if chapter:
            anchors.setdefault(chapter.slug, chapter.source)
            if not chapter_issues:
                chapters.append(chapter)
    if not source.body.strip() and not chapters and not found:
        found.append(ContentIssue(issues.path, source.body_line, "tekst", "het cahier heeft geen tekst",
                                  "schrijf een inleiding onder de front-matter of voeg hoofdstukken toe"))
    if found:
        return None, found
    return Cahier(slug=folder.name, source=issues.path, body=source.body.strip("\n"),
                  chapters=tuple(chapters), **values), []


def _load_intros(layout: Layout, vocabulary: Vocabulary) -> tuple[dict[str, Intro], list[ContentIssue]]:
    """Hand-written term texts in docs/<taxonomy path>/<id>.md (optional)."""
    intros, found = {}, []
    for taxonomy in vocabulary.taxonomies:
        for term in taxonomy.terms:
            src_uri = f"{taxonomy.path}/{term.id}.md"
            path = layout.root / layout.docs / src_uri
            if not path.is_file():
                continue
            issues, text = _read(path, layout)
            lines = (text or "").split("\n")
            match = H1.match(lines[0]) if lines else None
            if text is not None and not match:
                issues.add(1, "titel", "de tekst begint met een titelregel '# Titel'",
                           f"zet '# {term.label}' op de eerste regel")
            if issues.issues:
                found += issues.issues
                continue
            intros[src_uri] = Intro(issues.path, match.group(1), "\n".join(lines[1:]).strip("\n"))
        for path in layout.pages_in(f"{layout.docs}/{taxonomy.path}"):
            if path.stem != "index" and path.stem not in taxonomy:
                found.append(ContentIssue(layout.rel(path), 1, "bestandsnaam",
                                          f"'{path.stem}' is geen {taxonomy.label.lower()} uit het vocabulaire",
                                          f"{did_you_mean(path.stem, taxonomy.ids())}hernoem het bestand of "
                                          "voeg de term toe in vocabulaire.yml"))
    return intros, found


def _unexpected(layout: Layout, path: Path, error: Exception) -> ContentIssue:
    """A file that made the loader itself fail: named, in Dutch, without a traceback."""
    if os.environ.get("SAMSITE_DEBUG"):
        raise error
    return ContentIssue(layout.rel(path), 1, "bestand",
                        f"dit bestand kon niet verwerkt worden door een onverwachte fout ({type(error).__name__})",
                        "controleer het bestand op vreemde tekens of opmaak; lukt het niet, meld het aan het "
                        "webteam met de naam van het bestand")


def _check_references(site: Site, layout: Layout) -> list[ContentIssue]:
    found = []
    # Every cahier folder counts, also one with problems of its own (reported there).
    slugs = [folder.name for folder in layout.cahier_folders()]
    for practice in site.practices:
        for slug in practice.cahier:
            if slug not in slugs:
                found.append(ContentIssue(practice.source, _field_line(layout, practice.source, "cahier"),
                                          "cahier", f"er bestaat geen cahier '{slug}'",
                                          f"{did_you_mean(slug, slugs)}kies uit: {', '.join(slugs) or '(nog geen cahiers)'}"))
    titles: dict[str, str] = {}
    for practice in site.practices:
        key = folded(practice.title)
        if key in titles:
            found.append(ContentIssue(practice.source, _field_line(layout, practice.source, "title"), "title",
                                      f"dezelfde titel als {titles[key]}",
                                      "geef elke praktijk een eigen titel (of voeg de twee verhalen samen)"))
        else:
            titles[key] = practice.source
    numbers: dict[int, str] = {}
    for cahier in sorted(site.cahiers, key=lambda c: c.source):
        if cahier.number in numbers:
            found.append(ContentIssue(cahier.source, _field_line(layout, cahier.source, "number"), "number",
                                      f"nummer {cahier.number} is al gebruikt door {numbers[cahier.number]}",
                                      "geef elk cahier een eigen volgnummer"))
        numbers.setdefault(cahier.number, cahier.source)
    return found


class _Anchors(Mapping):
    """Page -> its anchors, worked out the first time a link asks (most pages are never
    the target of an anchor link, and reading a page's headings is a second parse)."""

    def __init__(self, pages: dict[str, Callable[[], set[str]]]):
        self._pages, self._found = pages, {}

    def __getitem__(self, uri: str) -> set[str]:
        if uri not in self._found:
            self._found[uri] = self._pages[uri]()
        return self._found[uri]

    def __iter__(self):
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)


def page_anchors(site: Site) -> tuple[Mapping[str, set[str]], dict[str, str]]:
    """The anchors (#...) of every practice and cahier page, and which page each file is on."""
    pages, page_of = {}, {}

    def practice_anchors(practice) -> set[str]:
        page = f"# {practice.title}\n\n{practice.body}\n\n## Meer weten\n\n## Verwante praktijken\n"
        return set(heading_anchors(page)) | content_ids(practice.body)

    def cahier_anchors(cahier) -> set[str]:
        parts = [f"# {cahier.title}", cahier.body]
        for chapter in cahier.chapters:
            parts += [f"## {chapter.title} {{ #{chapter.slug} }}", chapter.body]
        parts.append("## Praktijken { #praktijken }")
        page = "\n\n".join(parts)
        return set(heading_anchors(page)) | content_ids(page)

    for practice in site.practices:
        uri = urls.practice(practice.slug)
        pages[uri] = functools.partial(practice_anchors, practice)
        page_of[practice.source] = uri
    for cahier in site.cahiers:
        uri = urls.cahier(cahier.slug)
        pages[uri] = functools.partial(cahier_anchors, cahier)
        for chapter in cahier.chapters:
            page_of[chapter.source] = uri
        page_of[cahier.source] = uri
    return _Anchors(pages), page_of


def _field_line(layout: Layout, source: str, field: str) -> int:
    """Line of a top-level field in an already validated file (for cross-file checks)."""
    issues = IssueCollector(source)
    text = read_text((layout.root / source).read_bytes(), issues)
    parsed = split_front_matter(text or "", issues)
    return parsed.lines.get((field,), 1) if parsed else 1


def load_site(root: Path) -> Site:
    """Load and validate everything; raise ContentError listing every problem."""
    layout = Layout(Path(root))
    vocabulary = load_vocabulary(layout.root / layout.vocabulary, layout.vocabulary, layout.root / layout.docs)
    found: list[ContentIssue] = check_files(layout) + check_images(layout.root, layout.assets())
    references: list[Reference] = []
    practices, cahiers = [], []
    for path in layout.practice_files():  # a symlink or a hidden file is none (check_files)
        try:
            practice, issues = load_practice(path, layout, vocabulary, references)
        except Exception as error:  # noqa: BLE001 - an editor gets a message, never a traceback
            practice, issues = None, [_unexpected(layout, path, error)]
        found += issues
        if practice:
            practices.append(practice)
    for folder in layout.cahier_folders():
        try:
            cahier, issues = load_cahier(folder, layout, vocabulary, references)
        except Exception as error:  # noqa: BLE001
            cahier, issues = None, [_unexpected(layout, folder / "index.md", error)]
        found += issues
        if cahier:
            cahiers.append(cahier)
    intros, issues = _load_intros(layout, vocabulary)
    found += issues
    site = Site(vocabulary, practices, cahiers, intros)
    found += _check_references(site, layout)
    anchors, page_of = page_anchors(site)
    found += check_references(references, *link_targets(layout, vocabulary), anchors, page_of)
    if found:
        raise ContentError(found)
    return site
