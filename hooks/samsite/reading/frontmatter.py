"""Front-matter parsing with line numbers (MkDocs would silently drop invalid YAML)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ..errors import IssueCollector
from ..text.characters import describe, invisible_characters, kind

FENCE = "---"


@dataclass(frozen=True)
class SourceText:
    """A content file split into its front-matter and body."""

    meta: dict
    lines: dict  # key path (tuple) -> line number in the file
    body: str
    body_line: int  # file line on which the body starts


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int):
        self.key, self.line = key, line


class _Strict:
    """Refuses duplicate keys instead of keeping the last one."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue  # a list or block as key: the constructor itself refuses it
            key = key_node.value
            if key in seen:
                raise _DuplicateKey(str(key), key_node.start_mark.line)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _StrictLoader(_Strict, yaml.SafeLoader):
    """The pure-Python reader: its errors name the line and the context an editor needs."""


# libyaml (C), when PyYAML has it: the same YAML 1.1 reading, ten times faster (a cold build
# of 10,000 practices spent 7 s in the Python reader). Only for input that reads without a
# problem: anything else goes through _StrictLoader, which gives the message.
_FastLoader = type("_FastLoader", (_Strict, yaml.CSafeLoader), {}) if getattr(yaml, "__with_libyaml__", False) else None


# Keep dates as plain strings: editors write them as text and we show them as text.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
if _FastLoader is not None:
    _FastLoader.yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers


def _yaml_hint(problem: str) -> str:
    if "tab" in problem or "'\\t'" in problem:
        return "gebruik spaties in plaats van tabs om in te springen"
    if "flow" in problem or "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "sluit elke [ met ] en elke { met }, en zet komma's tussen de waarden"
    if "mapping values are not allowed" in problem:
        return "zet tekst met een dubbele punt (:) tussen aanhalingstekens"
    if "could not find expected ':'" in problem or "simple key" in problem:
        return "elke regel is 'veld: waarde'; controleer de dubbele punt en de inspringing"
    if "found unexpected end of stream" in problem or "while scanning a quoted" in problem:
        return "sluit elk aanhalingsteken dat je opent"
    if "found character '@'" in problem or "found character '`'" in problem:
        return "zet waarden die met @ of ` beginnen tussen aanhalingstekens"
    return "controleer de inspringing, de dubbele punten en de aanhalingstekens"


def _translate(problem: str) -> str:
    known = {
        "found character '\\t' that cannot start any token": "er staat een tab in de YAML",
        "mapping values are not allowed here": "een dubbele punt staat op een plaats waar dat niet mag",
        "found undefined alias": "onbekende verwijzing (*)",
        "did not find expected node content": "er ontbreekt een waarde",
        "could not find expected ':'": "er ontbreekt een dubbele punt",
        "found unexpected end of stream": "het bestand stopt midden in een waarde",
        "could not determine a constructor": "een waarde begint met '!', dat is niet toegelaten",
        "found unhashable key": "een veldnaam moet gewone tekst zijn",
    }
    for english, dutch in known.items():
        if english in problem:
            return dutch
    if "expected ',' or ']'" in problem:
        return "een lijst met [ wordt niet goed afgesloten met ]"
    if "expected ',' or '}'" in problem:
        return "een blok met { wordt niet goed afgesloten met }"
    return f"ongeldige YAML ({problem})"


CURLY_QUOTES = ("\u201c", "\u201d", "\u2018", "\u2019", "\u201e", "\u00ab", "\u00bb")
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[\w\"'-]+\s*:")


def _continued_line(lines: list[str], line: int) -> int:
    """Where a text that runs on without indentation starts: YAML notices it only at the
    next field, a line or more lower."""
    def runs_on(index: int) -> bool:
        return bool(lines[index].strip()) and not lines[index][:1].isspace() and not _KEY_LINE.match(lines[index])

    index = min(line, len(lines) - 1)
    while index > 0 and not runs_on(index) and index > line - 3:
        index -= 1
    if not runs_on(index):
        return line
    while index > 1 and runs_on(index - 1):
        index -= 1
    return index


def _alias_line(root) -> int | None:
    """Line of the first alias ('*name'): a node reached twice, which could blow up validation."""
    seen, stack = set(), [(root, root.start_mark.line)]
    while stack:  # depth first, in document order: the second visit is the alias
        node, line = stack.pop()
        if id(node) in seen:
            return line
        seen.add(id(node))
        children = []
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                children += [(key, key.start_mark.line), (value, key.start_mark.line)]
        elif isinstance(node, yaml.SequenceNode):
            children = [(item, line) for item in node.value]
        stack += reversed(children)
    return None


def _record_lines(node, path: tuple, lines: dict, nested: bool) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key_path = path + (key_node.value,)
            lines[key_path] = key_node.start_mark.line
            if nested:
                _record_lines(value_node, key_path, lines, nested)
    elif isinstance(node, yaml.SequenceNode) and nested:
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line
            _record_lines(item, path + (index,), lines, nested)


def _parse_fast(text: str, first_line: int, nested_lines: bool) -> tuple[dict, dict] | None:
    """A mapping read by libyaml, or None: then the Python reader reads it and reports."""
    if _FastLoader is None:
        return None
    try:
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
            if not isinstance(node, yaml.MappingNode) or _alias_line(node) is not None:
                return None
            raw_lines: dict = {}
            _record_lines(node, (), raw_lines, nested_lines)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except Exception:  # noqa: BLE001 - any problem: the Python reader gives the message
        return None
    return data, {key: first_line + line for key, line in raw_lines.items()}


