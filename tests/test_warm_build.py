"""What keeps large builds fast: HTML fragments after Markdown, and caches for warm builds."""

from __future__ import annotations

import gzip
import json

import pytest
from helpers import copy_project, run_build
from samsite.cache import CACHE_DIR
from samsite.pages.fragments import fill, placeholder, practice_list


def test_fill_puts_fragments_in_place_and_resolves_their_links():
    page = "<h2>Verwant</h2>\n" + placeholder("related") + "<p>rest</p>\n" + placeholder("onbekend")
    fragment = '<a href="/praktijken/a.md">A</a> <a href="/praktijken/b.md#x">B</a> <a href="/weg.md">C</a>'
    missing = []
    urls = {"praktijken/a.md": "../a/", "praktijken/b.md": "../b/"}
    html = fill(page, {"related": fragment}, urls.get, missing.append)
    assert '<a href="../a/">A</a> <a href="../b/#x">B</a>' in html
    assert 'href="/weg.md"' in html and missing == ["weg.md"]
    assert "<!-- sam:onbekend -->" in html  # a placeholder without a fragment stays visible in review


def test_practice_list_escapes_what_contributors_write(tmp_path):
    from content_factory import ContentTree
    from samsite.reading.loader import load_site

    tree = ContentTree(tmp_path)
    tree.practice("x", title="'<b>Vet</b> & co'")
    site = load_site(tmp_path)
    html = practice_list(site, site.practices)
    assert "&lt;b&gt;Vet&lt;/b&gt; &amp; co" in html and "<b>" not in html
    assert 'data-pagefind-ignore="all"' in html


def _index_text(site_dir, url):
    for path in (site_dir / "pagefind" / "fragment").glob("*.pf_fragment"):
        record = json.loads(gzip.decompress(path.read_bytes())[12:])
        if record["url"] == url:
            return record["content"]
    return None


@pytest.mark.slow
def test_warm_build_reuses_caches_and_an_edit_invalidates_them(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    first = run_build(project, site)
    assert first.returncode == 0, first.stderr
    assert "Zoekindex (Pagefind) gemaakt" in first.stderr
    warm = run_build(project, site)
    assert warm.returncode == 0, warm.stderr
    assert "Zoekindex (Pagefind) hergebruikt" in warm.stderr
    assert (project / CACHE_DIR / "outputs.pickle").is_file()
    assert "gentse-wooncoalitie" in (site / "praktijken" / "index.html").read_text(encoding="utf-8")

    story = project / "praktijken" / "gentse-wooncoalitie.md"
    story.write_text(story.read_text(encoding="utf-8").replace(
        "## De kwestie", "## De kwestie\n\nDe schildpadbrigade sloot zich aan."), encoding="utf-8")
    edited = run_build(project, site)
    assert edited.returncode == 0, edited.stderr
    assert "Zoekindex (Pagefind) gemaakt" in edited.stderr
    html = (site / "praktijken" / "gentse-wooncoalitie" / "index.html").read_text(encoding="utf-8")
    assert "schildpadbrigade" in html
    assert "schildpadbrigade" in _index_text(site, "/praktijken/gentse-wooncoalitie/")


def test_fill_puts_top_and_bottom_fragments_around_the_page():
    from samsite.pages.fragments import BOTTOM, TOP

    html = fill("<p>verhaal</p>", {TOP: '<h1>T</h1><a href="/sectoren/wonen.md">W</a>',
                                   BOTTOM: '<a href="/praktijken/a.md">A</a>'},
                {"sectoren/wonen.md": "../../sectoren/wonen/", "praktijken/a.md": "../a/"}.get, print)
    assert html == ('<h1>T</h1><a href="../../sectoren/wonen/">W</a>\n<p>verhaal</p>\n'
                    '<a href="../a/">A</a>')


def test_macros_never_see_generated_pages(tmp_path, monkeypatch):
    """The real mkdocs.yml, with the real mkdocs-macros plugin and our hooks: a generated
    page (contributor content) asking to be a template stays text; a team page is rendered."""
    from helpers import ROOT
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    template = "---\nrender_macros: true\n---\n\n{{ 7 * 7 }}\n"
    (tmp_path / "team.md").write_text(template, encoding="utf-8")
    team = File("team.md", src_dir=str(tmp_path), dest_dir=str(tmp_path / "site"), use_directory_urls=True)
    generated = File.generated(config, "praktijken/x.md", content=template)
    files = Files([team, generated])
    rendered = {}
    for file in (team, generated):
        page = Page(None, file, config)
        page.read_source(config)
        rendered[file.src_uri] = config.plugins.on_page_markdown(page.markdown, page=page, config=config,
                                                                 files=files).strip()
    assert rendered == {"team.md": "49", "praktijken/x.md": "{{ 7 * 7 }}"}


def test_shared_navigation_changes_no_byte_of_any_page(built_site, tmp_path):
    """Pages outside the nav reuse their folder's rendered tabs and sidebar
    (hooks/theme_chrome.py): the site must be exactly what Material renders page by page."""
    from helpers import ROOT

    plain = tmp_path / "site"
    result = run_build(ROOT, plain, SAM_NAV_CACHE="0")
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(built_site) for p in built_site.rglob("*.html"))
    assert len(pages) > 50
    assert sorted(p.relative_to(plain) for p in plain.rglob("*.html")) == pages
    different = [str(p) for p in pages if (built_site / p).read_bytes() != (plain / p).read_bytes()]
    assert different == []
    # The shared parts are really there: a practice page has the tabs and the full sidebar.
    practice = (built_site / "praktijken" / "gentse-wooncoalitie" / "index.html").read_text(encoding="utf-8")
    assert 'class="md-tabs"' in practice and 'href="../../redactiegids/"' in practice


def test_a_kept_file_is_written_whole_or_not_at_all_and_each_writer_has_its_own_temporary(tmp_path):
    from samsite import cache
    target = tmp_path / "kaart.txt"
    with cache.replacing(target) as first, cache.replacing(target) as second:
        assert first != second and first.parent == second.parent == tmp_path  # two builds at once
        first.write_text("een")
        second.write_text("twee")
    assert target.read_text() == "een"  # the outer block ends last and wins: a whole file either way
    with pytest.raises(RuntimeError):
        with cache.replacing(target) as temporary:
            temporary.write_text("half")
            raise RuntimeError("build stopped")
    assert target.read_text() == "een" and sorted(p.name for p in tmp_path.iterdir()) == ["kaart.txt"]
    cache.write(target, "één")
    assert target.read_bytes() == "één".encode()
