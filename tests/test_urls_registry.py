"""Every address and folder the site writes is declared once, in ``hooks/samsite/urls.py``.

- No other module spells one of the registry's names again (an AST scan, as
  ``test_taxonomy_as_data.py`` does for taxonomy keys): a second declaration fails here.
- The registry is complete: every top-level name of a real built site is in it (or is a
  page of ``docs/`` or a list's folder), so the vocabulary check protects all of them.
- A list of ``vocabulaire.yml`` can never take one of those addresses (issue 20.4): ``make
  check`` refuses it with the line of its ``path`` and the address it would replace, and a
  real build stops with the same message instead of silently replacing a page.
"""

from __future__ import annotations

import ast
import re

import pytest
from content_factory import practice_text
from helpers import ROOT, copy_project, run_build
from samsite import urls
from samsite.reading.vocabulary_file import docs_addresses
from test_check import run_check

# Strings in code that look like a registered name and are not an address, with the reason.
NOT_ADDRESSES = {
    ("macros.py", "praktijken"): "the argument of the docs' macro aantal('praktijken')",
    ("macros.py", "cahiers"): "the argument of the docs' macro aantal('cahiers')",
    ("samsite/cache.py", "pagefind"): "a folder of the build cache (.cache/sam/pagefind), not of the site",
    ("samsite/cache.py", "qr"): "a folder of the build cache (.cache/qr), not of the site",
    ("samsite/pages/cahier_pages.py", "praktijken"): "the name of a fragment placeholder",
    ("samsite/pages/term_pages.py", "praktijken"): "the name of a fragment placeholder, and a Dutch noun",
    ("samsite/printed/selection_sheet.py", "qr"): "a key of kaarten.json (docs/assets/search/selection.js)",
    ("samsite/reading/loader.py", "praktijken"): "the anchor of the practices section of a cahier page",
}


