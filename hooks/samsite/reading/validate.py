"""Check front-matter against the schema and turn it into typed values."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .. import urls
from ..errors import IssueCollector
from ..model.content import Link
from ..model.schema import Collection, Field, Kind
from ..model.vocabulary import ID_PATTERN, Vocabulary, join_words
from ..text.slugs import folded as _folded
from ..text.suggest import did_you_mean

ALLOWED_SCHEMES = ("http", "https", "mailto")
YEAR_MIN, YEAR_MAX = 1900, 2100  # a year field outside this range is a typo
MACRO_KEYS = {"render_macros", "ignore_macros", "macros", "macros_include", "render_by_default",
              "include_yaml"}
# The longest text a field may hold: a title fits on a card, a summary in a list.
MAX_TEXT = {"title": 150, "summary": 600, "organisation": 150, "region": 150}
MAX_TEXT_DEFAULT = 300
MAX_NUMBER = 999  # a cahier's number in the series
# Characters a real address never holds unencoded; in a generated Markdown link they
# could end the link and start markup of their own.
_UNSAFE_URL = re.compile(r'[\s<>"{}|\\^`\x00-\x1f\x7f]')


def _balanced(url: str) -> bool:
    depth = 0
    for char in url:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


UNREADABLE_URL = "het webadres bevat spaties, haakjes die niet sluiten of tekens als < > { } \""


def check_url(url: object) -> str | None:
    """Return a Dutch problem description, or None when the URL is acceptable."""
    if not isinstance(url, str) or not url.strip():
        return "de url is leeg"
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. an unclosed '[' where the host goes
        return UNREADABLE_URL
    scheme = parts.scheme.lower()
    if not scheme:
        return f"het webadres '{url.strip()}' begint niet met https://"
    if scheme not in ALLOWED_SCHEMES:
        return f"een link moet beginnen met https://, http:// of mailto:, niet met '{scheme}:'"
    if scheme in ("http", "https") and not parts.netloc:
        return "het webadres mist een domeinnaam"
    if _UNSAFE_URL.search(url.strip()) or not _balanced(url):
        return UNREADABLE_URL
    return None


def url_hint(url: object) -> str:
    """How to fix an address: with the editor's own address when it only lacks https://."""
    text = url.strip().removeprefix("//") if isinstance(url, str) else ""
    if text and ":" not in text.split("/")[0] and "." in text.split("/")[0] and not _UNSAFE_URL.search(text):
        return f"begin met https://, bv. https://{text.removeprefix('//')}"
    return "kopieer het volledige webadres uit je browser"


# Field names editors try for the terms of a practice; the hint lists the taxonomies' fields.
TERM_FIELD_GUESSES = ("tags", "categories", "thema", "trefwoorden")
# Field names editors try, and where that information goes.
FIELD_HINTS = {
    "date": "het jaar schrijf je als year: 2024 (een volledige datum is niet nodig)",
    "datum": "het jaar schrijf je als year: 2024 (een volledige datum is niet nodig)",
    "jaar": "het jaar schrijf je als year: 2024",
    "titel": "de titel schrijf je als title: ...",
    "samenvatting": "de samenvatting schrijf je als summary: ...",
    "organisatie": "de organisatie schrijf je als organisation: ...",
    "regio": "de plaats schrijf je als region: ...",
    "strategie": "de strategie schrijf je als strategy: [...]",
    "niveau": "het niveau schrijf je als level: [...]",
    "author": "de auteur staat niet in de velden: noem wie het verhaal schreef onderaan in de tekst",
    "auteur": "de auteur staat niet in de velden: noem wie het verhaal schreef onderaan in de tekst",
}


def _as_list(value: object) -> list | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return value
    return None


