"""One reading of a contributor's Markdown body, shared by every check and transformation.

The body checks, the link numbering of a cahier and the heading shift of its chapters all
read the token stream of one real parser (markdown-it-py, CommonMark) with line numbers,
never a regular expression of their own. Where the site's renderer (Python-Markdown with
admonition and attr_list) reads a text differently, the text is first brought to the form
markdown-it reads the same way, line for line:

- an admonition (``!!! type "Titel"`` with a body indented four spaces) becomes its body,
  unindented, so what is inside is read as blocks (its marker line is kept aside);
- ``#Kop`` without a space is a heading, as Python-Markdown makes it.

Links and images come from the parse, so every syntax is covered at once: inline,
reference (full, collapsed, shortcut, with the definition's line), autolinks; raw HTML
comes as blocks and inline tags with their lines. markdown-it's own URL filter is off:
the checks, not the parser, decide which addresses are allowed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from mdit_py_plugins.footnote import footnote_plugin

MAX_DEPTH = 10  # lists and block quotes inside each other; Python-Markdown recurses per level
MAX_INLINE_DEPTH = 20  # emphasis and links inside each other (Python-Markdown fails near 1,000)
_MAX_NESTING = 60  # markdown-it's own bound (token levels), above what MAX_DEPTH allows

# Python-Markdown's admonition marker, at the start of a line (after the block's indent).
ADMONITION = re.compile(r'^(?P<indent>[ ]*)(?P<marker>!!!|\?\?\?\+?)[ ]?(?P<type>[\w-]+(?:[ ]+[\w-]+)*)'
                        r'(?:[ ]+"(?P<title>.*?)")?[ ]*$')
_DEFINITION_LINE = re.compile(r"^ {0,3}\[([^\]]*)\]:")  # Python-Markdown's, anywhere in a block
_FOOTNOTE_LINE = re.compile(r"^ {0,3}\[\^([^\]]*)\]:")  # the footnotes extension's, anywhere in a block
_SPACED_REFERENCE = re.compile(r"!\[([^\]\n]*)\]\s\[([^\]]*)\]")
_HASH_HEADING = re.compile(r"^(#{1,6})(?=[^#\s])")
_CONTAINERS = {"blockquote_open": "blockquote_close", "bullet_list_open": "bullet_list_close",
               "ordered_list_open": "ordered_list_close"}


@dataclass(frozen=True)
class LinkTarget:
    """A link or image as the renderer makes it."""

    line: int  # 0-based line in the body where it is written
    url: str  # the destination, entities and escapes decoded
    text: str  # the link text or alt text, as plain text
    image: bool
    kind: str  # 'inline', 'reference', 'autolink'
    definition_line: int | None = None  # for 'reference': the line of '[label]: url'


@dataclass(frozen=True)
class Definition:
    line: int
    label: str
    url: str


@dataclass(frozen=True)
class Heading:
    line: int  # the text line (for a setext heading, the line above the underline)
    end: int  # the line after the heading
    level: int
    text: str  # as written, without markers
    setext: bool
    plain: str = ""  # as the reader sees it (emphasis markers and tags gone), for its anchor


@dataclass(frozen=True)
class Fragment:
    """A piece of raw source the checks read themselves: HTML, or text that may hold { }."""

    line: int
    text: str


@dataclass(frozen=True)
class Admonition:
    line: int
    marker: str
    type: str
    title: str
    body_lines: int  # non-blank lines indented as its body
    next_indent: int | None  # indent of the first non-blank line after the marker, if not body
    end: int  # the line after its last non-blank body line (the marker's line + 1 if it has none)


@dataclass
class Document:
    lines: list[str]
    links: list[LinkTarget] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    html: list[Fragment] = field(default_factory=list)  # raw HTML blocks and inline tags
    text: list[Fragment] = field(default_factory=list)  # text outside code, for attr_list braces
    fence_infos: list[Fragment] = field(default_factory=list)
    admonitions: list[Admonition] = field(default_factory=list)
    unparsed_links: list[Fragment] = field(default_factory=list)  # '](' left as text: not a link
    # '[label]: url' lines CommonMark reads as text but Python-Markdown as a definition
    stray_definitions: list[Fragment] = field(default_factory=list)
    # footnotes ([^label] in the text, '[^label]: text' below it): Fragment(line, label)
    footnote_refs: list[Fragment] = field(default_factory=list)
    footnote_definitions: list[Fragment] = field(default_factory=list)
    stray_footnotes: list[Fragment] = field(default_factory=list)  # '[^label]:' inside a paragraph
    too_deep: int | None = None  # first line nested deeper than MAX_DEPTH
    too_deep_inline: int | None = None  # first line with emphasis nested deeper than MAX_INLINE_DEPTH
    code_lines: set[int] = field(default_factory=set)  # lines inside fenced or indented code


# -- The parser --------------------------------------------------------------------------------

def _record(name: str, rule):
    """Wrap an inline rule so the token it makes knows its source and line in the block."""
    def wrapped(state, silent):
        start, count = state.pos, len(state.tokens)
        ok = rule(state, silent)
        made = [token for token in state.tokens[count:] if token.type != "text"] if ok and not silent else []
        if made:  # (a pending text token may come first)
            token = made[0]
            token.meta = dict(token.meta or {}, source=state.src[start:state.pos],
                              offset=state.src.count("\n", 0, start))
        if ok and not silent and name == "backticks":
            state.env.setdefault("_code_spans", []).append((state.src, start, state.pos))
        return ok
    return wrapped


def _record_reference(rule):
    """Every definition with its line, also a second one for the same label (which
    CommonMark ignores and Python-Markdown keeps): the checks see all of them."""
    def wrapped(state, start_line, end_line, silent):
        ok = rule(state, start_line, end_line, silent)
        if ok and not silent:
            text = state.getLines(start_line, state.line, state.blkIndent, False)
            found: dict = {}
            _PLAIN.parse(text, found)
            for label, value in found.get("references", {}).items():
                state.env.setdefault("_definitions", []).append((label, start_line, value["href"]))
        return ok
    return wrapped


def _record_footnote(rule):
    """Every footnote definition with its label and line, also a second one for a label."""
    def wrapped(state, start_line, end_line, silent):
        count = len(state.tokens)
        ok = rule(state, start_line, end_line, silent)
        if ok and not silent and len(state.tokens) > count:
            label = (state.tokens[count].meta or {}).get("label", "")
            state.env.setdefault("_footnotes", []).append((label, start_line))
        return ok
    return wrapped


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": _MAX_NESTING}).enable("table")
    # Footnotes as Python-Markdown's footnotes extension reads them: no inline ^[notes]; a
    # reference without a definition is kept as a reference, so the checks can name it.
    footnote_plugin(md, inline=False, always_match_refs=True)
    md.validateLink = lambda url: True  # the checks decide, and report
    md.normalizeLink = lambda url: url
    md.normalizeLinkText = lambda url: url
    for rule in md.inline.ruler.__rules__:
        if rule.name in ("link", "image", "autolink", "html_inline", "backticks", "footnote_ref"):
            rule.fn = _record(rule.name, rule.fn)
    for rule in md.block.ruler.__rules__:
        if rule.name == "reference":
            rule.fn = _record_reference(rule.fn)
        elif rule.name == "footnote_def":
            rule.fn = _record_footnote(rule.fn)
    md.inline.ruler.__cache__ = None
    md.block.ruler.__cache__ = None
    return md


_MD = _parser()
_PLAIN = MarkdownIt("commonmark")  # reads one definition on its own
_PLAIN.validateLink = lambda url: True
_PLAIN.normalizeLink = lambda url: url


# -- Bringing Python-Markdown's syntax to CommonMark, line for line -------------------------

def _indent(line: str) -> int:
    """Leading spaces, a tab counting as four (Python-Markdown's tab_length)."""
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def _code_lines(tokens) -> set[int]:
    lines = set()
    for token in tokens:
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(*token.map))
    return lines


