"""Each fact of the build is declared once and then used: a second declaration fails here.

The facts: the Dutch label of a front-matter field (on its ``declare``), the order of titles
(``slugs.sort_key``), the cache folders (``cache.py``) and which files are content
(``reading/content_files.Layout``). For each, one test shows the fact at work and one reads
the source of ``hooks/`` (as tests/test_taxonomy_as_data.py does for the taxonomy keys), so
a second declaration is found where it is written.
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest
from content_factory import ContentTree, practice_text
from helpers import ROOT, png
from samsite import cache
from samsite.errors import ContentError
from samsite.model.fields import Kind, declare
from samsite.model.schema import CAHIER, SHEET_TAXONOMY, practice_collection
from samsite.numbering.practice_numbers import Numbering
from samsite.printed.qr import QrCache
from samsite.printed.qr_sheets import Cards, strategy_sheet
from samsite.printed.selection_sheet import cards_data
from samsite.reading.content_files import Layout, check_files
from samsite.reading.loader import load_site
from samsite.reading.vocabulary_file import load_vocabulary
from samsite.tools.word_import import pending

HOOKS = ROOT / "hooks"
# Where the project's Python lives: the build, and what reads it (tests, benchmarks, CI).
PYTHON = ("hooks", "tests", "benchmarks", ".ci", ".github/scripts")


def constants(path: Path) -> list[tuple[int, str]]:
    """Every string constant in a Python file but its docstrings, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def where(predicate, allowed: set[str] = frozenset()) -> list[str]:
    """'file:line: constant' for each string constant in hooks/ that ``predicate`` accepts,
    outside the ``allowed`` files (relative to hooks/)."""
    found = []
    for path in sorted(HOOKS.rglob("*.py")):
        name = path.relative_to(HOOKS).as_posix()
        if name not in allowed:
            found += [f"{name}:{line}: {value!r}" for line, value in constants(path) if predicate(value)]
    return found


def vocabulary():
    return load_vocabulary(ROOT / Layout(ROOT).vocabulary, "vocabulaire.yml")


# -- Field labels ---------------------------------------------------------------------------

def test_every_field_has_its_label_on_its_declaration():
    fields = [*practice_collection(vocabulary()).fields, *CAHIER.fields]
    assert all(field.label for field in fields if field.kind is not Kind.TERMS), fields
    taxonomies = {taxonomy.key: taxonomy.label for taxonomy in vocabulary().taxonomies}
    assert {field.name: field.label for field in practice_collection(vocabulary()).fields
            if field.kind is Kind.TERMS} == taxonomies
    assert practice_collection(vocabulary()).label("organisation") == "Organisatie"


def test_a_field_without_a_label_cannot_be_declared():
    with pytest.raises(TypeError, match="label"):
        declare(Kind.TEXT, True, "Uitleg.")
    with pytest.raises(TypeError, match="label"):
        declare(Kind.TERMS, True, "Uitleg.", taxonomy="strategy", label="Strategie")


def test_a_field_label_is_written_only_on_its_declaration():
    """The facts on a page, the form on /bijdragen/ and anything else read ``field.label``:
    no module spells a label again (a second table of labels, a row written by hand)."""
    labels = {field.label for field in (*practice_collection(vocabulary()).fields, *CAHIER.fields)
              if field.kind is not Kind.TERMS}
    assert "Organisatie" in labels and "PDF" in labels
    assert where(lambda value: value in labels, {"samsite/model/content.py"}) == []


# -- The order of titles ----------------------------------------------------------------------

# 'Élan' sorts as 'elan' (slugs.sort_key); str.casefold alone would put it after 'Zomerbar'.
TITLES = ["Zomerbar", "Élan", "Dakwerk"]
ORDER = ["Dakwerk", "Élan", "Zomerbar"]


