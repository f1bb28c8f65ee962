"""Reflow (WCAG 1.4.10): no page is wider than a 320 px phone, whatever its content.

A real strict build of the project with one more practice full of long words, a long
title and long URLs, served and opened in headless Chromium at 320 x 640. Every page
type is checked, and /zoeken/ with a 5,000-character query too.
"""

from __future__ import annotations

import re

import pytest
from gzip_server import serve
from helpers import copy_project, phone_page, run_build
from playwright.sync_api import expect
from samsite.printed.link_pages import redirect_html

WIDTH = 320
LONG_WORD = "Armoedebestrijdingsbeleidsplanningsinstrumentenontwikkelingsprogrammacoördinatie" * 2
# Fields stay within make check's 150 characters; one word of 80 is still twice a phone's width.
FIELD_WORD = LONG_WORD[:80]
LONG_URL = "https://www.voorbeeld.be/" + "/".join(["een-heel-lang-pad-zonder-spaties"] * 8) + "?q=" + "x" * 80
STRESS = f"""---
title: {FIELD_WORD} en een titel die niet ophoudt
summary: >-
  Een samenvatting met een lang woord: {LONG_WORD}.
organisation: Organisatie{FIELD_WORD}
region: Regio{FIELD_WORD}
strategy: [agenderen]
sector: [wonen]
level: [lokaal]
cahier: [samen-het-verschil-maken]
links:
  - title: {FIELD_WORD}
    url: {LONG_URL}
---

## {LONG_WORD}

Een verhaal met een lang woord, {LONG_WORD}, en een kale link: <{LONG_URL}>.

Een [gewone link]({LONG_URL}) en een [link met verwijzing][ver].

[ver]: {LONG_URL}

| Kolom | {LONG_WORD} |
|-------|-------------|
| {LONG_URL} | tekst |
"""
STRESS_SLUG = "lange-woorden"

PAGES = [
    "", "over-politiserend-werken/", "redactiegids/", "strategieen/", "strategieen/agenderen/",
    "strategieen/agenderen/qr/", "sectoren/", "sectoren/wonen/", "niveaus/", "niveaus/lokaal/",
    "praktijken/", f"praktijken/{STRESS_SLUG}/", "praktijken/gentse-wooncoalitie/", "cahiers/",
    "cahiers/samen-het-verschil-maken/", "cahiers/samen-het-verschil-maken/links/",
    "cahiers/samen-het-verschil-maken/qr/", "404.html", "zoeken/",
]
SEARCHES = [
    "zoeken/?q=wonen", "zoeken/?q=wonen&strategy=agenderen", "zoeken/?strategy=agenderen&sector=wonen",
    "zoeken/?q=" + LONG_WORD[:40], "zoeken/?q=" + "w" * 5000, "zoeken/?q=" + "wonen " * 833,
    "zoeken/?q=" + "x" * 5000 + "&strategy=agenderen",
]


@pytest.fixture(scope="module")
def stress_url(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("reflow") / "project")
    (project / "praktijken" / f"{STRESS_SLUG}.md").write_text(STRESS, encoding="utf-8")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    url, server = serve(site)
    yield url, site
    server.shutdown()


@pytest.fixture(scope="module")
def phone(browser):
    with phone_page(browser, WIDTH, 640, has_touch=True) as page:
        yield page


def overflow(page) -> str:
    """'' if the page fits; else its width and the elements that stick out."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= WIDTH:
        return ""
    culprits = page.evaluate(f"""[...document.querySelectorAll('body *')].filter(element => {{
          for (let e = element.parentElement; e; e = e.parentElement) {{
            const style = getComputedStyle(e);
            if (style.position === 'fixed' || style.overflowX !== 'visible') return false;
          }}
          const sticksOut = (e) => e.getBoundingClientRect().right > {WIDTH} + 1;
          return sticksOut(element) && !sticksOut(element.parentElement);
        }}).slice(0, 3).map(e => e.tagName + '.' + e.getAttribute('class'))""")
    return f"{width} px wide: {culprits}"


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_a_320px_phone(phone, stress_url, path):
    url, _ = stress_url
    phone.goto(url + path)
    assert not overflow(phone), path + " " + overflow(phone)


@pytest.mark.parametrize("path", SEARCHES, ids=lambda path: path[:40])
def test_search_page_fits_a_320px_phone_whatever_the_query(phone, stress_url, path):
    url, _ = stress_url
    phone.goto(url + path)
    expect(phone.locator("#sam-status")).not_to_have_text(re.compile("Zoeken…|Typ een zoekterm"), timeout=20000)
    assert not overflow(phone), overflow(phone)


def test_long_words_are_found_and_their_result_fits(phone, stress_url):
    url, _ = stress_url
    phone.goto(url + "zoeken/?q=" + LONG_WORD[:30])
    expect(phone.locator("#sam-resultaten > li").first).to_be_visible(timeout=20000)
    assert not overflow(phone), overflow(phone)


def test_header_search_with_a_5000_character_query_fits(phone, stress_url):
    url, _ = stress_url
    phone.goto(url + "praktijken/gentse-wooncoalitie/")
    phone.locator(".sam-search-button").tap()
    phone.locator("input.md-search__input").fill("woonbeleid" * 500)
    expect(phone.locator("#sam-search-meta")).to_have_text(re.compile("resultaat|resultaten|Geen"), timeout=20000)
    phone.wait_for_timeout(500)  # Material's opening animation
    assert not overflow(phone), overflow(phone)


def test_short_link_pages_fit_before_they_redirect(phone, stress_url):
    """The /l/ pages redirect at once; without the redirect their text must fit too."""
    _, site = stress_url
    files = sorted((site / "l").glob("*/index.html"))[:3]
    assert len(files) == 3, "the built site has short link pages to check"
    for page_file in files:
        markup = page_file.read_text(encoding="utf-8")
        phone.set_content(re.sub(r'<meta http-equiv="refresh"[^>]*>', "", markup))
        assert not overflow(phone), page_file
    phone.set_content(re.sub(r'<meta http-equiv="refresh"[^>]*>', "", redirect_html(LONG_URL, LONG_WORD)))
    assert not overflow(phone), overflow(phone)
