"""Accessibility: axe-core on every page type finds nothing serious or critical.

axe-core comes bundled with axe-playwright-python (no CDN). Each page type is checked
on a desktop and on a phone viewport. To check a new kind of page, add it to PAGE_TYPES.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

BLOCKING = {"serious", "critical"}

PAGE_TYPES = {
    "home": "",
    "strategy": "strategieen/agenderen/",
    "sector": "sectoren/wonen/",
    "level": "niveaus/lokaal/",
    "practice": "praktijken/gentse-wooncoalitie/",
    "practices overview": "praktijken/",
    "practice map": "praktijken/overzicht/",
    "cahier": "cahiers/samen-het-verschil-maken/",
    "cahiers overview": "cahiers/",
    "links page": "cahiers/samen-het-verschil-maken/links/",
    "QR sheet (cahier)": "cahiers/samen-het-verschil-maken/qr/",
    "QR sheet (strategy)": "strategieen/agenderen/qr/",
    "worksheets": "cahiers/samen-het-verschil-maken/oefeningen/",
    "search": "zoeken/",
    "search with results": "zoeken/?q=coalitie&strategy=agenderen&sector=wonen",
    "not found": "404.html",
    "contribution form": "bijdragen/",
}

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def blocking(results) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        for v in results.response["violations"] if v["impact"] in BLOCKING
    ]


@pytest.fixture(params=list(VIEWPORTS), scope="module")
def viewport_page(request, browser):
    context = browser.new_context(viewport=VIEWPORTS[request.param], is_mobile=request.param == "phone")
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", list(PAGE_TYPES.values()), ids=list(PAGE_TYPES))
def test_no_serious_or_critical_violation(viewport_page, site_url, axe, path):
    viewport_page.goto(site_url + path)
    viewport_page.wait_for_load_state("networkidle")
    if "?" in path:
        expect(viewport_page.locator("#sam-resultaten > li").first).to_be_visible(timeout=15000)
    problems = blocking(axe.run(viewport_page))
    assert not problems, "\n".join(problems)


def test_open_header_search_with_results(viewport_page, site_url, axe):
    viewport_page.goto(site_url + "praktijken/")
    if viewport_page.viewport_size["width"] < 600:
        viewport_page.locator(".sam-search-button").click()
    field = viewport_page.locator("input.md-search__input")
    field.click()
    field.press_sequentially("coalitie")
    expect(viewport_page.locator("#sam-search-list .md-search-result__item").first).to_be_visible(timeout=15000)
    problems = blocking(axe.run(viewport_page))
    assert not problems, "\n".join(problems)


def test_facets_are_labelled_groups_reachable_with_tab(page, site_url):
    page.goto(site_url + "zoeken/")
    for legend in ("Strategie", "Sector", "Niveau"):
        group = page.get_by_role("group", name=legend)
        expect(group).to_be_visible()
        assert group.get_by_role("checkbox").count() >= 4
    page.get_by_label("Zoekterm").focus()
    page.keyboard.press("Tab")  # the submit button
    page.keyboard.press("Tab")  # the disclosure of the filters
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "f-strategy-collectiviseren"
    page.keyboard.press("Space")
    expect(page.locator("#f-strategy-collectiviseren")).to_be_checked()
    expect(page).to_have_url(f"{site_url}zoeken/?strategy=collectiviseren")