def _paragraph_starts(tokens) -> set[int]:
    return {token.map[0] for token in tokens if token.type == "paragraph_open" and token.map}


def _python_markdown_lines(lines: list[str], admonitions: list[Admonition]) -> list[str]:
    """Unindent admonition bodies and space out '#Kop', outside code; keeps every line."""
    lines = list(lines)
    for _ in range(MAX_DEPTH + 1):  # nested admonitions surface one level per round
        tokens = _MD.parse("\n".join(lines), {})
        code, starts = _code_lines(tokens), _paragraph_starts(tokens)
        changed = False
        index = 0
        while index < len(lines):
            line = lines[index]
            # Python-Markdown finds a marker anywhere in a block, also under a line of text.
            match = ADMONITION.match(line) if index not in code else None
            if match and match.group("indent") and index not in starts:
                match = None
            if match is None and index not in code and _HASH_HEADING.match(line):
                lines[index] = _HASH_HEADING.sub(r"\1 ", line)
                changed = True
            if match is None:
                index += 1
                continue
            body_indent = len(match.group("indent")) + 4
            end, body, next_indent, last = index + 1, 0, None, index
            while end < len(lines):
                if lines[end].strip():
                    if _indent(lines[end]) < body_indent:
                        break
                    body, last = body + 1, end
                end += 1
            if not body:
                following = next((item for item in lines[index + 1:] if item.strip()), None)
                next_indent = _indent(following) if following is not None else None
            admonitions.append(Admonition(index, match.group("marker"), match.group("type").split()[0],
                                          match.group("title") or "", body, next_indent, last + 1))
            lines[index] = ""
            for body_index in range(index + 1, end):
                keep = body_indent - 4  # the marker's own indent stays
                expanded = lines[body_index].expandtabs(4)
                lines[body_index] = expanded[:keep] + expanded[body_indent:] if expanded.strip() else ""
            changed = True
            index = end
        if not changed:
            break
    return lines


