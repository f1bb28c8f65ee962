"""The vocabulary: the taxonomies (strategies, sectors, levels, ...) from ``vocabulaire.yml``.

A taxonomy is data: its key (the front-matter field), label, plural, URL path, whether a
practice must name a term of it (``required``), the help text editors see (``uitleg``),
an example (``voorbeeld``) and its terms. Everything that handles practices' terms
(validation, term pages, cards, related practices, search facets, the map, the feed,
scaffolds, the form, the guide) loops over ``Vocabulary.taxonomies``: adding a block to
``vocabulaire.yml`` is all a new taxonomy takes.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, IssueCollector
from .frontmatter import parse_yaml_mapping

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")  # a front-matter field, a query parameter, a form name
TAXONOMY_FIELDS = ("label", "plural", "path", "terms")  # required; 'required', 'uitleg', 'voorbeeld' optional
OPTIONAL_TAXONOMY_FIELDS = ("required", "uitleg", "voorbeeld")
NUMBER_WORDS = {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht", 9: "negen", 10: "tien"}
TERM_FIELDS = ("id", "label", "beschrijving")


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Taxonomy:
    key: str  # the front-matter field that names terms of it: strategy, sector, level
    label: str  # singular Dutch label
    plural: str
    path: str  # URL segment of its pages
    terms: tuple[Term, ...]
    required: bool = True  # a practice must name at least one term
    help: str = ""  # Dutch, one sentence for scaffolds, the form and the guide ('uitleg')
    example: tuple[str, ...] = ()  # term ids shown as example ('voorbeeld'); default the first term

    def ids(self) -> list[str]:
        return [term.id for term in self.terms]

    def get(self, term_id: str) -> Term:
        return next(term for term in self.terms if term.id == term_id)

    def __contains__(self, term_id: object) -> bool:
        return any(term.id == term_id for term in self.terms)


@dataclass(frozen=True)
class Vocabulary:
    taxonomies: tuple[Taxonomy, ...]

    def __getitem__(self, key: str) -> Taxonomy:
        return next(tax for tax in self.taxonomies if tax.key == key)

    def keys(self) -> list[str]:
        return [tax.key for tax in self.taxonomies]

    def __contains__(self, key: object) -> bool:
        return any(tax.key == key for tax in self.taxonomies)

    def names(self, conjunction: str = "en") -> str:
        """The taxonomies' labels as a Dutch list: 'strategie, sector en niveau'."""
        return join_words([tax.label.lower() for tax in self.taxonomies], conjunction)

    def count_word(self) -> str:
        """How many taxonomies, as in 'alle drie' ('beide' for two)."""
        count = len(self.taxonomies)
        return "beide" if count == 2 else f"alle {NUMBER_WORDS.get(count, str(count))}"