_DATA_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_data(text: str):
    """A YAML file the tools write (the number registries): YAML's safe loader, in libyaml's C
    version where there is one (a registry of 10,000 practices: ~0.1 s instead of ~1.5 s)."""
    return yaml.load(text, Loader=_DATA_LOADER)


def parse_yaml_mapping(text: str, first_line: int, issues: IssueCollector,
                       nested_lines: bool = True) -> tuple[dict | None, dict]:
    """Parse YAML that must be a mapping. Line numbers are 1-based file lines.

    ``first_line`` is the file line of the first YAML line. Problems go to ``issues``;
    the result is ``(None, {})`` when the YAML cannot be read.
    """
    fast = _parse_fast(text, first_line, nested_lines)
    if fast is not None:
        return fast
    try:
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as error:
        issues.add(first_line + text[: error.position].count("\n"), "front-matter",
                   f"er staat een onzichtbaar stuurteken in de tekst (#x{error.character:04x})",
                   "typ de regel opnieuw of plak de tekst als platte tekst (zonder opmaak)")
        return None, {}
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            kind = "een lijst" if isinstance(node, yaml.SequenceNode) else "losse tekst"
            issues.add(first_line + node.start_mark.line, "front-matter",
                       f"verwacht velden ('veld: waarde'), maar vond {kind}",
                       "begin elke regel met een veldnaam, bv. 'title: ...', zonder '-' ervoor")
            return None, {}
        alias = _alias_line(node)
        if alias is not None:
            issues.add(first_line + alias, "front-matter", "verwijzingen met & en * zijn niet toegelaten",
                       "schrijf elke waarde voluit")
            return None, {}
        raw_lines: dict = {}
        _record_lines(node, (), raw_lines, nested_lines)
        data = loader.construct_document(node)
    except _DuplicateKey as dup:
        issues.add(first_line + dup.line, dup.key, "dit veld staat er twee keer in",
                   "houd één regel over en verwijder de andere")
        return None, {}
    except yaml.MarkedYAMLError as error:
        # An unclosed [ { or quote is reported where it was opened, not where YAML gave up.
        opened = error.context and ("flow" in error.context or "quoted" in error.context)
        mark = (error.context_mark if opened else None) or error.problem_mark or error.context_mark
        line = mark.line if mark else 0
        problem = f"{error.problem or ''} {error.context or ''}".strip()
        hint = _yaml_hint(problem)
        lines = text.split("\n")
        if "could not find expected ':'" in problem:
            line = _continued_line(lines, line)
            if 0 < line < len(lines) and not _KEY_LINE.match(lines[line]):
                hint = (f"loopt de tekst van '{lines[line - 1].split(':')[0].strip()}' door op deze regel? Laat de "
                        "volgende regels dan inspringen met twee spaties, of schrijf na de dubbele punt '>-' en "
                        "de tekst ingesprongen op de regels eronder")
        if any(quote in "\n".join(lines[max(0, line - 1):line + 1]) for quote in CURLY_QUOTES):
            hint = ("enkel rechte aanhalingstekens (\" of ') tellen in de front-matter: vervang “ ” ‘ ’ door \" "
                    "(je tekstverwerker maakt ze krullend)")
        issues.add(first_line + line, "front-matter", _translate(problem), hint)
        return None, {}
    except yaml.YAMLError as error:  # pragma: no cover - unmarked YAML errors are rare
        issues.add(first_line, "front-matter", f"ongeldige YAML ({error})", _yaml_hint(str(error)))
        return None, {}
    finally:
        loader.dispose()
    return data, {key: first_line + line for key, line in raw_lines.items()}


def read_text(raw: bytes, issues: IssueCollector) -> str | None:
    """Decode a content file as UTF-8, reporting the line of the first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        issues.add(line, "codering", "het bestand is geen UTF-8",
                   "bewaar het bestand opnieuw als UTF-8 (in je editor: 'Opslaan met codering')")
        return None
    text = text.removeprefix("\ufeff")
    found = invisible_characters(text)
    for line, column, char in found:
        issues.add(line, _field_on(text, line), f"er staat een onzichtbaar {kind(char)} in de tekst: "
                   f"{describe(char)}, kolom {column}",
                   f"zet de cursor in kolom {column} en verwijder het teken, of typ de regel opnieuw; "
                   "plak tekst uit een tekstverwerker of pdf als platte tekst (zonder opmaak)")
    return None if found else text


def _field_on(text: str, line: int) -> str:
    """The front-matter field a line belongs to, or 'tekst' for the body."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return "tekst"
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "...")), len(lines))
    if line - 1 >= closing:
        return "tekst"
    for index in range(line - 1, 0, -1):
        key = re.match(r"^([A-Za-z_][\w-]*)\s*:", lines[index])
        if key:
            return key.group(1)
    return "front-matter"


def split_front_matter(text: str, issues: IssueCollector, required: bool = True) -> SourceText | None:
    """Split ``---`` fenced YAML from the body and parse it."""
    if not text.strip():
        issues.add(1, "bestand", "het bestand is leeg",
                   "begin met een front-matter blok tussen twee regels '---' (zie de redactiegids)")
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        if required:
            issues.add(1, "front-matter", "het bestand begint niet met '---'",
                       "zet op de eerste regel '---', dan de velden, dan weer een regel '---'")
            return None
        return SourceText({}, {}, text, 1)
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "...")), None)
    if closing is None:
        issues.add(1, "front-matter", "het front-matter blok wordt nooit afgesloten",
                   "zet na het laatste veld een regel met enkel '---'")
        return None
    meta, key_lines = parse_yaml_mapping("\n".join(lines[1:closing]), 2, issues)
    if meta is None:
        return None
    return SourceText(meta, key_lines, "\n".join(lines[closing + 1:]), closing + 2)