# -- Reading the tokens -------------------------------------------------------------------------

def _plain(children) -> str:
    return "".join(child.content for child in children if child.type in ("text", "code_inline")).strip()


def _split_reference(source: str) -> tuple[str, str] | None:
    """'[text][label]' / '[text][]' / '[text]' -> (kind, label); None for an inline link."""
    source = source.removeprefix("!")
    depth, index = 0, 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth == 0:
            break
        index += 1
    text, rest = source[1:index], source[index + 1:]
    if rest.startswith("("):
        return None
    if rest.startswith("[") and rest.endswith("]") and rest.strip("[] \n"):
        return "reference", rest[1:-1]
    return "reference", text


class _Reader:
    def __init__(self, document: Document, definitions: dict[str, int], code_spans: list):
        self.document = document
        self.definitions = definitions
        self.code_spans = code_spans

    def inline(self, token, base: int) -> None:
        children = token.children or []
        self.document.text.append(Fragment(base, self._masked(token.content)))
        depth = 0
        for child in children:
            depth += child.nesting
            if depth > MAX_INLINE_DEPTH and self.document.too_deep_inline is None:
                self.document.too_deep_inline = base
        for index, child in enumerate(children):
            meta = child.meta or {}
            line = base + meta.get("offset", 0)
            if child.type in ("link_open", "image"):
                self._link(child, children, index, line, meta)
            elif child.type == "html_inline":
                self.document.html.append(Fragment(line, child.content))
            elif child.type == "footnote_ref":
                self.document.footnote_refs.append(Fragment(line, meta.get("label", "")))
            elif child.type == "text" and "](" in child.content:
                self.document.unparsed_links.append(Fragment(base, child.content))

    def _link(self, child, children, index, line, meta) -> None:
        url = child.attrGet("href" if child.type == "link_open" else "src") or ""
        if child.type == "image":
            text, image = _plain(child.children or []), True
        else:
            close = next((i for i in range(index + 1, len(children)) if children[i].type == "link_close"),
                         len(children))
            text, image = _plain(children[index + 1:close]), False
        source = meta.get("source", "")
        if child.markup == "autolink":
            kind, definition = "autolink", None
        else:
            split = _split_reference(source) if source else None
            kind = "inline" if split is None else "reference"
            definition = self.definitions.get(normalizeReference(split[1])) if split else None
        self.document.links.append(LinkTarget(line, str(url), text, image, kind, definition))

    def _masked(self, content: str) -> str:
        """The inline source with code spans blanked (attr_list braces there are text)."""
        spans = [(start, end) for src, start, end in self.code_spans if src == content]
        if not spans:
            return content
        chars = list(content)
        for start, end in spans:
            for position in range(start, end):
                if chars[position] != "\n":
                    chars[position] = " "
        return "".join(chars)