def test_the_printed_sheets_list_titles_in_the_one_order(tmp_path):
    tree = ContentTree(tmp_path)
    for number, title in enumerate(TITLES):
        tree.write(f"praktijken/p{number}.md", practice_text(title=title, strategy="[agenderen]"))
    site = load_site(tmp_path)
    term = site.vocabulary[SHEET_TAXONOMY].get("agenderen")
    qr = QrCache(tmp_path / "qr")
    page, _ = strategy_sheet(site, term, Numbering({}, {}), "https://example.org/", qr)
    sheet = "".join(page.fragments.values()) + page.markdown
    assert sorted(TITLES, key=sheet.index) == ORDER
    cards = cards_data(site, Numbering({}, {}), "https://example.org/", Cards(qr, "zoeken/afdrukken.md"))
    assert [card["titel"] for card in cards["kaarten"]] == ORDER


def _sorts_titles_by_hand(node: ast.AST) -> bool:
    """A sort (sorted, .sort, min, max) whose key reads a ``.title`` without ``sort_key``,
    or a title folded for comparing (``title.casefold()``, ``title.lower()``)."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if name in ("casefold", "lower") and isinstance(func, ast.Attribute):
        target = func.value
        return isinstance(target, ast.Attribute) and target.attr == "title"
    if name not in ("sorted", "sort", "min", "max"):
        return False
    for keyword in node.keywords:
        if keyword.arg == "key":
            inner = list(ast.walk(keyword.value))
            reads_title = any(isinstance(n, ast.Attribute) and n.attr == "title" for n in inner)
            keyed = any(isinstance(n, ast.Name) and n.id == "sort_key" for n in inner)
            return reads_title and not keyed
    return False


def test_no_module_sorts_titles_but_through_sort_key():
    found = []
    for path in sorted(HOOKS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(HOOKS).as_posix()}:{node.lineno}" for node in ast.walk(tree)
                  if _sorts_titles_by_hand(node)]
    assert found == [], "sort titles with slugs.by_title or slugs.sort_key"


# -- Cache folders ----------------------------------------------------------------------------

def test_every_cache_folder_is_in_the_cache_root_and_the_build_writes_there():
    folders = [cache.CACHE_DIR, cache.SEARCH_DIR, cache.QR_DIR, cache.IMAGE_DIR]
    assert all(folder.is_relative_to(cache.CACHE_ROOT) for folder in folders)
    assert len(set(folders)) == len(folders)
    assert cache.folder(ROOT) == ROOT / cache.CACHE_DIR


def test_the_cache_folders_are_named_only_in_build_cache():
    """The build, the tests and the benchmarks read the folders from ``cache.py``; a
    path such as '.cache/qr' written anywhere else is a second declaration."""
    cache_path = re.compile(rf"(?:^|/){re.escape(cache.CACHE_ROOT.as_posix())}(?:/|$)")
    found = []
    for folder in PYTHON:
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name != "hooks/samsite/cache.py":
                found += [f"{name}:{line}: {value!r}" for line, value in constants(path) if cache_path.search(value)]
    assert found == []


def test_what_is_not_python_clears_and_keeps_the_same_cache_root():
    """`make clean` removes it, git ignores it and the workflows keep it between runs."""
    root = cache.CACHE_ROOT.as_posix()
    clean = re.search(r"^clean:\n\t(.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert clean and root in clean.group(1).split(), clean
    assert f"{root}/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    for workflow in ("deploy.yml", "pr.yml"):
        text = (ROOT / ".github" / "workflows" / workflow).read_text(encoding="utf-8")
        assert re.search(rf"^\s+path: {re.escape(root)}$", text, re.M), workflow


# -- The content-file inventory -----------------------------------------------------------------

def test_hidden_files_are_no_content_and_symlinks_are_reported_for_every_reader(tmp_path):
    """macOS leaves '._name' beside every file it copies to a USB stick or network share; an
    editor's tool leaves '.name.swp'. None of it is content for any reader; a symlink is
    reported once and read by none."""
    tree = ContentTree(tmp_path)
    tree.write("praktijken/echt.md", practice_text(title="Echt"))
    tree.write("praktijken/._echt.md", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    tree.write("praktijken/.echt.md.swp", b"b0VIM 9.0\x00")
    tree.write("praktijken/afbeeldingen/foto.png", png(4, 3))
    tree.write("praktijken/afbeeldingen/._foto.png", b"\x00\x05\x16\x07")
    tree.write("cahiers/.klad/index.md", "geen cahier")
    elsewhere = tree.write("../elders.md", practice_text(title="Elders"))
    os.symlink(elsewhere, tmp_path / "praktijken" / "link.md")
    layout = Layout(tmp_path)

    assert [path.name for path in layout.practice_files()] == ["echt.md"]
    assert layout.cahier_folders() == []
    assert layout.assets() == ["praktijken/afbeeldingen/foto.png"]
    for listed in (layout.content_files(), layout.input_files()):
        names = {path.name for path in listed}
        assert "echt.md" in names and not names & {"._echt.md", ".echt.md.swp", "._foto.png", "link.md", "index.md"}
    symlink = [("praktijken/link.md", "een snelkoppeling (symbolische link) is niet toegelaten")]
    assert [(issue.path, issue.message) for issue in check_files(layout)] == symlink
    with pytest.raises(ContentError) as error:  # the loader: the symlink, and nothing of the hidden files
        load_site(tmp_path)
    assert [(issue.path, issue.message) for issue in error.value.issues] == symlink


def test_a_macos_shadow_of_a_word_file_is_no_upload(tmp_path):
    ContentTree(tmp_path)
    (tmp_path / "cahiers" / "schaduw").mkdir()
    (tmp_path / "cahiers" / "schaduw" / "._verhaal.docx").write_bytes(b"\x00\x05\x16\x07")
    (tmp_path / "cahiers" / "echt").mkdir()
    (tmp_path / "cahiers" / "echt" / "verhaal.docx").write_bytes(b"PK")
    (tmp_path / "cahiers" / "echt" / "._verhaal.docx").write_bytes(b"\x00\x05\x16\x07")
    assert pending(tmp_path) == [tmp_path / "cahiers" / "echt"]
    assert Layout(tmp_path).children(tmp_path / "cahiers" / "echt") == [tmp_path / "cahiers" / "echt" / "verhaal.docx"]


# Listings of folders that are not content: the built site, Pagefind's output, the code.
NOT_CONTENT = {
    ("samsite/build/site_folders.py", "restore_pruned"),  # the build's own folders in the site
    ("samsite/cache.py", "code_key"),  # the code in hooks/
    ("samsite/tools/word_import.py", "_convert_uploads"),  # moves a converted folder whole, hidden files too
}
LISTINGS = ("iterdir", "glob", "rglob", "walk", "listdir", "scandir")


def test_only_the_inventory_lists_folders():
    """Which files are content is decided in one place (``Layout``); a reader that lists a
    folder itself has its own rule for hidden files and symlinks."""
    found = []
    for path in sorted(HOOKS.rglob("*.py")):
        name = path.relative_to(HOOKS).as_posix()
        if name != "samsite/reading/content_files.py":
            found += listings(name, path.read_text(encoding="utf-8"))
    assert sorted(set(found)) == [], "ask reading/content_files.Layout which files there are"


def listings(name: str, source: str) -> list[str]:
    """'file:line (function): .iterdir()' for each folder listing in a function of ``source``."""
    found = []
    for function in ast.walk(ast.parse(source)):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and (name, function.name) not in NOT_CONTENT:
            found += [f"{name}:{node.lineno} ({function.name}): .{node.func.attr}()" for node in ast.walk(function)
                      if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                      and node.func.attr in LISTINGS]
    return found


def test_the_scans_find_a_second_declaration(tmp_path):
    """Each scan above, on planted code: a hand-made title sort, a cache path, a label, a listing."""
    assert _sorts_titles_by_hand(ast.parse("sorted(xs, key=lambda p: p.title.casefold())").body[0].value)
    planted = tmp_path / "planted.py"
    qr_cache = (cache.CACHE_ROOT / "qr").as_posix()  # spelled here only through the declaration
    planted.write_text(f'"""A docstring: {qr_cache} is fine here."""\nQR = "{qr_cache}"\nLABEL = "Organisatie"\n')
    assert constants(planted) == [(2, qr_cache), (3, "Organisatie")]
    assert listings("samsite/x.py", "def walk(folder):\n    return sorted(folder.iterdir())\n") == [
        "samsite/x.py:2 (walk): .iterdir()"]
