"""The rules of ``make check`` for a practice, as data for the form on /bijdragen/.

The form's script (docs/assets/bijdragen.js) checks what a contributor types before it
builds the file. It holds no rule or message of its own: everything it needs comes from
here, as one JSON object embedded in the page, and here it comes from the code that
``make check`` runs:

- the fields, their order, kind and whether they are required: ``schema.practice_collection``;
- the choices: ``vocabulaire.yml`` and the existing cahiers;
- the messages: obtained by running the real validator (``FieldValidator``, the
  front-matter reader, ``load_practice``, the scaffold's slug rules) on probe input and
  keeping what it says, in the form ``make check`` prints after ``bestand:regel: veld:``.
  Where a message names the value (a year, a heading), the probe value becomes a
  ``{placeholder}``;
- rules a new validator version may add without telling us (characters refused in a
  text field, a maximum length) are found the same way: by probing, not by name.

A probe the validator no longer answers gives ``None``: the script then skips that rule
(the pull request's own check still applies it) instead of the build failing.

A rule is only as good as its port in the script; tests/test_contribution.py runs the
script and the Python rules on the same inputs and requires the same answers.
"""

from __future__ import annotations

import functools
import tempfile
import unicodedata
from pathlib import Path

import yaml
import yaml.reader

from ..errors import ContentIssue, IssueCollector
from ..model import archetypes
from ..model.schema import Field, Kind, practice_collection
from ..model.vocabulary import ID_PATTERN, Vocabulary
from ..reading.content_files import RESERVED_PRACTICE_SLUGS, Layout
from ..reading.frontmatter import parse_yaml_mapping
from ..reading.loader import load_practice
from ..reading.validate import _UNSAFE_URL, ALLOWED_SCHEMES, YEAR_MAX, YEAR_MIN, FieldValidator

# GitHub answers "414 URI Too Long" above 8,191 bytes (github/docs#4537, #5136: the
# documented server-side limit for URLs with query parameters). We stay well below it.
MAX_URL_BYTES = 8000
PROBE_LENGTH = 100_000  # a text field this long finds a length limit, if the validator has one
_PROBE = "Qzxprobe"  # a value no message contains by itself


def _said(issue: ContentIssue) -> str:
    """What ``make check`` prints after 'bestand:regel: veld: '."""
    return f"{issue.message}; {issue.hint}" if issue.hint else issue.message


def _template(message: str, **values: str) -> str:
    for name, value in values.items():
        message = message.replace(value, "{" + name + "}")
    return message


def _sample(field: Field, vocabulary: Vocabulary) -> object:
    """A valid value for a required field."""
    if field.kind is Kind.TERMS:
        return [vocabulary[field.taxonomy].terms[0].id]
    if field.kind in (Kind.YEAR, Kind.NUMBER):
        return YEAR_MIN if field.kind is Kind.YEAR else 1
    if field.kind is Kind.FLAG:
        return False
    if field.kind is Kind.URL:
        return "https://www.voorbeeld.be/"
    if field.kind in (Kind.CAHIERS, Kind.LINKS):
        return []
    return "Voorbeeld"


class _Probe:
    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self.base = {f.name: _sample(f, vocabulary) for f in practice_collection(vocabulary).fields if f.required}

    def issues(self, **changes) -> list[ContentIssue]:
        meta = {k: v for k, v in {**self.base, **changes}.items() if v is not None}
        collector = IssueCollector("probe")
        FieldValidator(practice_collection(self.vocabulary), self.vocabulary, collector).validate(meta, {})
        return collector.issues

    def said(self, name: str, **changes) -> str | None:
        """The first message for field ``name`` (or ``name.sub``) after ``changes``."""
        found = [i for i in self.issues(**changes) if i.field.split(".")[0] == name]
        return _said(found[0]) if found else None

    def accepts(self, name: str, value: object) -> bool:
        return self.said(name, **{name: value}) is None