@functools.lru_cache(maxsize=256)
def parse(body: str) -> Document:
    """Read a Markdown body (line 0 is its first line) the way the site renders it."""
    lines = body.split("\n")
    document = Document(lines)
    needs_rewrite = ("!!!" in body or "???" in body or
                     any(_HASH_HEADING.match(line) for line in lines if line.startswith("#")))
    source_lines = _python_markdown_lines(lines, document.admonitions) if needs_rewrite else lines
    env: dict = {}
    tokens = _MD.parse("\n".join(source_lines), env)
    document.definitions = [Definition(line, label, url) for label, line, url in env.get("_definitions", [])]
    definitions: dict[str, int] = {}
    for definition in document.definitions:
        definitions.setdefault(definition.label, definition.line)
    reader = _Reader(document, definitions, env.get("_code_spans", []))
    document.code_lines = _code_lines(tokens)
    depth = 0
    for index, token in enumerate(tokens):
        base = token.map[0] if token.map else 0
        if token.type in _CONTAINERS:
            depth += 1
            if depth > MAX_DEPTH and document.too_deep is None:
                document.too_deep = base
        elif token.type in _CONTAINERS.values():
            depth -= 1
        if token.type == "heading_open":
            inline = tokens[index + 1]
            setext = token.markup in ("=", "-")
            start = token.map[0]
            plain = re.sub(r"\s*\{:?[^{}]*\}\s*$", "", _plain(inline.children or []))
            document.headings.append(Heading(start, token.map[1], int(token.tag[1]), inline.content, setext, plain))
        elif token.type == "inline":
            reader.inline(token, base)
        elif token.type == "html_block":
            document.html.append(Fragment(base, token.content))
            # What CommonMark keeps as one HTML block, Python-Markdown may end sooner and read
            # the rest as Markdown: links in it are checked too.
            inner = Document(token.content.split("\n"))
            _Reader(inner, definitions, []).inline(_MD.parseInline(token.content, dict(env))[0], 0)
            document.links += [LinkTarget(base + link.line, link.url, link.text, link.image, link.kind,
                                          link.definition_line) for link in inner.links]
        elif token.type == "fence":
            document.fence_infos.append(Fragment(base, token.info))
    # An admonition's title is Markdown too (Python-Markdown renders its links and tags).
    for admonition in document.admonitions:
        if admonition.title:
            title_env = {"references": env.get("references", {})}
            reader.inline(_MD.parseInline(admonition.title, title_env)[0], admonition.line)
    # Python-Markdown also reads '![alt] [label]' (a space between) as a reference image.
    for fragment in document.text:
        for match in _SPACED_REFERENCE.finditer(fragment.text):
            label = normalizeReference(match.group(2) or match.group(1))
            if label in definitions:
                url = next(d.url for d in document.definitions if d.label == label)
                line = fragment.line + fragment.text.count("\n", 0, match.start())
                document.links.append(LinkTarget(line, url, match.group(1), True, "reference", definitions[label]))
    document.footnote_definitions = [Fragment(line, label) for label, line in env.get("_footnotes", [])]
    recognised = {definition.line for definition in document.definitions}
    recognised |= {definition.line for definition in document.footnote_definitions}
    for number, line in enumerate(source_lines):
        if number in document.code_lines or number in recognised:
            continue
        footnote = _FOOTNOTE_LINE.match(line)
        if footnote:
            document.stray_footnotes.append(Fragment(number, footnote.group(1)))
        elif _DEFINITION_LINE.match(line):
            document.stray_definitions.append(Fragment(number, line))
    return document


def external_links(body: str) -> list[tuple[int, str, str]]:
    """``(line, url, text)`` of each http(s) link (not images), in reading order; the line is
    where the address is written (a reference link's ``[label]: url`` definition)."""
    return [(link.line if link.definition_line is None else link.definition_line, link.url, link.text or link.url)
            for link in parse(body).links
            if not link.image and re.match(r"https?://", link.url, re.I)]


def shift_headings(markdown: str, levels: int = 1) -> str:
    """Demote every heading by ``levels`` (at most to level 6); code stays as it is."""
    document = parse(markdown)
    lines = list(document.lines)
    for heading in document.headings:
        depth = min(heading.level + levels, 6)
        if not heading.setext:
            line = lines[heading.line]
            hashes = line.index("#")
            lines[heading.line] = line[:hashes] + "#" * (depth - heading.level) + line[hashes:]
        elif depth == 2:
            underline = heading.end - 1
            lines[underline] = re.sub(r"=+", lambda m: "-" * len(m.group()), lines[underline])
        else:  # no setext form below level 2: an ATX heading, inside the same container ('> ')
            first = lines[heading.line]
            text_lines = heading.text.split("\n")
            position = max(first.find(text_lines[0].strip()), 0)
            lines[heading.line] = f"{first[:position]}{'#' * depth} {' '.join(t.strip() for t in text_lines)}"
            for number in range(heading.line + 1, heading.end):
                continued = lines[number]
                lines[number] = re.sub(r"\S.*$", "", continued) if number < heading.end - 1 else \
                    re.sub(r"[-=]+[ \t]*$", "", continued)
                lines[number] = lines[number].rstrip() if not lines[number].strip(" >") else lines[number]
    return "\n".join(lines)
