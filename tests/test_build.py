"""The real site, built by MkDocs in strict mode: every cross-link both ways."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT, content_links, copy_project, run_build, snapshot
from samsite.reading.loader import load_site


@pytest.fixture(scope="module")
def content():
    return load_site(ROOT)


def practice_path(slug: str) -> str:
    return f"/praktijken/{slug}/"


def test_real_content_is_substantial(content):
    assert len(content.practices) >= 12
    published = [c for c in content.cahiers if c.published]
    assert any(c.title == "Samen het verschil maken" for c in published)
    for taxonomy in ("strategy", "level"):
        for term in content.vocabulary[taxonomy].terms:
            assert content.practices_with(taxonomy, term.id), f"no practice for {taxonomy} {term.id}"


def test_every_practice_and_term_page_link_to_each_other(built_site, content):
    checked = 0
    for taxonomy in content.vocabulary.taxonomies:
        for term in taxonomy.terms:
            term_path = f"/{taxonomy.path}/{term.id}/"
            listed = {link for link in content_links(built_site, term_path) if link.startswith("/praktijken/")}
            expected = {practice_path(p.slug) for p in content.practices_with(taxonomy.key, term.id)}
            assert listed - {"/praktijken/"} == expected, term_path
            for practice in content.practices_with(taxonomy.key, term.id):
                assert term_path in content_links(built_site, practice_path(practice.slug)), (practice.slug, term_path)
                checked += 1
    assert checked >= 3 * len(content.practices)


def test_practices_and_cahiers_link_to_each_other(built_site, content):
    for practice in content.practices:
        for slug in practice.cahier:
            assert f"/cahiers/{slug}/" in content_links(built_site, practice_path(practice.slug))
            assert practice_path(practice.slug) in content_links(built_site, f"/cahiers/{slug}/")


def test_overview_pages_list_everything(built_site, content):
    overview = content_links(built_site, "/praktijken/")
    assert {practice_path(p.slug) for p in content.practices} <= overview
    for taxonomy in content.vocabulary.taxonomies:
        assert {f"/{taxonomy.path}/{t.id}/" for t in taxonomy.terms} <= overview
        index = content_links(built_site, f"/{taxonomy.path}/")
        assert {f"/{taxonomy.path}/{t.id}/" for t in taxonomy.terms} <= index
    assert {f"/cahiers/{c.slug}/" for c in content.cahiers} <= content_links(built_site, "/cahiers/")


def test_practices_are_not_in_the_sidebar_navigation(built_site, content):
    html = (built_site / "praktijken" / "index.html").read_text(encoding="utf-8")
    start = html.index('<nav class="md-nav md-nav--primary')
    nav = html[start:html.index("</nav>", start)]
    assert "Praktijken" in nav
    for practice in content.practices:
        assert f"{practice.slug}/" not in nav


def test_pages_are_dutch_and_described(built_site, content):
    practice = content.practices[0]
    html = (built_site / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in html
    assert re.search(r'<meta name="description" content="[^"]{20,}"', html)
    assert f"<title>{practice.title}" in html


def test_cahier_web_edition_has_its_chapters_and_four_links_in_order(built_site, content):
    cahier = next(c for c in content.cahiers if c.slug == "samen-het-verschil-maken")
    html = (built_site / "cahiers" / cahier.slug / "index.html").read_text(encoding="utf-8")
    positions = [html.index(f'id="{chapter.slug}"') for chapter in cahier.chapters]
    assert positions == sorted(positions) and len(positions) >= 8
    article = html[html.index("<article"):html.index("</article>")]
    external = re.findall(r'href="(https?://[^"]+)"', article)
    external = [url for url in external if "127.0.0.1" not in url and "github.com" not in url]
    assert [url.split("/")[2] for url in external] == [
        "www.lummen.be", "swan-vlaanderen.be", "www.gentsewooncoalitie.be", "www.brugge.be"]
    assert article.count('class="admonition question"') >= 4  # the 'Aan de slag' exercises


@pytest.mark.slow
def test_content_folders_are_untouched_by_a_build(tmp_path):
    project = copy_project(tmp_path / "project")
    before = snapshot(project)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert snapshot(project) == before
