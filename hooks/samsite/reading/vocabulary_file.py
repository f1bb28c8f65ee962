"""Reading ``vocabulaire.yml``: every block checked (fields, ids, paths, the names the model
already uses), each problem with its line; the result is a ``model.vocabulary.Vocabulary``.

A list's ``path`` is a folder of the site: it may not be an address the site writes itself
(``urls.reserved``: the practices, cahiers, short links, QR codes, search, assets, feed, fixed
pages), a page or folder of ``docs/``, or another list's path, in any case and with or
without slashes: its pages would silently replace those. A term id may not be the name of a
page the site makes in a list's folder (``urls.reserved_term_ids``)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from .. import urls
from ..errors import ContentError, IssueCollector
from ..model.content import Practice
from ..model.schema import CAHIER_TAXONOMY
from ..model.vocabulary import ID_PATTERN, Taxonomy, Term, Vocabulary
from .content_files import Layout
from .frontmatter import parse_yaml_mapping

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")  # a front-matter field, a query parameter, a form name
TAXONOMY_FIELDS = ("label", "plural", "path", "terms")  # required; 'required', 'uitleg', 'voorbeeld' optional
OPTIONAL_TAXONOMY_FIELDS = ("required", "uitleg", "voorbeeld")
TERM_FIELDS = ("id", "label", "beschrijving")


def docs_addresses(docs: Path, intro_folders: set[str] = frozenset()) -> dict[str, str]:
    """The top-level pages and folders of ``docs/`` (the team's pages) -> the address and what
    is there (Dutch), as in ``urls.reserved``; not ``intro_folders``, the folders of the lists'
    own intro texts (docs/strategieen/)."""
    found = {}
    for entry in Layout(docs.parent).children(docs):
        if entry.name.casefold() in intro_folders:
            continue
        if entry.is_dir():
            found[entry.name.casefold()] = f"/{entry.name}/ (de map {docs.name}/{entry.name}/)"
        elif entry.suffix == ".md" and entry.stem != urls.INDEX:
            found[entry.stem.casefold()] = f"/{entry.stem}/ (de pagina {docs.name}/{entry.name})"
    return found


def _path_problem(key: str, value: str, paths: dict[str, str], reserved: dict[str, str]) -> tuple[str, str] | None:
    """Why a list's ``path`` cannot be its folder on the site (message, hint), or None."""
    name = value.strip().strip("/")
    first = name.split("/", 1)[0].casefold()
    hint = "kies een ander path, in kleine letters en zonder schuine streep, dat de site nog niet gebruikt, bv. themas"
    if first in reserved:
        return ((f"'{value}' ligt in {reserved[first]}: de pagina's van deze lijst zouden die van de site vervangen"
                 if "/" in name else
                 f"'{value}' valt samen met {reserved[first]}: de pagina's van deze lijst zouden die van de site vervangen"),
                hint)
    for other, other_path in paths.items():
        if other == key:
            break  # the first of two lists keeps its path; the second is refused
        if other_path.strip().strip("/").split("/", 1)[0].casefold() == first:
            return (f"'{value}' is al het webadres van de lijst {other} (/{other_path}/)",
                    "geef elke lijst een eigen path, bv. themas")
    if not ID_PATTERN.match(value):
        return (f"'{value}' kan geen webadres van een lijst zijn",
                "gebruik kleine letters en koppeltekens, voor elke lijst een ander, bv. themas")
    return None


def load_vocabulary(path: Path, display_path: str, docs: Path | None = None) -> Vocabulary:
    """Read and check the vocabulary file; raise ContentError naming line and field. ``docs``
    is the folder of the team's pages (``Layout.docs``): a list's path may not take their names."""
    issues = IssueCollector(display_path)
    if not path.is_file():
        issues.add(1, "vocabulaire", "het bestand ontbreekt", "zet vocabulaire.yml terug uit git")
        raise ContentError(issues.issues)
    data, lines = parse_yaml_mapping(path.read_text(encoding="utf-8"), 1, issues, nested_lines=True)
    taxonomies = []
    # the model's own attributes cannot be a taxonomy's name
    taken = {field.name for field in dataclasses.fields(Practice)} | {"body"}
    paths = {str(key): str(spec.get("path") or "") for key, spec in (data or {}).items() if isinstance(spec, dict)}
    lists = {value.strip().strip("/").casefold() for value in paths.values()}  # their intro texts are in docs/
    reserved = docs_addresses(docs, lists) if docs else {}
    reserved.update(urls.reserved())
    for key, spec in (data or {}).items():
        line = lines.get((key,), 1)
        if not isinstance(spec, dict):
            issues.add(line, key, "verwacht een blok met label, plural, path en terms")
            continue
        if not KEY_PATTERN.match(str(key)) or key in taken:
            issues.add(line, str(key), f"'{key}' kan geen naam van een lijst zijn",
                       "kies een kort woord in kleine letters dat nog geen veld van een praktijk is, bv. thema")
        path_value = paths[str(key)]
        problem = _path_problem(str(key), path_value, paths, reserved) if path_value else None
        if problem:
            issues.add(lines.get((key, "path"), line), f"{key}.path", *problem)
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
            elif term_id in urls.reserved_term_ids(path_value):
                issues.add(lines.get((key, "terms", index, "id"), term_line), f"{key}.id",
                           f"de id '{term_id}' is voorbehouden: de site gebruikt die naam al voor "
                           f"{urls.reserved_term_ids(path_value)[term_id]}",
                           "kies een andere id, bv. een woord uit het label van de term")
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
    # the cahiers' schema names this list
    if CAHIER_TAXONOMY not in {tax.key for tax in taxonomies}:
        issues.add(1, CAHIER_TAXONOMY, "deze lijst ontbreekt in het vocabulaire", "zet de lijst terug uit git")
    if issues.issues:
        raise ContentError(issues.issues)
    return Vocabulary(tuple(taxonomies))