def _term_suggestion(name: str, item: str, taxonomy) -> str:
    """'bedoelde je ...?' for a typo, a list written without brackets, or a label instead of an id."""
    parts = [part.strip() for part in re.split(r"[,;]", item) if part.strip()]
    if len(parts) > 1:
        fixed = [part if part in taxonomy else _closest(part, taxonomy) or part for part in parts]
        return f"meer waarden zet je tussen rechte haken: {name}: [{', '.join(fixed)}]; "
    closest = _closest(item, taxonomy)
    spaces = [f"U+{ord(char):04X}" for char in dict.fromkeys(item) if char.isspace() and char not in " \t"]
    warning = f"er staat een harde spatie ({', '.join(spaces)}) in: ids hebben koppeltekens; " if spaces else ""
    return warning + (f"bedoelde je '{closest}'? " if closest else "")


def _closest(item: str, taxonomy) -> str | None:
    by_label = {_folded(term.label): term.id for term in taxonomy.terms}
    if _folded(item) in by_label:
        return by_label[_folded(item)]
    suggestion = did_you_mean(item, taxonomy.ids())
    if suggestion:
        return suggestion.split("'")[1]
    label = did_you_mean(_folded(item), list(by_label))
    return by_label[label.split("'")[1]] if label else None


class FieldValidator:
    def __init__(self, collection: Collection, vocabulary: Vocabulary, issues: IssueCollector):
        self.collection = collection
        self.vocabulary = vocabulary
        self.issues = issues

    def validate(self, meta: dict, lines: dict) -> dict:
        values: dict = {}
        names = self.collection.names()
        for key in meta:
            if key in names:
                continue
            line = lines.get((key,), 1)
            if str(key) in MACRO_KEYS:
                self.issues.add(line, str(key), "macro's aanzetten is niet toegestaan in inhoud",
                                "verwijder deze regel: praktijken en cahiers worden nooit als sjabloon uitgevoerd")
            else:
                known = FIELD_HINTS.get(str(key).lower())
                if str(key).lower() in TERM_FIELD_GUESSES:
                    known = f"thema's kies je met {join_words(self.vocabulary.keys())}, uit het vocabulaire"
                self.issues.add(line, str(key), "onbekend veld",
                                f"{known + '; ' if known else did_you_mean(str(key), names)}"
                                f"toegelaten velden zijn: {', '.join(names)}")
        for field in self.collection.fields:
            line = lines.get((field.name,), 1)
            value = meta.get(field.name)
            if value is None or value == "" or value == []:
                if field.required:
                    self.issues.add(line, field.name,
                                    "verplicht veld ontbreekt" if field.name not in meta else "verplicht veld is leeg",
                                    f"vul in: {field.help}")
                continue
            checked = self._check(field, value, line, lines)
            if checked is not None:
                values[field.name] = checked
        return values

    def _wrong_type(self, field: Field, value: object, line: int) -> None:
        received = type(value).__name__
        dutch = {"str": "tekst", "int": "getal", "bool": "true/false", "list": "lijst",
                 "dict": "blok met velden", "float": "kommagetal"}.get(received, received)
        self.issues.add(line, field.name, f"verwacht {field.kind.value}, maar kreeg {dutch}",
                        f"bv. {field.name}: {field.example!r}".replace("'", "") if field.example is not None
                        else "zie de redactiegids")

    def _check(self, field: Field, value: object, line: int, lines: dict):
        kind = field.kind
        if kind is Kind.TEXT:
            if not isinstance(value, str):
                return self._wrong_type(field, value, line)
            if not value.strip():
                self.issues.add(line, field.name, "verplicht veld is leeg", f"vul in: {field.help}")
                return None
            value = " ".join(value.split())
            limit = MAX_TEXT.get(field.name, MAX_TEXT_DEFAULT)
            if len(value) > limit:
                self.issues.add(line, field.name, f"de tekst is te lang: {len(value)} tekens (hoogstens {limit})",
                                "een titel of naam is kort; een samenvatting is één of twee zinnen: "
                                "de rest hoort in de tekst onder de front-matter")
                return None
            return value
        if kind in (Kind.NUMBER, Kind.YEAR):
            if isinstance(value, bool) or not isinstance(value, int):
                return self._wrong_type(field, value, line)
            if kind is Kind.YEAR and not YEAR_MIN <= value <= YEAR_MAX:
                self.issues.add(line, field.name, f"'{value}' is geen geldig jaartal",
                                "schrijf het jaar voluit met vier cijfers, bv. 2024")
                return None
            if kind is Kind.NUMBER and value < 1:
                self.issues.add(line, field.name, "het nummer moet 1 of hoger zijn", "bv. number: 3")
                return None
            if kind is Kind.NUMBER and value > MAX_NUMBER:
                self.issues.add(line, field.name, f"het nummer is te groot (hoogstens {MAX_NUMBER})",
                                "het volgnummer van het cahier in de reeks, bv. number: 3")
                return None
            return value
        if kind is Kind.FLAG:
            if not isinstance(value, bool):
                return self._wrong_type(field, value, line)
            return value
        if kind is Kind.URL:
            problem = check_url(value)
            if problem:
                self.issues.add(line, field.name, problem, url_hint(value))
                return None
            return value.strip()
        if kind is Kind.SLUGS:
            return self._slugs(field, value, line)
        if kind in (Kind.TERMS, Kind.CAHIERS):
            items = _as_list(value)
            if items is None or not all(isinstance(item, str) for item in items):
                return self._wrong_type(field, value, line)
            items = [item.strip() for item in items]
            if len(set(items)) != len(items):
                self.issues.add(line, field.name, "dezelfde waarde staat er twee keer in",
                                "noem elke waarde maar één keer")
            if kind is Kind.TERMS:
                taxonomy = self.vocabulary[field.taxonomy]
                for item in items:
                    if item not in taxonomy:
                        self.issues.add(line, field.name, f"onbekende {taxonomy.label.lower()} '{item}'",
                                        f"{_term_suggestion(field.name, item, taxonomy)}kies uit: "
                                        f"{', '.join(taxonomy.ids())} (of voeg de term toe in vocabulaire.yml)")
            return tuple(dict.fromkeys(items))
        if kind is Kind.LINKS:
            return self._links(field, value, line, lines)
        raise AssertionError(kind)  # pragma: no cover - every kind is handled above

    def _slugs(self, field: Field, value: object, line: int):
        items = _as_list(value)
        if items is None or not all(isinstance(item, str) for item in items):
            return self._wrong_type(field, value, line)
        # 'oude-naam', 'oude-naam.md' or, as in Hugo, '/praktijken/oude-naam/': the same old name
        items = [item.strip().strip("/").removeprefix(f"{urls.PRACTICES}/").strip("/").removesuffix(".md") for item in items]
        for item in items:
            if not ID_PATTERN.match(item):
                self.issues.add(line, field.name, f"'{item}' is geen geldige oude bestandsnaam",
                                "schrijf de oude naam zonder .md, in kleine letters met koppeltekens, "
                                "bv. aliases: [gentse-wooncoalitie]")
                return None
        return tuple(dict.fromkeys(items))

    def _links(self, field: Field, value: object, line: int, lines: dict):
        if not isinstance(value, list):
            return self._wrong_type(field, value, line)
        links = []
        for index, item in enumerate(value):
            item_line = lines.get((field.name, index), line)
            if isinstance(item, str):
                item = {"title": "", "url": item}
            if not isinstance(item, dict):
                self.issues.add(item_line, field.name, "elke link is een blok met title en url",
                                "schrijf '- title: ...' en op de volgende regel '  url: https://...'")
                continue
            for key in set(item) - {"title", "url"}:
                self.issues.add(lines.get((field.name, index, key), item_line), f"{field.name}.{key}",
                                "onbekend veld in een link", "een link heeft enkel title en url")
            problem = check_url(item.get("url"))
            if problem:
                self.issues.add(lines.get((field.name, index, "url"), item_line), f"{field.name}.url",
                                problem, url_hint(item.get("url")))
                continue
            title = item.get("title") or ""
            if not isinstance(title, str):
                self.issues.add(item_line, f"{field.name}.title", "de titel van een link is tekst",
                                "zet de titel tussen aanhalingstekens")
                continue
            links.append(Link(" ".join(title.split()) or item["url"].strip(), item["url"].strip()))
        return tuple(links)
