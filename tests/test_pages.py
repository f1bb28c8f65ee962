"""Page generators: pure functions from the content model to Markdown, without MkDocs."""

from __future__ import annotations

import re

import pytest
from content_factory import ContentTree
from samsite.model.schema import SHEET_TAXONOMY
from samsite.pages.fragments import fill
from samsite.pages.generate import generate_pages
from samsite.pages.related import related_practices
from samsite.reading.loader import load_site
from samsite.text.markdown_source import shift_headings


@pytest.fixture
def site(tmp_path):
    tree = ContentTree(tmp_path)
    tree.cahier("reeks-een", chapters={"02-tweede.md": "# Tweede\n\n## Deel\n\nB.\n",
                                       "01-eerste.md": "# Eerste\n\nA.\n"})
    tree.practice("wonen-a", title="Wonen A", strategy="[agenderen]", sector="[wonen]",
                  extra="cahier: reeks-een\n")
    tree.practice("wonen-b", title="Wonen B", strategy="[agenderen, collectiviseren]", sector="[wonen, armoede]")
    tree.practice("jeugd", title="Jeugd", strategy="[verandering-eisen]", sector="[jeugdhulp]", level="[vlaams]")
    return load_site(tmp_path)


def pages_by_uri(site):
    return {page.src_uri: page for page in generate_pages(site)}


def text_of(page) -> str:
    """The page as a reader gets it: Markdown with its HTML fragments (listings, facts) filled in."""
    return fill(page.markdown, page.fragments, lambda uri: "/" + uri, lambda uri: None)


def test_practice_page_links_to_each_term_and_cahier(site):
    page = text_of(pages_by_uri(site)["praktijken/wonen-a.md"])
    assert '/strategieen/agenderen.md' in page
    assert '/sectoren/wonen.md' in page
    assert '/niveaus/lokaal.md' in page
    assert '/cahiers/reeks-een/index.md' in page
    assert pages_by_uri(site)["praktijken/wonen-a.md"].source == "praktijken/wonen-a.md"


def test_unknown_region_and_year_show_nothing_rather_than_a_guess(tmp_path):
    tree = ContentTree(tmp_path)
    tree.cahier("zonder-jaar", title="Zonder jaar", number=4, year=None)
    tree.cahier("met-jaar", title="Met jaar", number=5, year=2023)
    tree.practice("ergens", title="Ergens", extra="cahier: zonder-jaar\n")
    source = tree.root / "praktijken/ergens.md"
    source.write_text(source.read_text(encoding="utf-8").replace("region: Gent\n", ""), encoding="utf-8")
    site = load_site(tmp_path)
    assert site.practices[0].region is None and site.practices[0].year is None
    assert site.cahier("zonder-jaar").year is None
    pages = pages_by_uri(site)
    practice = text_of(pages["praktijken/ergens.md"])
    assert "<dt>Organisatie</dt>" in practice
    assert "<dt>Regio</dt>" not in practice and "<dt>Jaar</dt>" not in practice and "None" not in practice
    cahier = text_of(pages["cahiers/zonder-jaar/index.md"])
    assert "<dd>Cahier 4</dd>" in cahier and "None" not in cahier
    assert "<dd>Cahier 5 · 2023</dd>" in text_of(pages["cahiers/met-jaar/index.md"])
    listing = text_of(pages["cahiers/index.md"])
    assert '"sam-meta">Cahier 4 · in voorbereiding<' in listing and "None" not in listing
    assert '"sam-meta">Cahier 5 · 2023 · in voorbereiding<' in listing


def test_term_page_lists_exactly_the_practices_that_name_it(site):
    pages = pages_by_uri(site)
    agenderen = text_of(pages["strategieen/agenderen.md"])
    assert '/praktijken/wonen-a.md' in agenderen and '/praktijken/wonen-b.md' in agenderen
    assert '/praktijken/jeugd.md' not in agenderen
    assert "## Praktijken (2)" in agenderen
    assert '/cahiers/reeks-een/index.md' in agenderen  # the cahier treats agenderen
    vlaams = text_of(pages["niveaus/vlaams.md"])
    assert '/praktijken/jeugd.md' in vlaams and "wonen-a" not in vlaams


def test_every_term_and_index_gets_a_page(site):
    uris = set(pages_by_uri(site))
    for taxonomy in site.vocabulary.taxonomies:
        assert f"{taxonomy.path}/index.md" in uris
        assert {f"{taxonomy.path}/{term.id}.md" for term in taxonomy.terms} <= uris
    assert {"praktijken/index.md", "cahiers/index.md", "cahiers/reeks-een/index.md"} <= uris


