"""The 'Aan de slag' exercises of a cahier, found in its chapters' Markdown.

An exercise is an admonition of type ``question`` (``!!! question "Aan de slag: ..."``, also
the collapsible ``???``/``???+`` forms), or any admonition whose title starts with
'Aan de slag'. Its text is the indented block under the marker. The admonitions come from
the one reading of Markdown (``markdown_source.parse``): a marker in fenced code is no
exercise, and a marker counts exactly when the site renders an admonition.

Where an exercise asks to draw a schema, ``templates`` says which empty template a
worksheet prints: a grid of named fields ("... in een schema met vakken voor burgers,
middenveld, overheid en markt") and every Markdown table in the exercise (its header row
and first column kept, the cells left empty to write in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model.content import Cahier, Chapter
from ..text.markdown_source import parse

_FIELDS = re.compile(r"\bvakken\s+voor\s+([^.;:?!\n]+)", re.IGNORECASE)
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PLACEHOLDER_CELL = {"", "...", "…", "-", "–", "?"}
TITLE_PREFIX = "aan de slag"


@dataclass(frozen=True)
class Table:
    """A table to fill in: column headers and row headers (empty strings where none)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # every row: first cell kept, others '' when a placeholder


@dataclass(frozen=True)
class Exercise:
    number: int  # 1.. in reading order within the cahier
    title: str
    chapter: Chapter
    line: int  # in the chapter's file (counted from its first line)
    # in reading order: ('markdown', text), ('table', Table) and ('fields', names of the fields
    # of a schema to draw, e.g. burgers, middenveld, ...), right after the paragraph asking for it
    blocks: tuple[tuple[str, object], ...]

    @property
    def fields(self) -> tuple[str, ...]:
        return next((block for kind, block in self.blocks if kind == "fields"), ())

    @property
    def anchor(self) -> str:
        return f"oefening-{self.number}"


def _dedent(lines: list[str], width: int) -> list[str]:
    out = []
    for line in lines:
        expanded = line.expandtabs(4)
        out.append(expanded[width:] if expanded[:width].strip() == "" else expanded.lstrip())
    return out


def admonition_blocks(markdown: str) -> list[tuple[int, int, str, str, list[str]]]:
    """``(first line, end line, kind, title, body lines)`` of every top-level admonition, outside
    fenced code. Line numbers are 0-based offsets in ``markdown``; ``end`` is exclusive.

    Top-level: not inside another admonition's body, and its marker indented less than four
    spaces (a box inside a list item is part of that item, not an exercise of its own)."""
    document = parse(markdown)
    found, inside = [], 0
    for admonition in sorted(document.admonitions, key=lambda a: a.line):
        line = document.lines[admonition.line]
        indent = len(line) - len(line.lstrip(" "))
        if admonition.line < inside or indent > 3:
            continue
        body = _dedent(document.lines[admonition.line + 1:admonition.end], indent + 4)
        found.append((admonition.line, admonition.end, admonition.type.lower(), admonition.title, body))
        inside = admonition.end
    return found


def is_exercise(kind: str, title: str) -> bool:
    return kind == "question" or title.strip().casefold().startswith(TITLE_PREFIX)


def _split_cells(line: str) -> list[str]:
    cells = line.strip().strip("|").split("|")
    return [re.sub(r"[*_`]", "", cell).strip() for cell in cells]


def _blocks(body: list[str]) -> tuple[tuple[str, object], ...]:
    """The body as Markdown, with each pipe table taken out as a Table, and the fields of a
    schema to draw after the paragraph that asks for them."""
    blocks, text, index = [], [], 0
    fields_done = False
    while index < len(body):
        if not fields_done and not body[index].strip() and _fields(text):
            blocks.append(("markdown", "\n".join(text).strip("\n")))
            blocks.append(("fields", _fields(text)))
            text, fields_done = [], True
        if (index + 1 < len(body) and "|" in body[index] and _TABLE_SEPARATOR.match(body[index + 1])):
            header = _split_cells(body[index])
            end = index + 2
            rows = []
            while end < len(body) and body[end].strip() and "|" in body[end]:
                cells = _split_cells(body[end])
                rows.append(tuple(cell if n == 0 or cell not in _PLACEHOLDER_CELL else ""
                                  for n, cell in enumerate(cells)))
                end += 1
            if text:
                blocks.append(("markdown", "\n".join(text).strip("\n")))
                text = []
            blocks.append(("table", Table(tuple(header), tuple(rows))))
            index = end
            continue
        text.append(body[index])
        index += 1
    if "\n".join(text).strip():
        blocks.append(("markdown", "\n".join(text).strip("\n")))
        if not fields_done and _fields(text):
            blocks.append(("fields", _fields(text)))
    return tuple(block for block in blocks if block[0] != "markdown" or block[1].strip())


def _fields(body: list[str]) -> tuple[str, ...]:
    """'... een schema met vakken voor burgers, middenveld, overheid en markt' -> the four names."""
    plain = re.sub(r"[*_`]", "", " ".join(line.strip() for line in body))
    match = _FIELDS.search(plain)
    if not match:
        return ()
    names = re.split(r",\s*|\s+en\s+|\s+of\s+", match.group(1).strip())
    return tuple(name.strip() for name in names if name.strip())


def exercises(cahier: Cahier) -> list[Exercise]:
    """Every exercise of the cahier's chapters, numbered in reading order."""
    found = []
    for chapter in cahier.chapters:
        for start, _, kind, title, body in admonition_blocks(chapter.body):
            if is_exercise(kind, title):
                found.append(Exercise(len(found) + 1, title.strip() or "Aan de slag", chapter, start,
                                      _blocks(body)))
    return found


def with_worksheet_links(markdown: str, link_for) -> str:
    """``markdown`` with, at the end of each exercise box, the line ``link_for(n)`` returns for
    the n-th exercise of this text (counted from 1); the cahier page uses it to link each box
    to its worksheet."""
    lines = markdown.split("\n")
    inserts = []
    count = 0
    for start, end, kind, title, _ in admonition_blocks(markdown):
        if is_exercise(kind, title):
            count += 1
            indent = " " * (len(lines[start]) - len(lines[start].lstrip()) + 4)
            inserts.append((end, ["", indent + link_for(count)]))
    for end, new in reversed(inserts):
        lines[end:end] = new
    return "\n".join(lines)


def chapter_code(cahier: Cahier, chapter: Chapter) -> int:
    """The chapter's number in its short link /h/<cahier>-<n>/: the number its file name starts
    with ('05-een-coalitie.md' -> 5), which stays the same when chapters are added; its
    position when two files share a number."""
    prefixes = [int(re.match(r"\d*", Path(ch.source).name).group() or 0) for ch in cahier.chapters]
    position = cahier.chapters.index(chapter)
    prefix = prefixes[position]
    return prefix if prefix and prefixes.count(prefix) == 1 else position + 1
