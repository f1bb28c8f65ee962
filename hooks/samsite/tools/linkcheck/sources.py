"""Where the external addresses of the site are written: ``collect``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from ...build import pipeline
from ...errors import IssueCollector
from ...numbering.links import links_in_markdown, lock_path, read_lock
from ...reading.content_files import THEME_FOLDER, Layout
from ...reading.frontmatter import read_text, split_front_matter

# Where an address is written.
TEXT, FIELD, PRINTED, REDIRECT = "text", "field", "printed", "redirect"


@dataclass(frozen=True)
class Place:
    """One place an external address is written."""

    path: str  # the file, relative to the project root
    line: int
    kind: str  # TEXT, FIELD (front-matter 'links'), PRINTED (a number in links.yml), REDIRECT
    cahier: str = ""  # slug, for a cahier's links
    number: int | None = None  # the link number on the cahier's links page
    lock: str = ""  # links.yml of a printed link (PRINTED, REDIRECT)
    lock_line: int = 0  # line of '- number: n' in links.yml
    redirect: str | None = None  # the redirect a printed link already has
    year: int | None = None  # when the link was known to work: for the archive suggestion


def body_links(markdown: str) -> list[tuple[int, str]]:
    """``(line offset, url)`` of each external link in Markdown text, in reading order.

    The collector's only reader of link syntax: the extractor that numbers the printed
    links, so the check and the numbering always agree on what a link is.
    """
    return [(offset, url) for offset, url, _ in links_in_markdown(markdown)]


def _source(root: Path, path: str):
    issues = IssueCollector(path)
    text = read_text((root / path).read_bytes(), issues)
    return split_front_matter(text or "", issues, required=False) if text else None


def _text_links(root: Path, path: str) -> list[tuple[int, str]]:
    source = _source(root, path)
    return [(source.body_line + offset, url) for offset, url in body_links(source.body)] if source else []


def _field_links(root: Path, path: str) -> list[tuple[int, str]]:
    """The ``links`` of a front-matter block, with the line of each url."""
    source = _source(root, path)
    items = source.meta.get("links") if source else None
    found = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        url = item if isinstance(item, str) else item.get("url") if isinstance(item, dict) else None
        if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
            line = source.lines.get(("links", index, "url")) or source.lines.get(("links", index), 1)
            found.append((line, url.strip()))
    return found


def _lock_lines(path: Path) -> tuple[dict[int, int], dict[int, int]]:
    """Line of each ``- number: n`` item in links.yml, and of its ``redirect:``."""
    items, redirects = {}, {}
    node = yaml.compose(path.read_text(encoding="utf-8"))
    for item in node.value if isinstance(node, yaml.SequenceNode) else []:
        values = {key.value: value for key, value in item.value} if isinstance(item, yaml.MappingNode) else {}
        if "number" in values and str(values["number"].value).isdigit():
            number = int(values["number"].value)
            items[number] = item.start_mark.line + 1
            if "redirect" in values:
                redirects[number] = values["redirect"].start_mark.line + 1
    return items, redirects


def collect(root: Path) -> dict[str, list[Place]]:
    """Every external address of the site -> the places it is written, in reading order.

    Raises ContentError when the content itself has problems (``make check`` first).
    """
    root = Path(root).resolve()
    site = pipeline.load(root)
    numbered = pipeline.numbered_links(site, root)
    places: dict[str, list[Place]] = defaultdict(list)
    for cahier in site.cahiers:
        links = {link.url: link for link in numbered[cahier.slug]}
        entries, _ = read_lock(root, cahier)
        printed = {entry["url"] for entry in entries or []} if cahier.published else set()
        lock = lock_path(root, cahier)
        lock_display = lock.relative_to(root).as_posix()
        item_lines, redirect_lines = _lock_lines(lock) if printed else ({}, {})

        def place(path: str, line: int, kind: str, url: str) -> Place:
            link = links.get(url)
            number = link.number if link else None
            if url in printed and link:
                return Place(path, line, PRINTED, cahier.slug, number, lock_display,
                             item_lines.get(number, 1), link.redirect, cahier.year)
            return Place(path, line, kind, cahier.slug, number, year=cahier.year)

        for path in [cahier.source] + [chapter.source for chapter in cahier.chapters]:
            for line, url in _text_links(root, path):
                places[url].append(place(path, line, TEXT, url))
        for line, url in _field_links(root, cahier.source):
            places[url].append(place(cahier.source, line, FIELD, url))
        for link in numbered[cahier.slug]:
            if link.redirect and link.url in printed:
                item_line = item_lines.get(link.number, 1)
                places[link.redirect].append(Place(
                    lock_display, redirect_lines.get(link.number, item_line), REDIRECT, cahier.slug, link.number,
                    lock_display, item_line, link.redirect, cahier.year))
    for practice in site.practices:
        for line, url in _text_links(root, practice.source):
            places[url].append(Place(practice.source, line, TEXT, year=practice.year))
        for line, url in _field_links(root, practice.source):
            places[url].append(Place(practice.source, line, FIELD, year=practice.year))
    layout = Layout(root)
    docs = root / layout.docs
    for page in layout.files(layout.docs):
        relative = page.relative_to(docs).as_posix()
        if page.suffix == ".md" and not relative.startswith(THEME_FOLDER):
            path = page.relative_to(root).as_posix()
            for line, url in _text_links(root, path):
                places[url].append(Place(path, line, TEXT))
    return dict(places)
