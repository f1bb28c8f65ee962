"""Links between content files: a local link or image, found by the Markdown checks,
must reach a page, file, heading or chapter of the site once every page is known.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..errors import ContentIssue
from ..text.suggest import did_you_mean
from .images import IMAGE_SUFFIXES


@dataclass(frozen=True)
class Reference:
    """A local link or image in a content file, resolved once every page is known."""

    source: str  # the content file, relative to the project root
    line: int
    target: str  # as written, without #anchor or ?query; '' for a link within the page
    image: bool
    page_dir: str  # folder of the page the text ends up in, relative to the site root
    strict: bool = True  # False for reference definitions: checked only if they look like a file
    fragment: str = ""  # the anchor after '#', if any


def _resolve(reference: Reference) -> str | None:
    target = reference.target
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(reference.page_dir, target)
    path = posixpath.normpath(path) if path else ""
    if path == ".":
        return ""
    return None if path.startswith("..") else path


def check_references(references: list[Reference], pages: set[str], files: set[str],
                     chapters: dict[str, str], anchors: dict[str, set[str]] | None = None,
                     page_of: dict[str, str] | None = None) -> list[ContentIssue]:
    """Local links must reach a page or file of the site, images an image file, and an
    anchor (``#kop``) a heading or chapter of a contributor page.

    ``pages`` are page source URIs ('praktijken/x.md'), ``files`` other files of the
    site, ``chapters`` maps a chapter file ('cahiers/x/02-y.md') to its anchor,
    ``anchors`` a contributor page to its anchors and ``page_of`` a content file to the
    page its text ends up on (for a link to '#kop' on the same page).
    """
    found = []
    for ref in references:
        path = _resolve(ref)
        suffix = posixpath.splitext(ref.target)[1].lower()
        if ref.image:
            if suffix == ".svg":
                found.append(ContentIssue(ref.source, ref.line, "afbeelding",
                                          f"SVG-afbeeldingen zijn niet toegelaten ({ref.target})",
                                          "een SVG-bestand kan code bevatten: bewaar de afbeelding als PNG of JPG"))
            elif suffix not in IMAGE_SUFFIXES:
                found.append(ContentIssue(ref.source, ref.line, "afbeelding",
                                          f"'{ref.target}' is geen afbeelding",
                                          "gebruik een .png-, .jpg-, .gif- of .webp-bestand"))
            elif path not in files:
                folder = posixpath.join(ref.page_dir, posixpath.dirname(ref.target)) or ref.page_dir
                found.append(ContentIssue(ref.source, ref.line, "afbeelding",
                                          f"de afbeelding '{ref.target}' bestaat niet",
                                          f"zet het bestand in {posixpath.normpath(folder)}/ en "
                                          "controleer de naam, ook hoofdletters"))
            continue
        if not ref.target:  # '#kop': a place on the page itself
            page = (page_of or {}).get(ref.source)
            if page and ref.fragment:
                found += _anchor_issue(ref, page, anchors or {}, f"#{ref.fragment}")
            continue
        if not ref.strict and suffix != ".md" and suffix not in IMAGE_SUFFIXES:
            continue
        if path in pages or path in files:
            if ref.fragment and path in (anchors or {}):
                found += _anchor_issue(ref, path, anchors, f"{ref.target}#{ref.fragment}")
            continue
        if path in chapters:
            found.append(ContentIssue(ref.source, ref.line, "link",
                                      f"een hoofdstuk is geen aparte pagina ({ref.target})",
                                      f"alle hoofdstukken staan op de pagina van het cahier: link met (#{chapters[path]})"))
            continue
        hint = "controleer de naam; link naar het .md-bestand, bv. (../strategieen/agenderen.md)"
        for guess in (f"{(path or '').rstrip('/')}.md", posixpath.join(path or "", "index.md")):
            if path and suffix != ".md" and guess in pages:
                hint = f"link naar het bestand: ({'/' if ref.target.startswith('/') else ''}{_relative(guess, ref)})"
                break
        found.append(ContentIssue(ref.source, ref.line, "link",
                                  f"de link '{ref.target}' wijst naar een pagina die niet bestaat", hint))
    return found


def _anchor_issue(ref: Reference, page: str, anchors: dict[str, set[str]], link: str) -> list[ContentIssue]:
    known = anchors.get(page)
    if known is None or ref.fragment in known:
        return []
    suggestion = did_you_mean(ref.fragment, sorted(known)).replace("bedoelde je '", "bedoelde je '#")
    return [missing_anchor(ref.source, ref.line, link, suggestion)]


def missing_anchor(source: str, line: int, link: str, suggestion: str = "") -> ContentIssue:
    """The issue for a link as written (``x.md#kop``, ``#kop``) to an anchor its page lacks."""
    return ContentIssue(source, line, "link", f"de link '{link}' wijst naar een plaats (#) die niet bestaat",
                        f"{suggestion}na # komt het anker van een tussenkop (## De start wordt #de-start) of "
                        "van een hoofdstuk (02-de-start.md wordt #de-start)")


def _relative(uri: str, ref: Reference) -> str:
    if ref.target.startswith("/"):
        return uri
    return posixpath.relpath(uri, ref.page_dir or ".")