def test_cahier_page_has_chapters_in_file_name_order_then_its_practices(site):
    page = text_of(pages_by_uri(site)["cahiers/reeks-een/index.md"])
    assert page.index("## Eerste") < page.index("## Tweede") < page.index("## Praktijken uit dit cahier (1)")
    assert "### Deel" in page  # chapter headings move one level down
    assert '/praktijken/wonen-a.md' in page and "wonen-b" not in page


def test_related_practices_share_strategy_and_sector(site):
    related = related_practices(site.practices, site.vocabulary.keys())
    assert [p.slug for p in related["wonen-a"]] == ["wonen-b"]
    assert related["jeugd"] == []


def test_related_practices_are_capped_and_ranked(tmp_path):
    tree = ContentTree(tmp_path)
    tree.practice("doel", title="Doel", strategy="[agenderen, collectiviseren]", sector="[wonen, armoede]")
    tree.practice("beste", title="Zeer verwant", strategy="[agenderen, collectiviseren]", sector="[wonen, armoede]")
    for n in range(7):
        tree.practice(f"p{n}", title=f"Verwant {n}", strategy="[agenderen]", sector="[wonen]")
    site = load_site(tmp_path)
    related = related_practices(site.practices, site.vocabulary.keys())["doel"]
    assert len(related) == 5
    assert related[0].slug == "beste"


def test_front_matter_values_are_escaped_not_interpreted(tmp_path):
    tree = ContentTree(tmp_path)
    tree.practice("xss", title="'<script>alert(1)</script> [klik](javascript:alert(1))'")
    generated = pages_by_uri(load_site(tmp_path))["praktijken/xss.md"]
    meta = generated.markdown.split("---\n", 2)[1]
    page = text_of(generated)
    assert "<script>" not in page  # neither in the metadata (themes print it raw) nor the page
    assert "&lt;script&gt;" in meta
    # The title is HTML made after Markdown: escaped, and its brackets form no link.
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; [klik](javascript:alert(1))</h1>" in page
    assert "href=\"javascript:" not in page


def test_shift_headings_leaves_code_blocks_alone():
    source = "# Titel\n\n```\n# geen kop\n```\n\n## Sub\n"
    assert shift_headings(source) == "## Titel\n\n```\n# geen kop\n```\n\n### Sub\n"


def test_the_list_of_site_pages_is_what_the_generators_make():
    """urls.site_pages (what a link may reach, from file names) and the generators agree."""
    from helpers import ROOT
    from samsite import urls
    from samsite.build import pipeline

    pages, _ = pipeline.outputs(ROOT, "http://127.0.0.1:8000/")
    site = pipeline.load(ROOT)
    listed = urls.site_pages(site.vocabulary.taxonomies, SHEET_TAXONOMY, [p.slug for p in site.practices], [c.slug for c in site.cahiers])
    generated = {page.src_uri for page in pages}
    assert len(generated) > 50
    assert generated == listed  # /bijdragen/ too: the adapter adds no page of its own


def test_a_pages_directory_address_and_the_way_back_to_the_root():
    """urls.directory is the one place that knows how a source file becomes an address."""
    from samsite import urls
    assert urls.directory(urls.practice("x")) == "praktijken/x/"
    assert urls.directory(urls.cahier("x")) == "cahiers/x/"
    assert urls.directory(urls.cahier_links("x")) == "cahiers/x/links/"
    assert urls.directory("index.md") == ""
    assert urls.up(urls.directory(urls.PRACTICES_MAP)) + urls.directory(urls.SEARCH_PAGE) == "../../zoeken/"
    assert urls.up("l/1/") == "../../" and urls.up("") == ""


def test_the_home_page_names_the_cahiers_that_are_online(built_site, tmp_path):
    """The home page says which cahiers are on the site, from the content, never typed by hand:
    one cahier by its title, several by their number and titles (escaped: a title is content)."""
    from content_factory import cahier_text
    from helpers import copy_project, run_build

    def home(site_dir):
        return re.sub(r"\s+", " ", (site_dir / "index.html").read_text(encoding="utf-8"))

    assert "het <strong>cahier 'Samen het verschil maken'</strong>" in home(built_site)
    project = copy_project(tmp_path / "project")
    folder = project / "cahiers" / "tweede-reeks"
    folder.mkdir()
    (folder / "index.md").write_text(cahier_text(title="Verandering *van* onderuit", number=2), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert ("de <strong>2 cahiers</strong> 'Samen het verschil maken' en "
            "'Verandering *van* onderuit'") in home(tmp_path / "site")
