"""A taxonomy is data: one block in vocabulaire.yml, and no code change, gives it everywhere.

A temporary copy of the project gets a fourth taxonomy (``thema``, path ``themas``,
``required: false``) and three practices that use it; a real strict build must then show it
in the check, term pages and their index, the practice card, related practices, the search
facet with counts, the map, the feed, the scaffold, the form on /bijdragen/ and the guide.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from content_factory import practice_text
from helpers import copy_project, html_text, run_build, samsite
from test_check import run_check

THEMA = """
thema:
  label: Thema
  plural: Thema's
  path: themas
  required: false
  terms:
    - id: klimaat
      label: Klimaat
      beschrijving: Praktijken rond klimaat en energie.
    - id: digitale-kloof
      label: Digitale kloof
      beschrijving: Praktijken rond digitale uitsluiting.
"""
# One strategy x sector combination no other practice has: the related list is these practices only.
COMBO = dict(strategy="[verandering-realiseren]", sector="[jeugdwerk]", level="[federaal]")
PRACTICES = {
    "thema-doel": practice_text(title="Thema doel", extra="thema: [klimaat]\n", **COMBO),
    # Same strategy, sector and level; only the theme tells them apart. By title 'Aa' comes
    # first, so 'Zz' ranks higher only because it shares the theme.
    "aa-zonder-thema": practice_text(title="Aa zonder thema", **COMBO),
    "zz-met-thema": practice_text(title="Zz met thema", extra="thema: [klimaat, digitale-kloof]\n", **COMBO),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("thema") / "project")
    with (project / "vocabulaire.yml").open("a", encoding="utf-8") as stream:
        stream.write(THEMA)
    for slug, text in PRACTICES.items():
        (project / "praktijken" / f"{slug}.md").write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(project, tmp_path_factory):
    guide = samsite("gids", ".", cwd=project, hooks=project / "hooks")  # `make gids`: the guide's tables, as an editor runs it
    assert guide.returncode == 0, guide.stdout + guide.stderr
    site = tmp_path_factory.mktemp("thema-site") / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def read(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_check_knows_the_new_taxonomy_with_did_you_mean(tmp_path):
    project = copy_project(tmp_path / "project")
    with (project / "vocabulaire.yml").open("a", encoding="utf-8") as stream:
        stream.write(THEMA)
    bad = project / "praktijken" / "tikfout.md"
    bad.write_text(practice_text(title="Tikfout", extra="thema: [klimat]\n"), encoding="utf-8")
    result = run_check(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert re.search(r"praktijken/tikfout\.md:9: thema: onbekende thema 'klimat'.*bedoelde je 'klimaat'\?", output), output
    # required: false: a practice without a theme is fine
    bad.write_text(practice_text(title="Tikfout"), encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_term_pages_and_index(site):
    page = html_text(read(site, "themas/klimaat/index.html"))
    assert "Klimaat" in page and "Thema doel" in page and "Zz met thema" in page
    assert "Aa zonder thema" not in page
    index = read(site, "themas/index.html")
    assert 'href="klimaat/"' in index and 'href="digitale-kloof/"' in index


@pytest.mark.slow
def test_practice_card_row_and_related_practices(site):
    page = read(site, "praktijken/thema-doel/index.html")
    assert re.search(r"<dt>Thema</dt>\s*<dd><a href=\"../../themas/klimaat/\">Klimaat</a></dd>", page), page
    related = page[page.index("Verwante praktijken"):]
    assert related.index("Zz met thema") < related.index("Aa zonder thema")
    assert "<dt>Thema</dt>" not in read(site, "praktijken/aa-zonder-thema/index.html")


@pytest.mark.slow
def test_search_facet_with_counts_and_derived_sentences(site):
    page = read(site, "zoeken/index.html")
    facet = re.search(r'<fieldset class="sam-facet" data-facet="thema">.*?</fieldset>', page, re.S).group(0)
    assert "<legend>Thema</legend>" in facet
    assert re.search(r'name="thema" value="klimaat">.*?\(2\)', facet, re.S)
    assert re.search(r'name="thema" value="digitale-kloof">.*?\(1\)', facet, re.S)
    assert "op strategie, sector, niveau en thema." in page
    assert "alle vier kloppen" in page and "alle drie" not in page
    assert 'data-sam-search="strategie, sector, niveau en thema"' in page  # the header search's link text
    practice = read(site, "praktijken/zz-met-thema/index.html")
    assert '<span data-pagefind-filter="thema">klimaat</span>' in practice
    overview = html_text(read(site, "praktijken/index.html"))
    assert "Kies een strategie, sector, niveau of thema" in overview and "Per thema" in overview


@pytest.mark.slow
def test_map_has_a_table_for_the_theme(site):
    page = read(site, "praktijken/overzicht/index.html")
    table = re.search(r'<caption id="overzicht-thema">.*?</table>', page, re.S).group(0)
    assert "per thema" in table and "thema=klimaat" in table


@pytest.mark.slow
def test_feed_categories(site):
    channel = ET.fromstring(read(site, "feed.xml")).find("channel")
    item = next(i for i in channel.findall("item") if i.findtext("title") == "Zz met thema")
    categories = [c.text for c in item.findall("category")]
    assert "Klimaat" in categories and "Digitale kloof" in categories


@pytest.mark.slow
def test_scaffold_form_and_guide(project, site):
    scaffold = samsite("praktijk", "Nieuwe thema praktijk", ".", cwd=project, hooks=project / "hooks")
    assert scaffold.returncode == 0, scaffold.stdout + scaffold.stderr
    written = (project / "praktijken" / "nieuwe-thema-praktijk.md").read_text(encoding="utf-8")
    assert "# thema (niet verplicht" in written and re.search(r"^thema: \[\]$", written, re.M)
    form = read(site, "bijdragen/index.html")
    fieldset = re.search(r'<fieldset class="sam-veld sam-keuzes" data-field="thema".*?</fieldset>', form, re.S).group(0)
    assert "<legend>Thema <span class=\"sam-optioneel\">(niet verplicht)</span></legend>" in fieldset
    assert 'name="thema" value="klimaat"' in fieldset and "Eén of meer thema's van de praktijk." in html_text(fieldset)
    rules = re.search(r'<script type="application/json" id="sam-bijdragen-regels">(.*?)</script>', form, re.S)
    assert '"name": "thema"' in rules.group(1) or '"name":"thema"' in rules.group(1)  # the form's rules (JSON)
    guide = read(site, "redactiegids/index.html")
    assert "<code>thema</code>" in guide and "<code>digitale-kloof</code>" in guide
    assert 'id="themas"' in guide


def test_a_taxonomy_cannot_take_a_field_name_or_another_path(tmp_path):
    project = copy_project(tmp_path / "project", with_content=False)
    vocabulary = project / "vocabulaire.yml"
    start = len(vocabulary.read_text(encoding="utf-8").splitlines())
    with vocabulary.open("a", encoding="utf-8") as stream:
        stream.write(THEMA.replace("thema:", "region:", 1) + THEMA.replace("required: false", "required: nee"))
    result = run_check(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert f"vocabulaire.yml:{start + 2}: region: 'region' kan geen naam van een lijst zijn" in output, output
    assert f"vocabulaire.yml:{start + 18}: thema.path: 'themas' is al het webadres van de lijst region (/themas/)" in output
    assert f"vocabulaire.yml:{start + 15}: thema.required: verwacht true of false, niet 'nee'" in output


def test_the_cahiers_list_is_named_once_in_the_cahier_schema_and_no_taxonomy_key_elsewhere_in_code():
    """What is organised like the cahiers (QR sheet per term, rows of the map, home tiles,
    feed categories of a cahier) follows the cahier's terms field; no module names a
    taxonomy of vocabulaire.yml as a string except where that field is declared (model/content.py)
    and the one display choice left (fragments.LIST_TAXONOMY, the terms after a list item)."""
    import ast
    from pathlib import Path

    from samsite.model import schema
    from samsite.reading.content_files import Layout
    from samsite.reading.vocabulary_file import load_vocabulary

    root = Path(__file__).resolve().parent.parent
    assert schema.CAHIER_TAXONOMY == schema.CAHIER.field("strategy").taxonomy == schema.SHEET_TAXONOMY
    keys = set(load_vocabulary(root / Layout(root).vocabulary, "vocabulaire.yml").keys())
    allowed = {("samsite/model/content.py", "strategy"), ("samsite/pages/fragments.py", "level")}
    named = set()
    for path in (root / "hooks").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in keys:
                named.add((path.relative_to(root / "hooks").as_posix(), node.value))
    assert named <= allowed, sorted(named - allowed)