def registered_names() -> set[str]:
    """Every top-level name of the registry, and the source names of its fixed pages."""
    return set(urls.reserved()) | set(urls.FIXED_PAGES) | {urls.SEARCH_PAGE, urls.CONTRIBUTION}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def spelled_addresses(source: str, names: set[str]) -> list[tuple[int, str]]:
    """Strings in ``source`` that name a registered address: a name itself ('p', 'praktijken',
    'zoeken.md'), or a path that starts with one ('p/', '/praktijken/x', f"l/{n}/"). Prose
    (a Dutch message naming an address, with spaces) and docstrings are not code."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
                                for part in node.values}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            value, exact = node.value, True
        elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            value, exact = node.values[0].value, False  # f"l/{n}/": only its start is known
        else:
            continue
        if any(character.isspace() for character in value):
            continue
        path = re.sub(r"^(\.\.?/)+", "", value).lstrip("/")  # '../assets/x.js' is an address too
        if (exact and path.rstrip("/") in names) or any(path.startswith(name + "/") for name in names):
            found.append((node.lineno, value))
    return found


def test_no_module_declares_a_site_address_or_folder_a_second_time():
    names = registered_names()
    assert {"praktijken", "cahiers", "p", "l", "h", "qr", "zoeken", "pagefind", "assets", "feed.xml"} <= names
    sources = [*sorted((ROOT / "hooks").rglob("*.py")), *sorted((ROOT / ".github" / "scripts").glob("*.py"))]
    spelled = set()
    for path in sources:
        if path == ROOT / "hooks" / "samsite" / "urls.py":
            continue
        where = path.relative_to(ROOT / "hooks").as_posix() if path.is_relative_to(ROOT / "hooks") else path.name
        for line, value in spelled_addresses(path.read_text(encoding="utf-8"), names):
            if (where, value) not in NOT_ADDRESSES:
                spelled.add(f"{where}:{line}: {value!r}")
    assert not spelled, "use samsite.urls instead of spelling the address again:\n" + "\n".join(sorted(spelled))


@pytest.mark.parametrize("code", [
    'OWN_FOLDERS = ("p", "l", "h", "qr")',
    'def short_path(number):\n    return f"p/{number}/"',
    'FOLDERS = ("praktijken", "cahiers")',
    'CARDS_FILE = "zoeken/afdrukken/kaarten.json"',
    'OUTPUT_SUBDIR = "pagefind"',
    'SCRIPT = "../assets/bijdragen.js"',
])
def test_the_scan_finds_a_second_declaration(code):
    """What the modules held before the registry, each found by the scan above."""
    assert spelled_addresses(code, registered_names())


def test_the_scan_leaves_prose_and_other_words_alone():
    code = ('"""The short links /p/<n>/ of praktijken/."""\n'
            'HINT = "zet praktijken rechtstreeks in praktijken/"\n'
            'LABEL = f"h{position}"\nTAG = "p"[:0]\n')
    assert spelled_addresses(code, registered_names()) == [(4, "p")]  # only the bare name itself


def test_every_top_level_name_of_a_built_site_is_registered(built_site):
    """The vocabulary check can only protect what the registry knows: a folder or file the
    build writes at the top of the site and the registry does not name fails here."""
    from samsite.build import pipeline

    vocabulary = pipeline.load(ROOT).vocabulary
    known = set(urls.reserved()) | set(docs_addresses(ROOT / "docs")) | {tax.path for tax in vocabulary.taxonomies}
    written = {path.name for path in built_site.iterdir()} - {"index.html"}  # the home page: docs/index.md
    assert {"p", "l", "h", "qr", "pagefind", "assets", "zoeken", "bijdragen", "feed.xml", "404.html"} <= written
    assert written <= known, sorted(written - known)


# --- Issue 20.4: a list cannot take an address of the site --------------------------------

def thema(name: str, path: str, term_id: str = "klimaat") -> str:
    return (f"\n{name}:\n  label: Thema\n  plural: Thema's\n  path: {path}\n  required: false\n"
            f"  terms:\n    - id: {term_id}\n      label: Klimaat\n      beschrijving: Praktijken rond klimaat.\n")


REPLACES = "de pagina's van deze lijst zouden die van de site vervangen"
# (path in vocabulaire.yml, the message after 'thema_<n>.path: ')
PATHS = [
    ("praktijken", f"'praktijken' valt samen met /praktijken/ (de pagina's van de praktijken): {REPLACES}"),
    ("cahiers", f"'cahiers' valt samen met /cahiers/ (de pagina's van de cahiers): {REPLACES}"),
    ("p", f"'p' valt samen met /p/ (de korte links van de praktijken op de QR-codes): {REPLACES}"),
    ("l", f"'l' valt samen met /l/ (de korte links naar de links van de cahiers op de QR-codes): {REPLACES}"),
    ("h", f"'h' valt samen met /h/ (de korte links van de werkbladen op de QR-codes): {REPLACES}"),
    ("qr", f"'qr' valt samen met /qr/ (de QR-codes van de QR-bladen): {REPLACES}"),
    ("zoeken", f"'zoeken' valt samen met /zoeken/ (de zoekpagina): {REPLACES}"),
    ("pagefind", f"'pagefind' valt samen met /pagefind/ (de zoekindex): {REPLACES}"),
    ("assets", f"'assets' valt samen met /assets/ (de scripts en stijlen van de site): {REPLACES}"),
    ("bijdragen", f"'bijdragen' valt samen met /bijdragen/ (het formulier om een praktijk voor te stellen): {REPLACES}"),
    ("pr-preview", f"'pr-preview' valt samen met /pr-preview/ (de voorbeelden van de pull requests): {REPLACES}"),
    ("redactiegids", f"'redactiegids' valt samen met /redactiegids/ (de pagina docs/redactiegids.md): {REPLACES}"),
    ("Praktijken", f"'Praktijken' valt samen met /praktijken/ (de pagina's van de praktijken): {REPLACES}"),
    ("praktijken/", f"'praktijken/' valt samen met /praktijken/ (de pagina's van de praktijken): {REPLACES}"),
    ("/P/", f"'/P/' valt samen met /p/ (de korte links van de praktijken op de QR-codes): {REPLACES}"),
    ("praktijken/x", f"'praktijken/x' ligt in /praktijken/ (de pagina's van de praktijken): {REPLACES}"),
    ("niveaus", "'niveaus' is al het webadres van de lijst level (/niveaus/)"),
    ("Sectoren/", "'Sectoren/' is al het webadres van de lijst sector (/sectoren/)"),
]


def test_make_check_refuses_a_list_path_the_site_already_writes(tmp_path):
    project = copy_project(tmp_path / "project", with_content=False)
    vocabulary = project / "vocabulaire.yml"
    text = vocabulary.read_text(encoding="utf-8")
    start = len(text.splitlines())
    blocks = [thema(f"thema_{n}", path) for n, (path, _) in enumerate(PATHS)]
    vocabulary.write_text(text + "".join(blocks), encoding="utf-8")
    result = run_check(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    for n, (path, message) in enumerate(PATHS):
        line = start + n * 10 + 5  # each block: a blank line, its name, label, plural, then path
        assert f"vocabulaire.yml:{line}: thema_{n}.path: {message}; kies een " in output \
            or f"vocabulaire.yml:{line}: thema_{n}.path: {message}; geef elke lijst een eigen path" in output, \
            (path, output)
    assert output.count(".path: ") == len(PATHS), output  # one message per list, none for the real ones


def test_make_check_refuses_a_term_id_the_site_uses_in_a_list_folder(tmp_path):
    project = copy_project(tmp_path / "project", with_content=False)
    vocabulary = project / "vocabulaire.yml"
    text = vocabulary.read_text(encoding="utf-8")
    start = len(text.splitlines())
    vocabulary.write_text(text + thema("thema", "themas", "index") + thema("onderwerp", "onderwerpen", "qr"),
                          encoding="utf-8")
    result = run_check(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    assert (f"vocabulaire.yml:{start + 8}: thema.id: de id 'index' is voorbehouden: de site gebruikt die naam al "
            "voor het overzicht van de lijst (/themas/); kies een andere id") in output, output
    assert (f"vocabulaire.yml:{start + 18}: onderwerp.id: de id 'qr' is voorbehouden: de site gebruikt die naam al "
            "voor het QR-blad van een term (/onderwerpen/<id>/qr/); kies een andere id") in output, output


def test_a_list_may_keep_its_intro_texts_in_docs(tmp_path):
    """docs/<path>/ holds the lists' own intro texts (docs/strategieen/): not a collision."""
    project = copy_project(tmp_path / "project", with_content=False)
    (project / "docs" / "themas").mkdir()
    (project / "docs" / "themas" / "klimaat.md").write_text("# Klimaat\n\nOver klimaat.\n", encoding="utf-8")
    with (project / "vocabulaire.yml").open("a", encoding="utf-8") as stream:
        stream.write(thema("thema", "themas"))
    result = run_check(project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_build_stops_instead_of_replacing_the_practices_overview(tmp_path):
    """Before the check this built without a word: two pages had the address /praktijken/ and
    one was dropped (the list's own overview was simply missing; a term named like a practice
    loses its page the same way)."""
    project = copy_project(tmp_path / "project", with_content=False)
    (project / "praktijken" / "een-praktijk.md").write_text(practice_text(title="Een praktijk"), encoding="utf-8")
    vocabulary = project / "vocabulaire.yml"
    start = len(vocabulary.read_text(encoding="utf-8").splitlines())
    with vocabulary.open("a", encoding="utf-8") as stream:
        stream.write(thema("thema", "praktijken"))
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert re.search(rf"vocabulaire\.yml:{start + 5}: thema\.path: 'praktijken' valt samen met /praktijken/ "
                     rf"\(de pagina's van de praktijken\): {REPLACES}", output), output
    assert not (tmp_path / "site" / "praktijken" / "index.html").exists()
