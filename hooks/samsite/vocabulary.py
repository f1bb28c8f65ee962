"""The vocabulary (strategies, sectors, levels): data from ``vocabulaire.yml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, IssueCollector
from .frontmatter import parse_yaml_mapping

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TAXONOMY_FIELDS = ("label", "plural", "path", "terms")
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


def load_vocabulary(path: Path, display_path: str) -> Vocabulary:
    """Read and check the vocabulary file; raise ContentError naming line and field."""
    issues = IssueCollector(display_path)
    if not path.is_file():
        issues.add(1, "vocabulaire", "het bestand ontbreekt", "zet vocabulaire.yml terug uit git")
        raise ContentError(issues.issues)
    data, lines = parse_yaml_mapping(path.read_text(encoding="utf-8"), 1, issues, nested_lines=True)
    taxonomies = []
    for key, spec in (data or {}).items():
        line = lines.get((key,), 1)
        if not isinstance(spec, dict):
            issues.add(line, key, "verwacht een blok met label, plural, path en terms")
            continue
        for field in TAXONOMY_FIELDS:
            if not spec.get(field):
                issues.add(line, f"{key}.{field}", "ontbreekt of is leeg", f"vul '{field}' in")
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
        taxonomies.append(Taxonomy(key, str(spec.get("label", "")), str(spec.get("plural", "")),
                                   str(spec.get("path", "")), tuple(terms)))
    missing = {"strategy", "sector", "level"} - {tax.key for tax in taxonomies}
    for key in sorted(missing):
        issues.add(1, key, "deze lijst ontbreekt in het vocabulaire", "zet de lijst terug uit git")
    if issues.issues:
        raise ContentError(issues.issues)
    return Vocabulary(tuple(taxonomies))
