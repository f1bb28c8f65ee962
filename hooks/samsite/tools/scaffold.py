"""New content files, written from the schema: ``make praktijk`` and ``make cahier``.

Every field of ``model/schema.py`` gets a Dutch comment (what it is, whether it is required,
the allowed values from the vocabulary, an example). Required values the command cannot
know are left empty, so ``make check`` names each one until the editor fills it in.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .. import urls
from ..errors import IssueCollector
from ..model.schema import CAHIER, Collection, Field, Kind, practice_collection
from ..model.vocabulary import ID_PATTERN, Vocabulary
from ..reading.content_files import RESERVED_PRACTICE_SLUGS, Layout
from ..reading.frontmatter import read_text, split_front_matter
from ..reading.vocabulary_file import load_vocabulary
from ..text.slugs import slug as make_slug

MAX_SLUG = 60
FIRST_CHAPTER = "01-eerste-hoofdstuk.md"


class ScaffoldError(Exception):
    """A Dutch explanation of why nothing was created."""


def slugify(title: str) -> str:
    """'Buurtwerk Café De Kaai!' -> 'buurtwerk-cafe-de-kaai' (ascii, lowercase, hyphens)."""
    return make_slug(title, MAX_SLUG)


def _yaml_line(name: str, value: object) -> str:
    flow = None if isinstance(value, list) else False  # lists as [a, b], the rest as 'name: value'
    return yaml.safe_dump({name: value}, allow_unicode=True, default_flow_style=flow, width=1000).strip()


def _comment(text: str) -> list[str]:
    return [f"# {line}".rstrip() for line in text.split("\n")]


def field_block(field: Field, vocabulary: Vocabulary, cahiers: list[str], value: object = None) -> str:
    """The commented lines for one field, then the field itself (empty unless ``value``)."""
    status = "verplicht" if field.required else "niet verplicht"
    lines = _comment(f"{field.name} ({status}, {field.kind.value})\n{field.help}")
    if field.kind is Kind.TERMS:
        taxonomy = vocabulary[field.taxonomy]
        lines += _comment(f"Kies één of meer {taxonomy.plural.lower()} (id: naam):")
        lines += [f"#   {term.id}: {term.label}" for term in taxonomy.terms]
    elif field.kind is Kind.CAHIERS:
        lines += _comment("Kies uit: " + (", ".join(cahiers) if cahiers else "(nog geen cahiers)"))
    if field.kind is Kind.LINKS and field.example:
        lines += _comment("Bijvoorbeeld:\n" + yaml.safe_dump({field.name: field.example}, allow_unicode=True,
                                                               sort_keys=False, width=1000).rstrip())
    elif field.example not in (None, [], ""):
        lines += _comment(f"Bijvoorbeeld: {_yaml_line(field.name, field.example)}")
    if value is not None:
        lines.append(_yaml_line(field.name, value))
    elif field.kind in (Kind.TERMS, Kind.CAHIERS, Kind.LINKS, Kind.SLUGS):
        lines.append(f"{field.name}: []")
    else:
        lines.append(f"{field.name}:")
    return "\n".join(lines)


def front_matter(collection: Collection, vocabulary: Vocabulary, cahiers: list[str],
                 values: dict, header: str, footer: str) -> str:
    blocks = ["\n".join(_comment(header))]
    blocks += [field_block(field, vocabulary, cahiers, values.get(field.name)) for field in collection.fields]
    blocks.append("\n".join(_comment(footer)))
    return "---\n" + "\n\n".join(blocks) + "\n---\n\n"


HEADER = ("{soort}. Vul elk veld in; 'make check' zegt welke nog leeg zijn.\n"
          "Regels die met # beginnen zijn uitleg: laten staan of weghalen mag allebei.\n"
          "Tekst met een dubbele punt (:) zet je tussen aanhalingstekens: \"Wonen: een recht\".\n"
          "Een lijst schrijf je tussen [ ], met komma's: [agenderen, collectiviseren].\n"
          "Meer uitleg: de redactiegids (docs/redactiegids.md, of /redactiegids/ op de site).")
# The section headings the existing practices use (also the start of the story on /bijdragen/).
STORY_HEADINGS = ("De kwestie", "Wie doet mee", "Hoe ze politiseren", "Wat je ervan kan leren")
PRACTICE_FOOTER = ("Het verhaal schrijf je onder de regel '---' hieronder, in Markdown. De andere praktijken\n"
                   "gebruiken de tussenkoppen '## {}', '## {}', '## {}'\n"
                   "en '## {}'.".format(*STORY_HEADINGS))
CAHIER_FOOTER = ("De inleiding van het cahier schrijf je onder de regel '---' hieronder. Elk hoofdstuk is\n"
                 "een eigen bestand in deze map, in de volgorde van de naam: 01-....md, 02-....md, met op\n"
                 "de eerste regel '# Titel van het hoofdstuk' en daaronder de tekst.")


FIRST_CHAPTER_TEXT = "# Eerste hoofdstuk\n\n"


def practice_text(vocabulary: Vocabulary, cahiers: list[str], title: str) -> str:
    return front_matter(practice_collection(vocabulary), vocabulary, cahiers, {"title": " ".join(title.split())},
                        HEADER.format(soort="Nieuwe praktijk"), PRACTICE_FOOTER)


def cahier_text(vocabulary: Vocabulary, cahiers: list[str], title: str, number: int) -> str:
    # No year filled in: it is the year of printing, which the editor knows and we do not.
    values = {"title": " ".join(title.split()), "number": number, "published": False}
    return front_matter(CAHIER, vocabulary, cahiers, values, HEADER.format(soort="Nieuw cahier"), CAHIER_FOOTER)


def _context(root: Path) -> tuple[Layout, Vocabulary, list[str], list[int]]:
    layout = Layout(Path(root))
    vocabulary = load_vocabulary(layout.root / layout.vocabulary, layout.vocabulary)
    cahier_dir = layout.root / layout.cahiers
    slugs = [folder.name for folder in layout.cahier_folders()]
    numbers = []
    for slug in slugs:  # read leniently: other content may still have problems
        issues = IssueCollector(slug)
        index = cahier_dir / slug / "index.md"
        text = read_text(index.read_bytes(), issues) if index.is_file() else None
        source = split_front_matter(text, issues) if text else None
        number = source.meta.get("number") if source else None
        if isinstance(number, int) and not isinstance(number, bool):
            numbers.append(number)
    return layout, vocabulary, slugs, numbers


def _slug_for(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("geef een titel, bv. make praktijk TITLE=\"Buurtwerk De Kaai\"")
    slug = slugify(title)
    if not ID_PATTERN.match(slug):
        raise ScaffoldError(f"uit de titel '{title}' valt geen bestandsnaam te maken; gebruik letters of cijfers")
    return slug


def new_practice(root: Path, title: str) -> tuple[list[Path], str]:
    """Create praktijken/<slug>.md; return the new files and the next steps (Dutch)."""
    layout, vocabulary, cahiers, _ = _context(root)
    slug = _slug_for(title)
    folder = layout.root / layout.praktijken
    if slug in RESERVED_PRACTICE_SLUGS:
        raise ScaffoldError(f"de naam '{slug}' is voorbehouden voor de site; kies een andere titel")
    existing = [p for p in layout.children(folder) if p.stem.casefold() == slug and p.suffix.lower() == ".md"]
    if existing:
        raise ScaffoldError(f"{layout.rel(existing[0])} bestaat al en blijft ongewijzigd; "
                            "open dat bestand, of kies een andere titel")
    path = folder / f"{slug}.md"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(practice_text(vocabulary, cahiers, title), encoding="utf-8")
    rel = layout.rel(path)
    steps = (f"Nieuwe praktijk: {rel}\n\nVolgende stappen:\n"
             f"  1. Open {rel} en vul elk veld in; de uitleg staat boven elk veld.\n"
             "  2. Schrijf het verhaal onder de tweede regel '---'.\n"
             "  3. Controleer met: make check (het zegt wat nog ontbreekt, met bestand en regel).\n"
             f"  4. Bekijk het resultaat met: make serve, op http://127.0.0.1:8000/{urls.directory(urls.practice(slug))}\n"
             "  5. Stel je wijziging voor in een pull request (zie de redactiegids).")
    return [path], steps


def new_cahier(root: Path, title: str) -> tuple[list[Path], str]:
    """Create cahiers/<slug>/index.md and a first chapter; return the new files and the next steps."""
    layout, vocabulary, cahiers, numbers = _context(root)
    slug = _slug_for(title)
    base = layout.root / layout.cahiers
    clash = next((name for name in cahiers if name.casefold() == slug), None)
    if clash or (base / slug).exists():
        raise ScaffoldError(f"{layout.cahiers}/{clash or slug}/ bestaat al en blijft ongewijzigd; "
                            "open die map, of kies een andere titel")
    number = max(numbers, default=0) + 1
    folder = base / slug
    folder.mkdir(parents=True)
    index = folder / "index.md"
    index.write_text(cahier_text(vocabulary, cahiers, title, number), encoding="utf-8")
    chapter = folder / FIRST_CHAPTER
    chapter.write_text(FIRST_CHAPTER_TEXT, encoding="utf-8")
    rel = layout.rel(folder)
    steps = (f"Nieuw cahier: {rel}/ (nummer {number} in de reeks)\n\nVolgende stappen:\n"
             f"  1. Open {rel}/index.md en vul elk veld in; de uitleg staat boven elk veld.\n"
             f"  2. Schrijf de inleiding onder de tweede regel '---' van {rel}/index.md.\n"
             f"  3. Geef {rel}/{FIRST_CHAPTER} een titel en tekst (en een passende naam); voeg\n"
             "     hoofdstukken toe als 02-....md, 03-....md.\n"
             "  4. Controleer met: make check (het zegt wat nog ontbreekt, met bestand en regel).\n"
             f"  5. Bekijk het resultaat met: make serve, op http://127.0.0.1:8000/{urls.directory(urls.cahier(slug))}\n"
             "  6. Stel je wijziging voor in een pull request (zie de redactiegids).")
    return [index, chapter], steps