@functools.cache
def _invisible_characters() -> tuple[str, ...]:
    """Control, format and separator characters: what a text rule might refuse."""
    codes = [*range(0x10000), *range(0xE0000, 0xE0080)]
    return tuple(chr(c) for c in codes
                 if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zs", "Zl", "Zp") or c in (0xFFFE, 0xFFFF))


def _refused_characters(probe: _Probe, field: Field) -> list[dict]:
    """Characters the validator refuses inside this text field, grouped by message."""
    groups: dict[str, list[str]] = {}
    for char in _invisible_characters():
        code = ord(char)
        said = probe.said(field.name, **{field.name: f"Voor{char}beeld"})
        if said:
            template = _template(said, HEX=f"{code:04X}", hex=f"{code:04x}", char=char)
            groups.setdefault(template, []).append(char)
    return [{"characters": "".join(chars), "message": message} for message, chars in groups.items()]


def _max_length(probe: _Probe, field: Field) -> tuple[int | None, str | None]:
    """The longest accepted value of a text field and the message above it, if there is a limit."""
    if probe.accepts(field.name, "a" * PROBE_LENGTH):
        return None, None
    low, high = 1, PROBE_LENGTH  # low is accepted, high is not
    if not probe.accepts(field.name, "a"):
        return None, None
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if probe.accepts(field.name, "a" * middle) else (low, middle)
    said = probe.said(field.name, **{field.name: "a" * high})
    return low, _template(said, length=str(high))


def _field(probe: _Probe, field: Field, vocabulary: Vocabulary, cahiers: list[tuple[str, str]]) -> dict | None:
    spec = {"name": field.name, "kind": field.kind.name, "required": field.required,
            "label": field.label, "help": field.help, "messages": {}}
    messages = spec["messages"]
    if field.required:
        messages["missing"] = probe.said(field.name, **{field.name: None})
    if field.kind is Kind.TEXT:
        spec["refused"] = _refused_characters(probe, field)
        spec["maxLength"], messages["tooLong"] = _max_length(probe, field)
    elif field.kind is Kind.TERMS:
        taxonomy = vocabulary[field.taxonomy]
        spec["options"] = [{"value": t.id, "label": t.label, "description": t.description} for t in taxonomy.terms]
    elif field.kind is Kind.CAHIERS:
        if not cahiers:
            return None  # nothing to choose from
        spec["options"] = [{"value": slug, "label": title, "description": ""} for slug, title in cahiers]
    elif field.kind in (Kind.YEAR, Kind.NUMBER):
        spec["min"], spec["max"] = (YEAR_MIN, YEAR_MAX) if field.kind is Kind.YEAR else (1, None)
        messages["type"] = probe.said(field.name, **{field.name: _PROBE})
        outside = YEAR_MIN - 1 if field.kind is Kind.YEAR else 0
        range_said = probe.said(field.name, **{field.name: outside})
        messages["range"] = _template(range_said, value=str(outside)) if range_said else None
    elif field.kind is Kind.LINKS:
        def url_said(url: str) -> str | None:
            return probe.said(field.name, **{field.name: [{"title": "Voorbeeld", "url": url}]})

        scheme = url_said("qzxprobe://voorbeeld")
        messages.update({
            # With a suggestion when the address looks like a domain (validate.url_hint), else without
            "noScheme": _template(url_said("www.voorbeeld.be").replace("bv. https://www.voorbeeld.be", "bv. https://{bare}"),
                                  url="www.voorbeeld.be"),
            "noSchemeNoHint": _template(url_said("qzxprobe"), url="qzxprobe"),
            "scheme": _template(scheme, scheme="qzxprobe") if scheme else None,
            "noDomain": url_said("https://"),
            "unsafe": url_said("https://www.voorbeeld.be/<>"),
        })
    else:  # FLAG, URL: not in a practice today; SLUGS (aliases): a new practice has no old names
        return None
    return spec


def _reader_rule() -> dict:
    """The front-matter reader refuses these characters anywhere in the YAML."""
    probe_char = "\x1b"
    collector = IssueCollector("probe")
    parse_yaml_mapping(f"title: Voor{probe_char}beeld", 2, collector)
    if not collector.issues:  # the reader accepts them now: nothing to port
        return {"pattern": "[]", "message": None}
    message = _template(_said(collector.issues[0]), hex="001b", HEX="001B")
    pattern = yaml.reader.Reader.NON_PRINTABLE.pattern
    return {"pattern": _js_class(pattern), "message": message}


def _js_class(pattern: str) -> str:
    """A Python character-class pattern with every non-ASCII or invisible character escaped for JS."""
    out = []
    for char in pattern:
        code = ord(char)
        out.append(char if 0x21 <= code <= 0x7E else f"\\u{{{code:x}}}")
    return "".join(out)


# The browser's line-based reading of a story, for the one story rule the form checks (no
# level-1 heading): ATX and setext headings outside fenced code, as CommonMark writes them.
# `make check` reads the story with markdown-it (text/markdown_source.py) when the pull request
# arrives and stays the authority (a story the form lets through can still be refused there).
_TITLE_HEADING = r"^ {0,3}#(?:[ \t]+(.*?))?[ \t#]*$"
_SETEXT_TITLE = r"^ {0,3}=+[ \t]*$"
_FENCE = r"^([ \t]*)(`{3,}|~{3,})"


def _body_rules(vocabulary: Vocabulary, probe: _Probe) -> dict:
    """Messages of ``load_practice`` about the story, from a probe file in a temporary folder."""
    def said(body: str) -> list[str]:
        with tempfile.TemporaryDirectory() as folder:
            layout = Layout(Path(folder))
            path = Path(folder) / layout.praktijken / "voorbeeld.md"
            path.parent.mkdir()
            front = yaml.safe_dump(probe.base, allow_unicode=True, sort_keys=False)
            path.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")
            _, issues = load_practice(path, layout, vocabulary)
        return [_said(issue) for issue in issues]

    empty, heading = said(""), said(f"# {_PROBE}")
    return {
        "headings": list(archetypes.STORY_HEADINGS),
        "titleHeading": _TITLE_HEADING,
        "setextTitle": _SETEXT_TITLE,
        "fence": _FENCE,
        "messages": {"empty": empty[0] if empty else None,
                     "titleHeading": _template(heading[0], title=_PROBE) if heading else None},
    }


def _slug_rules(existing: list[str]) -> dict:
    try:
        archetypes.slug_for("!!!")
        invalid = ""
    except archetypes.ScaffoldError as error:
        invalid = _template(str(error), title="!!!")
    return {
        "max": archetypes.MAX_SLUG,
        "pattern": ID_PATTERN.pattern,
        "reserved": sorted(RESERVED_PRACTICE_SLUGS),
        "existing": sorted(existing),
        "messages": {
            "invalid": invalid,
            "reserved": "de bestandsnaam '{slug}.md' is voorbehouden voor de site; kies een andere titel",
            "exists": "er is al een praktijk met de bestandsnaam '{slug}.md'; kies een andere titel, "
                      "of stel een wijziging van die praktijk voor met het potloodje op haar pagina",
        },
    }


def browser_rules(vocabulary: Vocabulary, cahiers: list[tuple[str, str]], practice_slugs: list[str]) -> dict:
    """Everything the form's script checks and writes, as JSON-ready data."""
    probe = _Probe(vocabulary)
    fields = [spec for field in practice_collection(vocabulary).fields if (spec := _field(probe, field, vocabulary, cahiers))]
    whitespace = "".join(chr(c) for c in range(0x10000) if chr(c).isspace())  # none beyond the BMP
    return {
        "fields": fields,
        "url": {"schemes": list(ALLOWED_SCHEMES), "unsafe": _js_class(_UNSAFE_URL.pattern)},
        "reader": _reader_rule(),
        "whitespace": _js_class(whitespace),
        "body": _body_rules(vocabulary, probe),
        "slug": _slug_rules(practice_slugs),
        "maxUrlBytes": MAX_URL_BYTES,
    }

