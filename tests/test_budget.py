"""A reader on a phone: what one practice page view downloads, and from where.

Method: the session's built site is served by ``gzip_server.py`` (gzip level 6 for
text, as a web host does; Pagefind's chunks are already compressed and sent as they
are). A fresh browser context (no cache) opens a practice page; every request is
recorded, and its transfer is what Chromium reports: the encoded response body plus
the response headers (``Request.sizes()``). The budget counts all of it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from helpers import phone_page, start_tags
from playwright.sync_api import expect

FIRST_VIEW_BUDGET = 150 * 1024
WITH_SEARCH_BUDGET = 250 * 1024
PRACTICE = "praktijken/gentse-wooncoalitie/"


class Recorder:
    def __init__(self, page):
        self.finished = []
        self.urls = []
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("requestfinished", lambda request: self.finished.append(request))
        page.on("requestfailed", lambda request: self.finished.append(request))

    def transferred(self) -> int:
        total = 0
        for request in self.finished:
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        return total

    def report(self) -> str:
        return "\n".join(f"{r.sizes()['responseBodySize']:>8}  {r.url}" for r in self.finished)


@pytest.fixture
def fresh(browser):
    with phone_page(browser) as page:
        yield page, Recorder(page)


def test_practice_page_view_stays_within_budget_and_on_the_sites_own_host(fresh, site_url):
    page, recorder = fresh
    page.goto(site_url + PRACTICE)
    page.wait_for_load_state("networkidle")
    host = urlsplit(site_url).netloc
    assert {urlsplit(url).netloc for url in recorder.urls} == {host}, recorder.urls
    first_view = recorder.transferred()
    assert first_view <= FIRST_VIEW_BUDGET, f"first view {first_view} bytes:\n{recorder.report()}"
    assert not [url for url in recorder.urls if "/pagefind/" in url or "sitemap" in url]

    # A first search from the header (on a phone: the button opens the field).
    page.locator(".sam-search-button").click()
    field = page.locator("input.md-search__input")
    expect(field).to_be_focused()
    field.press_sequentially("wooncoalitie")
    expect(page.locator("#sam-search-list .md-search-result__item").first).to_be_visible(timeout=15000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    with_search = recorder.transferred()
    assert {urlsplit(url).netloc for url in recorder.urls} == {host}, recorder.urls
    assert with_search <= WITH_SEARCH_BUDGET, f"with search {with_search} bytes:\n{recorder.report()}"
    assert any("/pagefind/" in url for url in recorder.urls)
    print(f"\npractice page view: {first_view} B; with a first search: {with_search} B")


def resources(html: str) -> list[str]:
    """Everything an HTML page makes the browser fetch by itself (not the <a> links)."""
    urls = []
    for tag in start_tags(html):
        attrs = tag.attrs
        if tag.name in ("script", "img", "iframe", "audio", "video", "source", "embed") and attrs.get("src"):
            urls.append(attrs["src"])
        if tag.name == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").split()
            if {"stylesheet", "icon", "preload", "preconnect", "dns-prefetch", "modulepreload", "manifest"} & set(rel):
                urls.append(attrs["href"])
        if tag.name == "object" and attrs.get("data"):
            urls.append(attrs["data"])
    return urls


def test_no_page_or_stylesheet_fetches_from_another_host(built_site):
    """Statically, over every built page: no fonts, CDN scripts or code-host calls."""
    offending = []
    for path in built_site.rglob("*.html"):
        if path.is_relative_to(built_site / "pagefind"):
            continue
        offending += [(path.relative_to(built_site).as_posix(), url) for url in resources(path.read_text(encoding="utf-8"))
                      if re.match(r"(https?:)?//", url)]
    for path in list(built_site.rglob("*.css")) + list(built_site.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        offending += [(path.name, url) for url in re.findall(r"""(?:@import\s+|url\()\s*["']?((?:https?:)?//[^"')\s]+)""", text)
                      if not url.startswith("//www.w3.org")]
    assert not offending, offending
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    assert "api.github.com" not in html


def test_practice_page_html_stays_light(built_site):
    sizes = [path.stat().st_size for path in (built_site / "praktijken").glob("*/index.html")]
    assert sizes and max(sizes) <= 30 * 1024, max(sizes)
