"""Checks on the Markdown body of contributor content (cahiers, praktijken).

Contributor content is plain Markdown: it may not run code or embed anything. Two
layers enforce that:

- ``check_body`` scans the Markdown source line by line (``make check`` and every
  build, through the loader) and names the exact file line of each problem. It also
  returns the local links and images, which the loader resolves once it knows every
  page (``check_references``).
- ``check_page_html`` re-checks the HTML that MkDocs made of a contributor page (every
  build). It is the safety net for any difference between this scanner and the real
  Markdown parser: no script, event handler or ``javascript:`` link is ever published.

Raw HTML is refused except ``ALLOWED_TAGS``; attr_list braces (``{ .class }``) may only
set an id, classes and ``ATTR_LIST_KEYS``. Code spans and fenced code blocks are text,
not markup, and are not checked.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import ContentIssue, IssueCollector
from .validate import ALLOWED_SCHEMES

CONTRIBUTOR_FOLDERS = ("cahiers/", "praktijken/")
ALLOWED_TAGS = frozenset({"br", "sup", "sub", "abbr"})
ALLOWED_TAG_ATTRIBUTES = frozenset({"title"})
# Tags that run code or pull in content from elsewhere: named as such in the message.
EMBEDDING_TAGS = frozenset({
    "script", "iframe", "object", "embed", "style", "form", "frame", "frameset", "applet", "base",
    "link", "meta", "svg", "math", "template", "noscript", "input", "button", "textarea", "select",
})
ATTR_LIST_KEYS = frozenset({"title", "alt", "width", "height", "lang", "loading", "target", "rel"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "srcset", "poster", "data", "cite",
                            "background", "xlink:href", "ping", "manifest", "codebase", "longdesc"})

_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)[^\n]+?(?<!`)\1(?!`)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*+:[^<>\s]*+)>")
_AUTOMAIL = re.compile(r"<[^<>\s!:]+@[^@<>\s]+>")
# Tags as a browser reads them (quoted values may hold '>') and as Python-Markdown does.
# Possessive quantifiers (*+): no backtracking, so a long text without '>' stays linear.
_TAGS = (re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9-]*+)((?:[^<>"']|"[^"]*"|'[^']*')*+)>"""),
         re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*+)([^<>]*+)>"))
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_KEY_VALUE = re.compile(r"""([^\s={}"']+)\s*=\s*("[^"]*"|'[^']*'|[^\s}]*)""")
_REFERENCE = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*(\S*)")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Reference:
    """A local link or image in a content file, resolved once every page is known."""

    source: str  # the content file, relative to the project root
    line: int
    target: str  # as written, without #anchor or ?query
    image: bool
    page_dir: str  # folder of the page the text ends up in, relative to the site root
    strict: bool = True  # False for reference definitions: checked only if they look like a file


def url_scheme(url: str) -> str:
    """The scheme a browser would see: entities decoded, whitespace and control characters removed."""
    match = _SCHEME.match(_CONTROL.sub("", html.unescape(url)))
    return match.group(1).lower() if match else ""


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _without_code(body: str) -> str:
    """The body with fenced blocks and code spans blanked out; lines and offsets stay put.

    Only a fence closed by the same fence counts: anything less certain is checked,
    so a doubt means a false alarm, never a missed script.
    """
    lines = body.split("\n")
    out = list(lines)
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if match:
            indent, fence = match.groups()
            close = next((j for j in range(index + 1, len(lines)) if lines[j].rstrip() == indent + fence), None)
            if close is not None:
                brace = lines[index].find("{")  # ```{ .python } : attr_list on the fence is checked
                out[index] = (" " * brace + lines[index][brace:]) if brace >= 0 else _blank(lines[index])
                for j in range(index + 1, close + 1):
                    out[j] = _blank(lines[j])
                index = close + 1
                continue
        index += 1
    return _CODE_SPAN.sub(lambda m: _blank(m.group(0)), "\n".join(out))


