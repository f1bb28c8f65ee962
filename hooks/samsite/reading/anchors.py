"""The anchors of a Markdown body on its page: heading ids as Python-Markdown's toc makes
them, ids set with ``{ #id }``, and the level-1 headings a practice may not have.
"""

from __future__ import annotations

import re

from ..text.markdown_source import parse
from ..text.slugs import heading_anchor

# '{ #id }' inside attribute-list braces, and such braces ending a heading line.
ATTR_ID = re.compile(r"(?:^|\s)#([^\s=}]+)")
HEADING_ID = re.compile(r"\s*\{:?[^{}]*?#([^\s=}]+)[^{}]*\}\s*$")


def heading_anchors(body: str) -> list[str]:
    """The anchors of a body's headings on its page, as Python-Markdown's toc makes them:
    an explicit { #id } as written, otherwise the slug, made unique ('kop', 'kop_1')
    against every id already on the page."""
    headings = parse(body).headings
    used = content_ids(body)
    found = []
    for heading in headings:
        explicit = HEADING_ID.search(heading.text)
        if explicit:
            found.append(explicit.group(1))
            continue
        slug = heading_anchor(heading.plain)
        while slug in used or not slug:
            counted = re.match(r"^(.*)_([0-9]+)$", slug)
            slug = f"{counted.group(1)}_{int(counted.group(2)) + 1}" if counted else f"{slug}_1"
        used.add(slug)
        found.append(slug)
    return found


def content_ids(body: str) -> set[str]:
    """Ids set with { #id } anywhere in the text."""
    ids = set()
    for fragment in parse(body).text:
        for line in fragment.text.split("\n"):
            start, end = line.find("{"), line.rfind("}")
            if 0 <= start < end:
                ids.update(ATTR_ID.findall(line[start + 1:end]))
    return ids


def title_headings(body: str, first_line: int) -> list[tuple[int, str]]:
    """Level-1 headings (``# Titel`` or a line of ``===`` under text) outside code, with
    their file line: a practice page already has its title from ``title:``."""
    return [(first_line + heading.line, heading.text.strip()) for heading in parse(body).headings
            if heading.level == 1]
