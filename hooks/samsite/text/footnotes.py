"""Footnotes of a cahier: each chapter keeps its own labels, and its notes come at its end.

A cahier page is one page made of the introduction and every chapter, and Python-Markdown's
footnotes extension numbers the notes of one page and puts them all at its end. Two steps
keep them with their chapter:

- ``with_prefix`` gives the labels of one chapter a prefix of their own (``[^1]`` in the
  third chapter becomes ``[^h3-1]``), found with the one reading of Markdown
  (``markdown_source.parse``), so every chapter may use ``[^1]``, ``[^2]``, ...;
- ``marker`` is a line the cahier page puts after each chapter that has notes, and
  ``place_at_chapter_ends`` moves the rendered notes of that prefix from the end of the
  page to that place, as a list that goes on with the page's numbering.

On screen each note has its back-link (↩); on paper the notes stand at the end of their
chapter and the back-links are hidden (``docs/assets/sam.css``).
"""

from __future__ import annotations

import re

from .markdown_source import parse

_MARKER = re.compile(r'<div class="sam-notes" data-notes="(h\d+)"></div>')
_BLOCK = re.compile(r'<div class="footnote">\s*<hr />\s*<ol>\n(?P<items>.*)</ol>\s*</div>\s*$', re.S)
_ITEM = re.compile(r'^<li id="fn:(?P<prefix>h\d+)-', re.M)
_ANY_ITEM = re.compile(r'^<li id="fn:', re.M)


def prefix(position: int) -> str:
    """The label prefix of the part at ``position`` (0 is the cahier's introduction)."""
    return f"h{position}"


def with_prefix(markdown: str, part: str) -> str:
    """``markdown`` with every footnote label written as ``<part>-<label>``; code stays as it is.

    Each reference and definition is on the line the parse gives; a line is rewritten for
    the labels found on it (a code span on that same line with the same ``[^label]`` would
    change too: rare enough to accept)."""
    document = parse(markdown)
    labels: dict[int, set[str]] = {}
    for mark in document.footnote_refs + document.footnote_definitions + document.stray_footnotes:
        labels.setdefault(mark.line, set()).add(mark.text)
    if not labels:
        return markdown
    lines = list(document.lines)
    for line, found in labels.items():
        pattern = re.compile(r"\[\^(" + "|".join(re.escape(label) for label in sorted(found, key=len, reverse=True))
                             + r")\]")
        lines[line] = pattern.sub(lambda match: f"[^{part}-{match.group(1)}]", lines[line])
    return "\n".join(lines)


def marker(part: str) -> str:
    """The Markdown line where the notes of ``part`` go (raw HTML, kept as it is)."""
    return f'<div class="sam-notes" data-notes="{part}"></div>\n'


def place_at_chapter_ends(page_html: str) -> str:
    """Move the rendered notes of each marked part from the page's end to its marker."""
    if 'class="sam-notes"' not in page_html:
        return page_html
    block = _BLOCK.search(page_html)
    if not block:
        return _MARKER.sub("", page_html)
    items = block.group("items")
    starts = [match.start() for match in _ANY_ITEM.finditer(items)]
    pieces = [items[start:end] for start, end in zip(starts, starts[1:] + [len(items)])]
    groups: dict[str, list[tuple[int, str]]] = {}
    rest = []
    for number, piece in enumerate(pieces, 1):
        match = _ITEM.match(piece)
        if match:
            groups.setdefault(match.group("prefix"), []).append((number, piece))
        else:
            rest.append((number, piece))

    def notes(entries: list[tuple[int, str]]) -> str:
        start = entries[0][0]
        attribute = "" if start == 1 else f' start="{start}"'
        return (f'<div class="footnote">\n<hr />\n<ol{attribute}>\n' + "".join(piece for _, piece in entries)
                + "</ol>\n</div>")

    head = page_html[:block.start()]
    placed = set()

    def place(match: re.Match) -> str:
        entries = groups.get(match.group(1))
        if not entries:
            return ""
        placed.add(match.group(1))
        return notes(entries)

    head = _MARKER.sub(place, head)
    rest += [entry for part, entries in groups.items() if part not in placed for entry in entries]
    rest.sort()
    tail = notes(rest) if rest else ""
    return head + tail + page_html[block.end():]