_TITLE_HEADING = re.compile(r"^ {0,3}#(?:[ \t]+(.*?))?[ \t#]*$")
_SETEXT_TITLE = re.compile(r"^ {0,3}=+[ \t]*$")


def title_headings(body: str, first_line: int) -> list[tuple[int, str]]:
    """Level-1 headings (``# Titel`` or a line of ``===`` under text) outside code, with
    their file line: a practice page already has its title from ``title:``."""
    found = []
    lines = _without_code(body).split("\n")
    for index, line in enumerate(lines):
        match = _TITLE_HEADING.match(line)
        if match:
            found.append((first_line + index, (match.group(1) or "").strip()))
        elif _SETEXT_TITLE.match(line) and index and lines[index - 1].strip():
            found.append((first_line + index - 1, lines[index - 1].strip()))
    return found


class _Scanner:
    def __init__(self, body: str, first_line: int, issues: IssueCollector, page_dir: str):
        self.text = _without_code(body)
        self.first_line = first_line
        self.issues = issues
        self.page_dir = page_dir
        self.references: list[Reference] = []
        self._newlines = [m.start() for m in re.finditer("\n", self.text)]

    def line(self, offset: int) -> int:
        return self.first_line + bisect.bisect_left(self._newlines, offset)

    def run(self) -> list[Reference]:
        taken = self._autolinks()
        self._tags(taken)
        self._attr_lists()
        self._inline_links()
        self._reference_definitions()
        return self.references

    # -- URLs ---------------------------------------------------------------------------

    def url(self, offset: int, url: str, image: bool, strict: bool = True, local: bool = True) -> None:
        url = url.strip()
        scheme = url_scheme(url)
        line = self.line(offset)
        if scheme and scheme not in ALLOWED_SCHEMES:
            self.issues.add(line, "link", f"een link moet beginnen met https://, http:// of mailto:, niet met '{scheme}:'",
                            "links naar code (javascript:) of ingebedde data (data:) zijn niet toegelaten; "
                            "link naar een gewone webpagina")
            return
        if image and (scheme or url.startswith("//")):
            self.issues.add(line, "afbeelding", "een afbeelding van een andere website is niet toegelaten",
                            "bewaar de afbeelding bij de tekst (bv. praktijken/afbeeldingen/foto.jpg) en "
                            "verwijs ernaar met ![beschrijving](afbeeldingen/foto.jpg)")
            return
        if scheme or url.startswith(("#", "//")) or not url or not local:
            return
        target = unquote(urlsplit(url).path)
        if target:
            self.references.append(Reference(self.issues.path, line, target, image, self.page_dir, strict))

    def _autolinks(self) -> list[tuple[int, int]]:
        taken = []
        for match in _AUTOLINK.finditer(self.text):
            self.url(match.start(), match.group(1), image=False)
            taken.append(match.span())
        taken += [match.span() for match in _AUTOMAIL.finditer(self.text)]
        return taken

    def _inline_links(self) -> None:
        openings = _bracket_pairs(self.text)
        parsed_to = 0
        for match in re.finditer(r"\]\(", self.text):
            if match.start() < parsed_to:
                continue  # inside the destination of the previous link
            destination, parsed_to = _destination(self.text, match.end())
            if destination is not None:
                opening = openings.get(match.start(), -1)
                image = opening > 0 and self.text[opening - 1] == "!"
                self.url(match.end(), destination, image)

    def _reference_definitions(self) -> None:
        lines = self.text.split("\n")
        offset = 0
        for index, line in enumerate(lines):
            match = _REFERENCE.match(line)
            if match:
                url, at = match.group(2), offset + match.start(2)
                if not url and index + 1 < len(lines):  # the address may stand on the next line
                    url = lines[index + 1].strip().split(" ")[0]
                    at = offset + len(line) + 1
                if url:
                    self.url(at, url.removeprefix("<").removesuffix(">"), image=False, strict=False)
            offset += len(line) + 1

    # -- HTML and attributes ------------------------------------------------------------

    def _tags(self, taken: list[tuple[int, int]]) -> None:
        reported = set()
        matches = {m.span(): m for regex in _TAGS for m in regex.finditer(self.text)}
        for _, match in sorted(matches.items()):
            if any(start <= match.start() < end for start, end in taken):
                continue
            closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
            line = self.line(match.start())
            for key, value in _attributes(attributes):
                if key.startswith("on"):
                    self.issues.add(line, "html", f"het attribuut '{key}' voert code uit en is niet toegelaten",
                                    "verwijder het attribuut: inhoud mag geen code bevatten")
                elif key in URL_ATTRIBUTES:
                    self.url(match.start(), value, image=False, local=False)
                elif name in ALLOWED_TAGS and key not in ALLOWED_TAG_ATTRIBUTES:
                    self.issues.add(line, "html", f"het attribuut '{key}' is niet toegelaten in <{name}>",
                                    "enkel title mag, bv. <abbr title=\"Openbaar centrum voor "
                                    "maatschappelijk welzijn\">OCMW</abbr>")
            if (line, name) in reported or name in ALLOWED_TAGS or (closing and name in EMBEDDING_TAGS):
                continue
            reported.add((line, name))
            if name in EMBEDDING_TAGS:
                self.issues.add(line, "html", f"<{name}> is niet toegelaten: het voert code uit of haalt "
                                "inhoud van elders binnen",
                                "verwijder de code; link naar de inhoud met [tekst](https://...)")
            else:
                self.issues.add(line, "html", f"HTML is niet toegelaten (<{closing}{name}>)",
                                "gebruik Markdown: **vet**, *cursief*, ## tussenkop, [tekst](https://...); "
                                "enkel <br>, <sup>, <sub> en <abbr> mogen")

    def _attr_lists(self) -> None:
        offset = 0
        for text_line in self.text.split("\n"):
            start, end = text_line.find("{"), text_line.rfind("}")
            line = self.line(offset)
            offset += len(text_line) + 1
            if not 0 <= start < end:
                continue
            for key_match in _KEY_VALUE.finditer(text_line[start + 1:end]):
                key = key_match.group(1).lower().lstrip(":")
                if key.startswith("on"):
                    self.issues.add(line, "attribuut", f"het attribuut '{key}' voert code uit en is niet toegelaten",
                                    "verwijder het uit de { }: inhoud mag geen code bevatten")
                elif key not in ATTR_LIST_KEYS:
                    self.issues.add(line, "attribuut", f"het attribuut '{key}' is niet toegelaten tussen {{ }}",
                                    "tussen { } mogen enkel #id, .klasse en "
                                    f"{', '.join(sorted(ATTR_LIST_KEYS))}")