def join_words(words: list[str], conjunction: str = "en") -> str:
    """'a, b en c': a Dutch enumeration."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def load_vocabulary(path: Path, display_path: str) -> Vocabulary:
    """Read and check the vocabulary file; raise ContentError naming line and field."""
    issues = IssueCollector(display_path)
    if not path.is_file():
        issues.add(1, "vocabulaire", "het bestand ontbreekt", "zet vocabulaire.yml terug uit git")
        raise ContentError(issues.issues)
    data, lines = parse_yaml_mapping(path.read_text(encoding="utf-8"), 1, issues, nested_lines=True)
    taxonomies = []
    from .model import Practice  # the model's own attributes cannot be a taxonomy's name
    taken = {field.name for field in dataclasses.fields(Practice)} | {"body"}
    paths: dict[str, str] = {}
    for key, spec in (data or {}).items():
        line = lines.get((key,), 1)
        if not isinstance(spec, dict):
            issues.add(line, key, "verwacht een blok met label, plural, path en terms")
            continue
        if not KEY_PATTERN.match(str(key)) or key in taken:
            issues.add(line, str(key), f"'{key}' kan geen naam van een lijst zijn",
                       "kies een kort woord in kleine letters dat nog geen veld van een praktijk is, bv. thema")
        path_value = str(spec.get("path") or "")
        if path_value and (not ID_PATTERN.match(path_value) or path_value in paths.values()):
            issues.add(line, f"{key}.path", f"'{path_value}' kan geen webadres van een lijst zijn",
                       "gebruik kleine letters en koppeltekens, voor elke lijst een ander, bv. themas")
        paths[str(key)] = path_value
        for field in TAXONOMY_FIELDS:
            if not spec.get(field):
                issues.add(line, f"{key}.{field}", "ontbreekt of is leeg", f"vul '{field}' in")
        for field in sorted(set(spec) - set(TAXONOMY_FIELDS) - set(OPTIONAL_TAXONOMY_FIELDS)):
            issues.add(line, f"{key}.{field}", "onbekend veld",
                       f"gebruik alleen {', '.join(TAXONOMY_FIELDS + OPTIONAL_TAXONOMY_FIELDS)}")
        required = spec.get("required", True)
        if not isinstance(required, bool):
            issues.add(line, f"{key}.required", f"verwacht true of false, niet '{required}'",
                       "schrijf required: true (elke praktijk kiest een term) of required: false")
            required = True
        terms = []
        seen = set()
        for index, item in enumerate(spec.get("terms") or []):
            term_line = lines.get((key, "terms", index), line)
            if not isinstance(item, dict):
                issues.add(term_line, f"{key}.terms", "elke term is een blok met id, label en beschrijving")
                continue
            term_id = str(item.get("id", ""))
            if not ID_PATTERN.match(term_id):
                issues.add(term_line, f"{key}.id", f"ongeldige id '{term_id}'",
                           "gebruik kleine letters, cijfers en koppeltekens, bv. 'welzijn-en-zorg'")
            elif term_id in seen:
                issues.add(term_line, f"{key}.id", f"de id '{term_id}' staat er twee keer in",
                           "geef elke term een eigen id")
            seen.add(term_id)
            for field in ("label", "beschrijving"):
                if not isinstance(item.get(field), str) or not item[field].strip():
                    issues.add(term_line, f"{key}.{field}", f"ontbreekt bij '{term_id}'",
                               f"geef elke term een {field}")
            unknown = set(item) - set(TERM_FIELDS)
            for field in sorted(unknown):
                issues.add(term_line, f"{key}.{field}", "onbekend veld",
                           f"gebruik alleen {', '.join(TERM_FIELDS)}")
            terms.append(Term(term_id, str(item.get("label", "")).strip(),
                              " ".join(str(item.get("beschrijving", "")).split())))
        example = spec.get("voorbeeld") or ([terms[0].id] if terms else [])
        example = [str(item) for item in (example if isinstance(example, list) else [example])]
        for term_id in example:
            if term_id not in seen:
                issues.add(line, f"{key}.voorbeeld", f"'{term_id}' staat niet bij de terms",
                           "kies als voorbeeld een id uit de lijst terms")
        label = str(spec.get("label", ""))
        taxonomies.append(Taxonomy(
            key, label, str(spec.get("plural", "")), str(spec.get("path", "")), tuple(terms), required,
            " ".join(str(spec.get("uitleg") or f"Eén of meer {str(spec.get('plural', '')).lower()} van de praktijk.").split()),
            tuple(str(term_id) for term_id in example)))
    from .schema import CAHIER_TAXONOMY  # the cahiers' schema names this list (schema imports this module)
    if CAHIER_TAXONOMY not in {tax.key for tax in taxonomies}:
        issues.add(1, CAHIER_TAXONOMY, "deze lijst ontbreekt in het vocabulaire", "zet de lijst terug uit git")
    if issues.issues:
        raise ContentError(issues.issues)
    return Vocabulary(tuple(taxonomies))
