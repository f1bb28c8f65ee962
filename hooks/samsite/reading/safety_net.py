"""The safety net: the HTML MkDocs made of a contributor page, checked on every build.

It catches any difference between the Markdown checks' parser and the site's renderer:
no script, event handler or ``javascript:`` link is ever published. It also names, in
the report's words, the links whose anchor only the build found missing.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from .. import urls
from ..errors import ContentIssue
from .content_files import Layout
from .cross_links import missing_anchor
from .markdown_checks import EMBEDDING_TAGS, URL_ATTRIBUTES, tag_attributes, url_scheme
from .validate import ALLOWED_SCHEMES

CONTRIBUTOR_FOLDERS = tuple(f"{folder}/" for folder in urls.CONTENT_FOLDERS)

# A tag and its attributes up to the next unquoted '<' or '>'; no '>' needed, so a tag
# cut short by a stray '<' is still read. Possessive, so the scan stays linear.
_HTML_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9:-]*+)((?:[^<>"']|"[^"]*"|'[^']*')*+)""")


_EMBEDDING_MEDIA = frozenset({"img", "source", "video", "audio", "track", "picture", "image", "input"})


def html_problems(page_html: str) -> list[tuple[str, str]]:
    """``(needle, what)`` for each script, event handler, bad URL, image from another host,
    theme id or comment in rendered HTML.

    Deliberately simple (a regex over every tag, comments included): it may be stricter
    than a browser, never more lenient.
    """
    problems = []
    if "<!--" in page_html:
        problems.append(("<!--", "een HTML-commentaar"))
    for match in _HTML_TAG.finditer(page_html):
        name = match.group(1).lower()
        if name in EMBEDDING_TAGS:
            problems.append((f"<{name}", f"<{name}>"))
        attributes = match.group(2)
        # Fast path: a handler needs 'on' in its name, a scheme a ':' (or an entity for one),
        # a host '//', a theme id '_'.
        if (":" not in attributes and "&" not in attributes and "on" not in attributes.lower()
                and "//" not in attributes and "_" not in attributes and "\\" not in attributes):
            continue
        for key, value in tag_attributes(attributes):
            scheme = url_scheme(value)
            if key.startswith("on"):
                problems.append((key, f"het attribuut '{key}'"))
            elif key in URL_ATTRIBUTES and scheme not in ("", *ALLOWED_SCHEMES):
                problems.append((scheme + ":", f"een link met '{scheme}:'"))
            elif (name in _EMBEDDING_MEDIA and key in ("src", "srcset", "poster", "data")
                  and (scheme or re.match(r"\s*[/\\]{2}", value))):
                problems.append((value.strip().split()[0] if value.strip() else key,
                                 "een afbeelding van een andere website"))
            elif key == "id" and value.startswith("_"):
                problems.append((f"#{value}", f"het anker '#{value}' van de site zelf"))
    return problems


def _sources(root: Path, source: str) -> list[str]:
    """The content files a generated page is made of (a cahier: index and chapters)."""
    if source.startswith(f"{urls.CAHIERS}/") and source.endswith("/index.md"):
        layout = Layout(root)
        return [source] + [layout.rel(path) for path in layout.chapter_files(root / posixpath.dirname(source))]
    return [source]


def _locate(root: Path, sources: list[str], needle: str) -> tuple[str, int]:
    for source in sources:
        try:
            lines = (root / source).read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            if needle.lower() in line.lower():
                return source, number
    return sources[0], 1


def check_page_html(root: Path, source: str | None, page_html: str) -> list[ContentIssue]:
    """The safety net for a built page: issues if contributor content produced unsafe HTML."""
    if not source or not source.startswith(CONTRIBUTOR_FOLDERS):
        return []
    found = []
    sources = _sources(Path(root), source)
    for needle, what in html_problems(page_html):
        path, line = _locate(Path(root), sources, needle)
        found.append(ContentIssue(path, line, "html", f"de pagina bevat {what}: dat is niet toegelaten",
                                  "verwijder HTML, { }-attributen en links die niet met https://, http:// "
                                  "of mailto: beginnen"))
    return found


def missing_anchor_issues(root: Path, source: str | None, missing: list[str]) -> list[ContentIssue]:
    """Links as written (``x.md#kop``, ``#kop``) whose anchor the built target page lacks.

    Only the build knows every anchor (heading ids come from the rendered page), so the
    MkDocs adapter finds these; this names them in the report's words.
    """
    if not source or not source.startswith(CONTRIBUTOR_FOLDERS):
        return []
    sources = _sources(Path(root), source)
    found = []
    for link in missing:
        path, line = _locate(Path(root), sources, link)
        found.append(missing_anchor(path, line, link))
    return found