def _attributes(text: str) -> list[tuple[str, str]]:
    found = []
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        found.append((match.group(1).lower(), value))
    return found


def _destination(text: str, start: int) -> tuple[str | None, int]:
    """The link destination that starts at ``start`` (just after '](') and where it ends."""
    index = start
    while index < len(text) and text[index] in " \t":
        index += 1
    if index < len(text) and text[index] == "\n":
        index += 1
        while index < len(text) and text[index] in " \t":
            index += 1
    if index < len(text) and text[index] == "<":
        end = text.find(">", index)
        if end > 0 and "\n" not in text[index:end]:
            return text[index + 1:end], end
        return None, index
    depth, begin = 0, index
    while index < len(text):
        char = text[index]
        if char.isspace():
            break
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        index += 1
    return text[begin:index], index


def _bracket_pairs(text: str) -> dict[int, int]:
    """Offset of each ']' -> offset of its '[' (escaped brackets do not count), in one pass."""
    pairs, stack = {}, []
    for match in re.finditer(r"\\.|[\[\]]", text):
        if match.group() == "[":
            stack.append(match.start())
        elif match.group() == "]" and stack:
            pairs[match.start()] = stack.pop()
    return pairs


def check_body(body: str, first_line: int, issues: IssueCollector, page_dir: str = "") -> list[Reference]:
    """Report problems in a Markdown body; ``first_line`` is its first file line.

    ``page_dir`` is the folder of the page the body ends up on (relative links resolve
    from there). Returns the local links and images for ``check_references``.
    """
    return _Scanner(body, first_line, issues, page_dir).run()


