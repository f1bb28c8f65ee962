"""Readers in headless Chromium: browse by strategy, follow a practice, find the way back."""

from __future__ import annotations

import re

from helpers import phone_page
from playwright.sync_api import expect


def test_strategy_to_practice_and_back(page, site_url):
    page.goto(site_url + "strategieen/agenderen/")
    expect(page.locator("h1")).to_contain_text("Agenderen")
    first = page.locator("article .sam-list a").first
    title = first.inner_text()
    first.click()
    expect(page).to_have_url(re.compile(r"/praktijken/[a-z0-9-]+/$"))
    expect(page.locator("h1")).to_contain_text(title)
    card = page.locator("article .sam-facts")
    expect(card).to_contain_text("Strategie")
    card.get_by_role("link", name="Agenderen", exact=True).click()
    expect(page).to_have_url(site_url + "strategieen/agenderen/")


def test_practice_card_leads_to_sector_and_level_pages(page, site_url):
    page.goto(site_url + "praktijken/gentse-wooncoalitie/")
    page.locator("article .sam-facts").get_by_role("link", name="Wonen", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Wonen")
    expect(page.locator("article .sam-list")).to_contain_text("Gentse Wooncoalitie")


def test_phone_reader_sees_the_card_without_horizontal_scroll(browser, site_url):
    with phone_page(browser) as phone:
        phone.goto(site_url + "praktijken/swan-sociaal-werk-actie-netwerk/")
        expect(phone.locator("article .sam-facts")).to_be_visible()
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0


def test_phone_reader_searches_without_the_page_growing_sideways(browser, site_url):
    """The open search covers the phone screen; its results wrap within it."""
    with phone_page(browser) as phone:
        phone.goto(site_url + "praktijken/swan-sociaal-werk-actie-netwerk/")
        phone.locator(".sam-search-button").click()
        phone.locator("input.md-search__input").press_sequentially("coalitie")
        first = phone.locator("#sam-search-list .md-search-result__item").first
        expect(first).to_be_visible(timeout=15000)
        phone.wait_for_timeout(500)  # Material's opening animation
        assert phone.evaluate("document.documentElement.scrollWidth") == 360
        box = first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360


def test_home_page_shows_one_tile_per_strategy_with_its_own_title_text_and_count(page, site_url):
    from helpers import ROOT
    from samsite.reading.loader import load_site

    content = load_site(ROOT)
    strategies = content.vocabulary["strategy"]
    page.goto(site_url)
    tiles = page.locator("article .sam-tiles li")
    expect(tiles).to_have_count(len(strategies.terms))
    for tile, term in zip(tiles.all(), strategies.terms):
        count = len(content.practices_with("strategy", term.id))
        expect(tile.get_by_role("link")).to_have_count(1)
        expect(tile.get_by_role("link")).to_have_text(term.label)
        paragraphs = [text.strip() for text in tile.locator("p").all_inner_texts()]
        assert paragraphs == [term.label, term.description, f"{count} praktijken"], paragraphs
    # Side by side or stacked, the tiles do not overlap.
    boxes = [tile.bounding_box() for tile in tiles.all()]
    for first, second in zip(boxes, boxes[1:]):
        assert first["y"] + first["height"] <= second["y"] or first["x"] + first["width"] <= second["x"]


def test_header_search_has_a_labelled_submit_button_that_works_without_enter(page, site_url):
    page.goto(site_url + "praktijken/")
    form = page.locator("form.md-search__form")
    button = form.get_by_role("button", name="Zoeken", exact=True)
    expect(button).to_have_attribute("type", "submit")
    form.locator("input[name=q]").fill("wonen")
    button.click()
    expect(page).to_have_url(site_url + "zoeken/?q=wonen")
    expect(page.get_by_label("Zoekterm")).to_have_value("wonen")


def test_phone_reader_can_tap_the_header_search_submit_button(browser, site_url):
    with phone_page(browser, has_touch=True) as phone:
        phone.goto(site_url + "praktijken/gentse-wooncoalitie/")
        phone.locator(".sam-search-button").tap()
        phone.locator("input.md-search__input").fill("armoede")
        button = phone.locator("form.md-search__form").get_by_role("button", name="Zoeken", exact=True)
        expect(button).to_be_visible()
        phone.wait_for_timeout(500)  # Material's opening animation
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        button.tap()
        expect(phone).to_have_url(site_url + "zoeken/?q=armoede")
