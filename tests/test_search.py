"""Search with Pagefind: what the index holds, the /zoeken/ page with facets, the header field.

Browser tests run in headless Chromium against the session's real build (which runs
Pagefind in the MkDocs adapter's on_post_build).
"""

from __future__ import annotations

import gzip
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from content_factory import ContentTree
from helpers import ROOT
from playwright.sync_api import expect
from samsite.pages.fragments import TOP
from samsite.pages.generate import generate_pages
from samsite.reading.loader import load_site
from samsite.text.slugs import sort_key


@pytest.fixture(scope="module")
def content():
    return load_site(ROOT)


def fragments(site_dir) -> list[dict]:
    """Every page record of the Pagefind index (gzip, then a 12-byte signature, then JSON)."""
    records = []
    for path in sorted((site_dir / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd")
        records.append(json.loads(raw[12:]))
    return records


# --- the generated Markdown, without MkDocs -------------------------------------------------

@pytest.fixture
def small_site(tmp_path):
    tree = ContentTree(tmp_path)
    tree.practice("wonen-a", title="Wonen & <A>", strategy="[agenderen]", sector="[wonen, armoede]")
    tree.practice("jeugd", title="Jeugd", strategy="[verandering-eisen]", sector="[jeugdhulp]", level="[vlaams]")
    return load_site(tmp_path)


def test_search_page_has_a_fieldset_per_taxonomy_and_a_checkbox_per_term(small_site):
    page = next(p for p in generate_pages(small_site) if p.src_uri == "zoeken.md").markdown
    assert "search:\n  exclude: true" in page
    for taxonomy in small_site.vocabulary.taxonomies:
        assert f'data-facet="{taxonomy.key}"><legend>{taxonomy.label}</legend>' in page
        for term in taxonomy.terms:
            assert f'name="{taxonomy.key}" value="{term.id}"' in page
            assert f'<label for="f-{taxonomy.key}-{term.id}">' in page
    assert '<span class="sam-count" data-count>(1)</span>' in page
    assert 'method="get"' in page and 'name="q"' in page


def test_practice_page_carries_its_terms_as_filters_and_escaped_metadata(small_site):
    page = next(p for p in generate_pages(small_site) if p.src_uri == "praktijken/wonen-a.md")
    assert "<" not in page.markdown  # the story alone: title, facts and search data come after Markdown
    block = re.search(r'<div hidden data-pagefind-ignore="index">.*</div>', page.fragments[TOP]).group(0)
    assert '<span data-pagefind-filter="strategy">agenderen</span>' in block
    assert '<span data-pagefind-filter="sector">wonen</span><span data-pagefind-filter="sector">armoede</span>' in block
    assert '<span data-pagefind-filter="level">lokaal</span>' in block
    assert '<span data-pagefind-meta="soort">Praktijk</span>' in block
    assert "<A>" not in block


def test_listings_are_kept_out_of_the_index(small_site):
    pages = {p.src_uri: p.markdown for p in generate_pages(small_site)}
    for uri in ("praktijken/index.md", "cahiers/index.md", "strategieen/index.md", "zoeken.md"):
        assert "search:\n  exclude: true" in pages[uri], uri
    # A term page is indexed for its own text, but not for the practices it lists.
    term = next(p for p in generate_pages(small_site) if p.src_uri == "strategieen/agenderen.md")
    assert term.fragments["praktijken"].startswith('<div class="sam-list" data-pagefind-ignore="all">')


# --- the index of the real build ----------------------------------------------------------

def test_index_holds_every_practice_with_its_filters_and_no_listing(built_site, content):
    records = {record["url"]: record for record in fragments(built_site)}
    for practice in content.practices:
        record = records[f"/praktijken/{practice.slug}/"]
        assert record["meta"]["title"] == practice.title
        for key in ("strategy", "sector", "level"):
            assert sorted(record["filters"][key]) == sorted(practice.terms(key)), (practice.slug, key)
    for listing in ("/praktijken/", "/cahiers/", "/strategieen/", "/sectoren/", "/niveaus/", "/zoeken/"):
        assert listing not in records
    assert "/cahiers/samen-het-verschil-maken/" in records
    assert not any("¶" in record["meta"]["title"] for record in records.values())
    # Only practices have filters: any active filter narrows the results to practices.
    with_filters = {url for url, record in records.items() if record["filters"]}
    assert with_filters == {f"/praktijken/{p.slug}/" for p in content.practices}


def test_material_search_index_is_gone(built_site):
    assert not (built_site / "search" / "search_index.json").exists()
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'name="search"' not in html and 'data-md-component="search"' not in html


# --- in the browser -----------------------------------------------------------------------

def results_of(page) -> list[str]:
    """Titles listed on /zoeken/, after loading every page of results."""
    status = page.locator("#sam-status")
    expect(status).not_to_have_text(re.compile("Zoeken…|Typ een zoekterm"), timeout=15000)
    more = page.locator("#sam-meer")
    while more.is_visible():
        count = page.locator("#sam-resultaten > li").count()
        more.click()
        expect(page.locator("#sam-resultaten > li")).not_to_have_count(count)
    return page.locator("#sam-resultaten > li > a").all_inner_texts()


def wait_for_results(page, expected: int) -> None:
    noun = "resultaat" if expected == 1 else "resultaten"
    expect(page.locator("#sam-status")).to_have_text(re.compile(rf"^{expected} {noun}"), timeout=15000)


def test_search_for_wooncoalitie_finds_the_practice(page, site_url):
    page.goto(site_url + "zoeken/")
    page.get_by_label("Zoekterm").fill("wooncoalitie")
    titles = results_of(page)
    assert titles[0] == "Gentse Wooncoalitie"
    assert parse_qs(urlsplit(page.url).query) == {"q": ["wooncoalitie"]}


def test_header_field_finds_a_plural_through_its_dutch_stem(page, site_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "praktijken/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "/pagefind/" in url], "search loaded before it was used"
    field = page.locator("input.md-search__input")
    field.click()
    # One letter is not searched: its index chunks are large and its results useless.
    field.press_sequentially("c")
    expect(page.locator("#sam-search-meta")).to_have_text("Typ minstens twee letters")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "/pagefind/index/" in url], "one letter loaded an index chunk"
    field.press_sequentially("oalities")
    results = page.locator("#sam-search-list .md-search-result__item")
    expect(results.first).to_be_visible(timeout=15000)
    assert results.count() <= 6  # five results and the link to all results
    # Found through the stem: the singular 'coalitie' is highlighted as a match.
    marks = [mark.lower() for mark in page.locator("#sam-search-list mark").all_inner_texts()]
    assert any(re.fullmatch(r"coalitie\W*", mark) for mark in marks), marks
    # The link to the search page names the filters, from the vocabulary (data-sam-search).
    expect(page.locator("#sam-search-list .sam-search-all")).to_have_text(
        re.compile(r", met filters op strategie, sector en niveau$"))
    # Arrow down from the field reaches the first result; Enter follows it.
    field.press("ArrowDown")
    first = page.locator("#sam-search-list a").first
    expect(first).to_be_focused()
    href = first.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url.rstrip("/") + href)


def test_filter_on_strategy_lists_exactly_its_practices_then_narrows_by_sector(page, site_url, content):
    page.goto(site_url + "zoeken/")
    # Keyboard only: Tab to the checkbox, Space to check it.
    agenderen = page.get_by_role("checkbox", name=re.compile("^Agenderen"))
    agenderen.focus()
    page.keyboard.press("Space")
    expect(agenderen).to_be_checked()
    expected = sorted((p.title for p in content.practices if "agenderen" in p.terms("strategy")), key=sort_key)
    wait_for_results(page, len(expected))
    assert results_of(page) == expected  # no search term: A to Z, like the strategy page
    assert parse_qs(urlsplit(page.url).query) == {"strategy": ["agenderen"]}

    wonen = page.get_by_role("checkbox", name=re.compile("^Wonen"))
    both = sorted(p.title for p in content.practices if "agenderen" in p.terms("strategy") and "wonen" in p.terms("sector"))
    assert 0 < len(both) < len(expected)
    # The count next to 'Wonen' announced what checking it would give.
    expect(page.locator('label[for="f-sector-wonen"] [data-count]')).to_have_text(f"({len(both)})")
    wonen.focus()
    page.keyboard.press("Space")
    wait_for_results(page, len(both))
    assert results_of(page) == sorted(both, key=sort_key)
    assert parse_qs(urlsplit(page.url).query) == {"strategy": ["agenderen"], "sector": ["wonen"]}

    # The URL is the state: a shared link opens the same filtered view.
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    expect(page.get_by_role("checkbox", name=re.compile("^Agenderen"))).to_be_checked()
    expect(page.get_by_role("checkbox", name=re.compile("^Wonen"))).to_be_checked()
    assert sorted(results_of(page)) == both


def test_terms_within_a_facet_combine_as_any_of(page, site_url, content):
    page.goto(site_url + "zoeken/?strategy=verandering-eisen&strategy=verandering-realiseren&level=lokaal")
    wanted = {"verandering-eisen", "verandering-realiseren"}
    expected = sorted(p.title for p in content.practices if wanted & set(p.terms("strategy")) and "lokaal" in p.terms("level"))
    assert expected
    assert sorted(results_of(page)) == expected
    expect(page.locator(".sam-filters summary")).to_have_text("Filters (3 actief)")


def test_query_and_filter_combine_and_reset_clears_the_filters(page, site_url, content):
    page.goto(site_url + "zoeken/?q=coalitie&sector=wonen")
    expect(page.get_by_label("Zoekterm")).to_have_value("coalitie")
    titles = results_of(page)
    assert "Gentse Wooncoalitie" in titles
    wonen = {p.title for p in content.practices if "wonen" in p.terms("sector")}
    assert set(titles) <= wonen
    page.get_by_role("link", name="Alle filters wissen").click()
    expect(page.get_by_role("checkbox", name=re.compile("^Wonen"))).not_to_be_checked()
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=coalitie$"))


FACT_LABELS = "Organisatie|Regio|Strategie|Sector|Niveau|Jaar|Cahier|Reeks|Status|PDF|Links"
# A label of the facts card run into its value or into the value before it: 'OrganisatieGBO
# DemerlandRegioDemerland'. The card is kept out of the index; its facts are in the meta line.
GLUED = re.compile(rf"(?:{FACT_LABELS})[A-Z0-9]|[a-z)](?:{FACT_LABELS})(?![a-z])")


RESULT_QUERIES = ["demerland", "wonen", "coalitie", "armoede", "limburg", "regio", "strategie", "beleid"]


def test_result_excerpts_read_as_text_with_the_facts_in_the_meta_line(page, site_url, content):
    organisations = {p.title: p.organisation for p in content.practices}
    practices = 0  # results whose meta line was checked: the check must have run
    for query in RESULT_QUERIES:
        page.goto(site_url + "zoeken/?q=" + query)
        results_of(page)
        items = page.locator("#sam-resultaten > li")
        assert items.count() > 0, query
        for index in range(items.count()):
            item = items.nth(index)
            title = item.locator("> a").inner_text()
            text = item.inner_text()
            excerpt = text.split("\n", 1)[-1]
            assert not GLUED.search(excerpt), f"{query}: {title}: {excerpt}"
            assert not [word for word in excerpt.split() if len(word) > 40], excerpt
            if title in organisations:  # a practice: its facts are in the meta line instead
                meta = item.locator(".sam-meta").inner_text()
                assert meta.startswith("Praktijk · " + organisations[title]), meta
                practices += 1
    assert practices >= len(RESULT_QUERIES)


def test_text_typed_before_the_script_runs_is_kept_and_searched(page, site_url):
    """On a slow phone a reader types before facets.js arrives: the text stays and is searched."""
    held = []
    page.route("**/assets/search/facets.js", lambda route: held.append(route))  # answered after the typing
    page.goto(site_url + "zoeken/", wait_until="domcontentloaded")
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "facets.js was never requested"
    page.get_by_label("Zoekterm").fill("wooncoalitie")
    expect(page.locator("#sam-status")).to_have_text("Typ een zoekterm of kies een filter.")
    held[0].continue_()
    assert results_of(page)[0] == "Gentse Wooncoalitie"
    expect(page.get_by_label("Zoekterm")).to_have_value("wooncoalitie")