def _resolve(reference: Reference) -> str | None:
    target = reference.target
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(reference.page_dir, target)
    path = posixpath.normpath(path) if path else ""
    if path == ".":
        return ""
    return None if path.startswith("..") else path


def check_references(references: list[Reference], pages: set[str], files: set[str],
                     chapters: dict[str, str]) -> list[ContentIssue]:
    """Local links must reach a page or file of the site, images an image file.

    ``pages`` are page source URIs ('praktijken/x.md'), ``files`` other files of the
    site, ``chapters`` maps a chapter file ('cahiers/x/02-y.md') to its anchor.
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
                found.append(ContentIssue(ref.source, ref.line, "afbeelding",
                                          f"de afbeelding '{ref.target}' bestaat niet",
                                          "zet het bestand naast de tekst (bv. in praktijken/afbeeldingen/) en "
                                          "controleer de naam, ook hoofdletters"))
            continue
        if not ref.strict and suffix != ".md" and suffix not in IMAGE_SUFFIXES:
            continue
        if path in pages or path in files:
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


def _relative(uri: str, ref: Reference) -> str:
    if ref.target.startswith("/"):
        return uri
    return posixpath.relpath(uri, ref.page_dir or ".")


# -- The safety net: the HTML MkDocs made of a contributor page ---------------------------

# A tag and its attributes up to the next unquoted '<' or '>'; no '>' needed, so a tag
# cut short by a stray '<' is still read. Possessive, so the scan stays linear.
_HTML_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9:-]*+)((?:[^<>"']|"[^"]*"|'[^']*')*+)""")


def html_problems(page_html: str) -> list[tuple[str, str]]:
    """``(needle, what)`` for each script, event handler or bad URL in rendered HTML.

    Deliberately simple (a regex over every tag, comments included): it may be stricter
    than a browser, never more lenient.
    """
    problems = []
    for match in _HTML_TAG.finditer(page_html):
        name = match.group(1).lower()
        if name in EMBEDDING_TAGS:
            problems.append((f"<{name}", f"<{name}>"))
        attributes = match.group(2)
        # Fast path: a handler needs 'on' in its name, a scheme a ':' (or an entity for one).
        if ":" not in attributes and "&" not in attributes and "on" not in attributes.lower():
            continue
        for key, value in _attributes(attributes):
            if key.startswith("on"):
                problems.append((key, f"het attribuut '{key}'"))
            elif key in URL_ATTRIBUTES and url_scheme(value) not in ("", *ALLOWED_SCHEMES):
                problems.append((url_scheme(value) + ":", f"een link met '{url_scheme(value)}:'"))
    return problems


def _sources(root: Path, source: str) -> list[str]:
    """The content files a generated page is made of (a cahier: index and chapters)."""
    if source.startswith("cahiers/") and source.endswith("/index.md"):
        folder = root / posixpath.dirname(source)
        return [source] + [f"{posixpath.dirname(source)}/{p.name}" for p in sorted(folder.glob("*.md"))
                           if p.name != "index.md"]
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
        found.append(ContentIssue(path, line, "link", f"de link '{link}' wijst naar een plaats (#) die niet bestaat",
                                  "na # komt het anker van een tussenkop of hoofdstuk: de kop in kleine letters, "
                                  "met koppeltekens (## De start wordt #de-start)"))
    return found
