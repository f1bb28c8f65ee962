"""The RSS feed, the sitemap and the metadata for link previews."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from content_factory import ContentTree
from helpers import ROOT
from samsite.pages.feed import page_url, rss
from samsite.reading.loader import load_site

BASE = "http://127.0.0.1:8000/"  # the build's default site_url
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def content():
    return load_site(ROOT)


def items(xml_text: str) -> list[dict]:
    channel = ET.fromstring(xml_text).find("channel")
    return [{"title": item.findtext("title"), "link": item.findtext("link"), "guid": item.findtext("guid"),
             "description": item.findtext("description"),
             "categories": [c.text for c in item.findall("category")]} for item in channel.findall("item")]


def test_page_url_follows_directory_urls():
    assert page_url("https://x.be/sub/", "praktijken/a.md") == "https://x.be/sub/praktijken/a/"
    assert page_url("https://x.be/sub", "cahiers/c/index.md") == "https://x.be/sub/cahiers/c/"
    assert page_url("https://x.be/", "index.md") == "https://x.be/"


def test_feed_escapes_text_and_orders_newest_year_first(tmp_path):
    tree = ContentTree(tmp_path)
    tree.practice("oud", title="Oud & <vertrouwd>", extra="year: 2019\n")
    tree.practice("nieuw", title="Nieuw", extra="year: 2024\n")
    tree.practice("zonder-jaar", title="Zonder jaar")
    tree.cahier("reeks", title="Reeks")  # year 2025
    site = load_site(tmp_path)
    xml_text = rss(site, "https://www.voorbeeld.be/pw", "Politiserend werken", "Beschrijving")
    assert "&amp; &lt;vertrouwd&gt;" in xml_text
    found = items(xml_text)
    assert [item["title"] for item in found] == ["Cahier 1: Reeks", "Nieuw", "Oud & <vertrouwd>", "Zonder jaar"]
    assert found[1]["link"] == found[1]["guid"] == "https://www.voorbeeld.be/pw/praktijken/nieuw/"
    assert found[1]["categories"] == ["Agenderen", "Wonen", "Lokaal"]
    self_link = ET.fromstring(xml_text).find("channel/{http://www.w3.org/2005/Atom}link")
    assert self_link.get("href") == "https://www.voorbeeld.be/pw/feed.xml"
    # The same content gives the same feed: no build time in it.
    assert rss(site, "https://www.voorbeeld.be/pw", "Politiserend werken", "Beschrijving") == xml_text


def test_built_feed_has_every_practice_and_cahier_with_an_absolute_url(built_site, content):
    found = items((built_site / "feed.xml").read_text(encoding="utf-8"))
    links = {item["link"] for item in found}
    for practice in content.practices:
        assert f"{BASE}praktijken/{practice.slug}/" in links
    for cahier in content.cahiers:
        assert f"{BASE}cahiers/{cahier.slug}/" in links
    assert len(found) == len(content.practices) + len(content.cahiers)
    for item in found:
        assert re.match(r"https?://", item["link"]) and item["description"]
        assert (built_site / item["link"].removeprefix(BASE) / "index.html").is_file()


def test_sitemap_lists_every_page_with_its_absolute_url(built_site, content):
    root = ET.parse(built_site / "sitemap.xml").getroot()
    locations = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    assert f"{BASE}praktijken/{content.practices[0].slug}/" in locations
    assert {f"{BASE}praktijken/{p.slug}/" for p in content.practices} <= locations
    assert {f"{BASE}cahiers/{c.slug}/" for c in content.cahiers} <= locations
    assert f"{BASE}zoeken/" in locations
    assert all(location.startswith(BASE) for location in locations)


@pytest.mark.parametrize("path", ["", "praktijken/gentse-wooncoalitie/", "strategieen/agenderen/",
                                  "cahiers/samen-het-verschil-maken/", "zoeken/"])
def test_every_page_has_a_title_and_a_description_for_link_previews(built_site, path):
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>[^<]{3,}</title>", html)
    meta = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html))
    assert len(meta["description"]) >= 20
    assert meta["og:title"] and meta["og:description"] == meta["description"]
    assert meta["og:url"] == BASE + path
    assert meta["og:locale"] == "nl_BE"
    assert re.search(r'<link rel="alternate feed" type="application/rss\+xml" title="[^"]+" href="[^"]*feed\.xml"', html)


def test_practice_preview_uses_its_own_title_and_summary(built_site, content):
    practice = next(p for p in content.practices if p.slug == "gentse-wooncoalitie")
    html = (built_site / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8")
    assert f'<meta property="og:title" content="{practice.title}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert practice.summary.split()[0] in re.search(r'og:description" content="([^"]*)"', html).group(1)
