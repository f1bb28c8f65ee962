"""QR codes for print: real decoder (zxing-cpp), real Chromium print to PDF, pdftoppm."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT, copy_project, html_text, run_build, samsite
from PIL import Image
from qr_tools import decode, decode_png_bytes, quiet_zone_modules, version_of
from samsite.build import pipeline
from samsite.cache import QR_DIR
from samsite.errors import ContentError
from samsite.numbering.links import find_links
from samsite.printed.qr import QrCache
from samsite.reading.loader import load_site

BASE = "http://127.0.0.1:8000/"  # the build's default site_url
CAHIER = "samen-het-verschil-maken"
PRINTED_ORDER = [
    "https://www.lummen.be/sites/default/files/public/Lummen/Secretariaat/Missie%20LSB.pdf",
    "http://swan-vlaanderen.be/",
    "https://www.gentsewooncoalitie.be/",
    "https://www.brugge.be/stad-bestuur/neem-deel-aan-het-beleid/adviesraden/brugge-dialoogstad",
]


@pytest.fixture(scope="module")
def content():
    return load_site(ROOT)


@pytest.fixture(scope="module")
def links(content):
    return pipeline.numbered_links(content, ROOT)


def redirect_target(site_dir: Path, short_url: str) -> str:
    page = site_dir / short_url.removeprefix(BASE) / "index.html"
    match = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page.read_text(encoding="utf-8"))
    return html.unescape(match.group(1))


# --- the real cahier ---------------------------------------------------------------------------

def test_real_cahier_has_its_four_links_in_printed_order(content, links):
    assert [link.url for link in links[CAHIER]] == PRINTED_ORDER
    assert [link.number for link in links[CAHIER]] == [1, 2, 3, 4]
    assert all(link.title and link.chapter for link in links[CAHIER])


def test_links_page_lists_them_numbered_with_chapter_and_short_link(built_site, links):
    links_html = (built_site / "cahiers" / CAHIER / "links" / "index.html").read_text(encoding="utf-8")
    positions = [links_html.index(f'href="{html.escape(url)}"') for url in PRINTED_ORDER]
    assert positions == sorted(positions)
    for link in links[CAHIER]:
        assert f"{BASE}l/1-{link.number}/" in links_html
        assert html.escape(link.chapter) in links_html
    for suffix in ("svg", "png"):
        assert f'href="qr-{CAHIER}-links.{suffix}"' in links_html


def test_short_links_are_static_redirects_with_canonical_and_visible_link(built_site, links):
    for link in links[CAHIER]:
        page = (built_site / "l" / f"1-{link.number}" / "index.html").read_text(encoding="utf-8")
        target = html.escape(link.url, quote=True)
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in page
        assert f'<link rel="canonical" href="{target}">' in page
        assert f'<a href="{target}">' in page


def test_sheets_are_linked_from_cahier_and_strategy_pages(built_site, content):
    cahier_page = (built_site / "cahiers" / CAHIER / "index.html").read_text(encoding="utf-8")
    assert 'href="links/"' in cahier_page and 'href="qr/"' in cahier_page
    for term in content.vocabulary["strategy"].terms:
        strategy_page = (built_site / "strategieen" / term.id / "index.html").read_text(encoding="utf-8")
        assert 'href="qr/"' in strategy_page


# --- every code the build writes decodes to its intended URL ----------------------------------

def test_download_pngs_decode_are_large_and_have_a_quiet_zone(built_site):
    pngs = sorted(built_site.rglob("qr-*.png"))
    assert pngs
    for path in pngs:
        image = Image.open(path)
        assert min(image.size) >= 1000
        [result] = decode(image)
        assert result.text == f"{BASE}l/1/"  # the short link to the links page: version <= 4
        assert version_of(result) <= 4
        assert result.ec_level == "M"
        assert quiet_zone_modules(image, version_of(result)) >= 4
        # The PNG carries its resolution: printed as is, the symbol is 45 mm wide.
        dpi = image.info["dpi"][0]
        modules = 17 + 4 * version_of(result)
        assert (image.size[0] * modules / (modules + 8)) / dpi * 25.4 == pytest.approx(45, abs=0.5)
    assert redirect_target(built_site, f"{BASE}l/1/") == f"../../cahiers/{CAHIER}/links/"


def test_every_svg_code_decodes_to_its_intended_url(built_site, site_url, page):
    """Standalone SVG downloads and every inline SVG code, rendered by Chromium."""
    page.set_viewport_size({"width": 1000, "height": 1000})
    for path in sorted(built_site.rglob("qr-*.svg")):
        page.goto(site_url)
        page.set_content(f'<body style="margin:0;background:#fff">'
                         f'<img src="{site_url}{path.relative_to(built_site).as_posix()}" '
                         f'style="width:400px;height:400px"></body>')
        shot = page.locator("img").screenshot()
        [result] = decode_png_bytes(shot)
        assert result.text == f"{BASE}l/1/"
    pages = sorted({p.parent for p in built_site.rglob("index.html") if 'class="sam-qr"' in p.read_text("utf-8")})
    assert len(pages) >= 6  # links page, cahier sheet, four strategy sheets
    decoded = 0
    for folder in pages:
        page.goto(site_url + folder.relative_to(built_site).as_posix() + "/")
        codes = page.locator(".sam-qr")
        inline = page.locator("svg.sam-qr")
        ids = [inline.nth(i).get_attribute("id") for i in range(inline.count())]
        assert len(ids) == len(set(ids)), f"duplicate QR element ids on {folder}"
        for i in range(codes.count()):
            code = codes.nth(i)
            code.evaluate("element => { Object.assign(element.style, {width: '300px', height: '300px', margin: 0, "
                          "position: 'fixed', left: '10px', top: '100px', zIndex: 10, background: '#fff'}); }")
            image = Image.open(__import__("io").BytesIO(code.screenshot()))
            [result] = decode(image)
            assert result.text == code.get_attribute("data-qr")
            assert result.ec_level == "M"
            assert quiet_zone_modules(image, version_of(result)) >= 3.9
            decoded += 1
    assert decoded >= 5


# --- printed sheets: Chromium -> PDF -> pdftoppm -r 150 -> zxing ------------------------------

def print_and_scan(page, url: str, tmp_path: Path) -> tuple[list[str], int]:
    page.goto(url)
    pdf = tmp_path / "sheet.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    texts, pages = [], 0
    for png in sorted(tmp_path.glob("page-*.png")):
        pages += 1
        results = decode(Image.open(png))
        texts += [result.text for result in results]
    return texts, pages


def test_cahier_sheet_prints_and_every_code_scans(page, site_url, built_site, links, tmp_path):
    texts, pages = print_and_scan(page, site_url + f"cahiers/{CAHIER}/qr/", tmp_path)
    assert pages >= 1
    expected = [f"{BASE}l/1-{link.number}/" for link in links[CAHIER]]
    assert sorted(texts) == sorted(expected)
    assert [redirect_target(built_site, url) for url in sorted(texts)] == [link.target for link in links[CAHIER]]


@pytest.mark.parametrize("strategy", ["collectiviseren", "agenderen", "verandering-eisen", "verandering-realiseren"])
def test_strategy_sheet_prints_and_every_code_scans(page, site_url, built_site, content, strategy, tmp_path):
    texts, _ = print_and_scan(page, site_url + f"strategieen/{strategy}/qr/", tmp_path)
    numbering = pipeline.numbered(content, ROOT)[1]
    practices = content.practices_with("strategy", strategy)
    assert sorted(texts) == sorted(f"{BASE}p/{numbering.numbers[p.slug]}/" for p in practices)
    # each short link leads to its practice
    assert sorted(redirect_target(built_site, url) for url in texts) == sorted(
        f"../../praktijken/{p.slug}/" for p in practices)


def test_printed_sheet_hides_site_chrome_and_keeps_cards_whole(page, site_url):
    page.goto(site_url + "strategieen/agenderen/qr/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-footer", ".md-sidebar--primary", ".sam-print-actions"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".sam-qr-card").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    code = page.locator(".sam-qr-card .sam-qr").first
    width_mm = code.evaluate("e => e.getBoundingClientRect().width") * 25.4 / 96
    [result] = decode_png_bytes(code.screenshot())
    modules = 17 + 4 * version_of(result)
    assert width_mm * modules / (modules + 8) == pytest.approx(45, abs=0.1)  # the symbol, without quiet zone


def test_print_button_opens_the_print_dialog(page, site_url):
    page.goto(site_url + "strategieen/agenderen/qr/")
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name="Afdrukken").click()
    assert page.evaluate("window.__printed") == 1


def test_short_link_leads_to_its_target_in_chromium(page, site_url, links):
    target = links[CAHIER][1].url
    page.route(target, lambda route: route.fulfill(status=200, content_type="text/html",
                                                  body="<title>SWAN</title><p>doel bereikt</p>"))
    page.goto(site_url + "l/1-2/")
    page.wait_for_url(target)
    assert "doel bereikt" in page.content()


# --- stable numbering of a published cahier -------------------------------------------------

CHAPTER = "cahiers/samen-het-verschil-maken/05-een-coalitie-van-bondgenoten.md"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


@pytest.mark.slow
def test_reordering_printed_links_fails_the_build_naming_cahier_link_and_fix(project, tmp_path):
    chapter = project / CHAPTER
    text = chapter.read_text(encoding="utf-8")
    gent, brugge = PRINTED_ORDER[2], PRINTED_ORDER[3]
    chapter.write_text(text.replace(gent, "@@G@@").replace(brugge, gent).replace("@@G@@", brugge), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "cahier 'Samen het verschil maken': gedrukte link" in output
    assert "zet de links terug in hun gedrukte volgorde" in output
    assert f"{CHAPTER}:" in output


def test_dropping_a_printed_link_fails_and_explains_redirect(project, tmp_path):
    chapter = project / "cahiers/samen-het-verschil-maken/04-wanneer-samenwerking-een-verschil-maakt.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(PRINTED_ORDER[1], "https://example.org/swan"),
                       encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        pipeline.check(project)
    message = caught.value.report()
    assert "gedrukte link 2 (http://swan-vlaanderen.be/) staat niet meer in de tekst" in message
    assert "redirect:" in message


@pytest.mark.slow
def test_a_new_link_gets_a_short_link_only_once_make_links_fixes_its_number(project, tmp_path):
    last = project / "cahiers/samen-het-verschil-maken/08-tot-slot.md"
    last.write_text(last.read_text(encoding="utf-8") + "\nMeer over SAM: [website van SAM](https://www.sam-vzw.be/).\n",
                    encoding="utf-8")
    lock_before = (project / "cahiers/samen-het-verschil-maken/links.yml").read_bytes()
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (project / "cahiers/samen-het-verschil-maken/links.yml").read_bytes() == lock_before  # build never writes
    # not fixed yet: a number another merge could take, so no short link; its card encodes the address
    assert not (tmp_path / "site" / "l/1-5").exists()
    sheet = (tmp_path / "site" / "cahiers/samen-het-verschil-maken/qr/index.html").read_text(encoding="utf-8")
    assert 'data-qr="https://www.sam-vzw.be/"' in sheet and f'data-qr="{BASE}l/1-4/"' in sheet
    # the explicit command records it, and then it has its short link
    assert samsite("links", project).returncode == 0
    assert "number: 5\n  url: https://www.sam-vzw.be/" in (project / "cahiers/samen-het-verschil-maken/links.yml").read_text()
    result = run_build(project, tmp_path / "site-2")
    assert result.returncode == 0, result.stderr
    assert redirect_target(tmp_path / "site-2", f"{BASE}l/1-5/") == "https://www.sam-vzw.be/"


def test_a_redirect_repoints_a_dead_printed_link(project, tmp_path):
    lock = project / "cahiers/samen-het-verschil-maken/links.yml"
    lock.write_text(lock.read_text(encoding="utf-8").replace(
        "  url: http://swan-vlaanderen.be/\n", "  url: http://swan-vlaanderen.be/\n  redirect: https://example.org/swan-nieuw\n"),
        encoding="utf-8")
    links = pipeline.numbered_links(load_site(project), project)[CAHIER]
    assert links[1].number == 2 and links[1].target == "https://example.org/swan-nieuw"


def test_unpublished_cahier_numbers_follow_reading_order(tmp_path):
    from content_factory import ContentTree

    tree = ContentTree(tmp_path)
    tree.cahier("concept", chapters={"01-a.md": "# A\n\n[Twee](https://b.example/) en [een](https://a.example/).\n",
                                     "02-b.md": "# B\n\n<https://c.example/> en nog eens [twee](https://b.example/).\n"})
    cahier = load_site(tmp_path).cahiers[0]
    assert [(link.number, link.url) for link in find_links(cahier, tmp_path)] == [
        (1, "https://b.example/"), (2, "https://a.example/"), (3, "https://c.example/")]


# --- generation settings, cache, site_url ----------------------------------------------------

def test_codes_are_cached_between_builds(tmp_path):
    cache = QrCache(tmp_path / "qr")
    first = cache.get("https://example.org/l/1-1/")
    assert cache.made == 1
    cache.save()
    again = QrCache(tmp_path / "qr")
    second = again.get("https://example.org/l/1-1/")
    assert again.made == 0 and second.svg == first.svg
    assert 'id="qr-path"' not in first.svg  # ids are set per use, never shared
    # A PNG is made only when asked for (links pages offer one; sheets use the SVG).
    assert not first.png_path.exists()
    with_png = again.get("https://example.org/l/1-1/", png=True)
    assert [r.text for r in decode(Image.open(with_png.png_path))] == ["https://example.org/l/1-1/"]


@pytest.mark.slow
def test_a_rebuild_makes_no_code_it_already_has(project, tmp_path):
    assert run_build(project, tmp_path / "one").returncode == 0
    cache = project / QR_DIR
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert run_build(project, tmp_path / "two").returncode == 0
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == before


@pytest.mark.slow
def test_local_site_url_warns_and_deployed_site_url_is_encoded(project, tmp_path):
    local = run_build(project, tmp_path / "local")
    assert "LET OP: de QR-codes verwijzen naar 'http://127.0.0.1:8000/'" in local.stderr
    import os

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://www.voorbeeld.be/"}
    deployed = subprocess.run([__import__("sys").executable, "-m", "mkdocs", "build", "--strict", "-d",
                               str(tmp_path / "deployed")], cwd=project, env=env, capture_output=True, text=True)
    assert deployed.returncode == 0, deployed.stderr
    assert "LET OP" not in deployed.stderr
    png = tmp_path / "deployed" / "cahiers" / CAHIER / "links" / f"qr-{CAHIER}-links.png"
    [result] = decode(Image.open(png))
    assert result.text == "https://www.voorbeeld.be/l/1/"


def test_a_redirect_must_be_a_web_address(project):
    lock = project / "cahiers/samen-het-verschil-maken/links.yml"
    lock.write_text(lock.read_text(encoding="utf-8").replace(
        "  url: http://swan-vlaanderen.be/\n", "  url: http://swan-vlaanderen.be/\n  redirect: javascript:alert(1)\n"),
        encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        pipeline.check(project)
    [issue] = caught.value.issues
    assert issue.path == "cahiers/samen-het-verschil-maken/links.yml" and issue.field == "redirect"
    assert issue.line == 12 and "javascript" in issue.message


@pytest.mark.slow
def test_editors_may_link_to_the_print_pages(project, tmp_path):
    practice = project / "praktijken/gentse-wooncoalitie.md"
    practice.write_text(practice.read_text(encoding="utf-8")
                        + "\nZie ook [de links van het cahier](../cahiers/samen-het-verschil-maken/links.md) en "
                          "[het QR-blad](../strategieen/agenderen/qr.md).\n", encoding="utf-8")
    pipeline.check(project)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_a_redirected_printed_link_shows_it_was_replaced_and_since_when(project, tmp_path):
    from samsite.numbering.links import write_lock

    lock = project / "cahiers/samen-het-verschil-maken/links.yml"
    lock.write_text(lock.read_text(encoding="utf-8").replace(
        "  url: http://swan-vlaanderen.be/\n",
        "  url: http://swan-vlaanderen.be/\n  redirect: https://example.org/swan-nieuw\n  redirect_since: 2026-03-05\n"),
        encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "cahiers" / CAHIER / "links" / "index.html").read_text(encoding="utf-8")
    text = html_text(page)
    assert ("Het gedrukte adres is sinds 5 maart 2026 vervangen door het adres hierboven. "
            "Gedrukt adres: http://swan-vlaanderen.be/") in text
    assert text.count("Het gedrukte adres is") == 1  # only the redirected link
    assert 'href="https://example.org/swan-nieuw"' in page and 'href="http://swan-vlaanderen.be/"' not in page
    assert redirect_target(tmp_path / "site", f"{BASE}l/1-2/") == "https://example.org/swan-nieuw"
    # `make links` keeps both lines.
    assert write_lock(load_site(project).cahier(CAHIER), project)[1] == []
    assert ("  redirect: https://example.org/swan-nieuw\n  redirect_since: 2026-03-05\n"
            in lock.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lines, message", [
    ("  redirect_since: 2026-03-05\n", "link 2: redirect_since staat er zonder redirect"),
    ("  redirect: https://example.org/x\n  redirect_since: 5 maart 2026\n", "link 2: '5 maart 2026' is geen datum"),
])
def test_redirect_since_is_a_date_under_a_redirect(project, lines, message):
    lock = project / "cahiers/samen-het-verschil-maken/links.yml"
    lock.write_text(lock.read_text(encoding="utf-8").replace(
        "  url: http://swan-vlaanderen.be/\n", "  url: http://swan-vlaanderen.be/\n" + lines), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        pipeline.check(project)
    [issue] = caught.value.issues
    assert (issue.path, issue.field, issue.message) == (
        "cahiers/samen-het-verschil-maken/links.yml", "redirect_since", message)
    assert issue.line == 11 + lines.count("\n")  # the redirect_since line


def test_links_page_without_a_date_still_says_the_address_was_replaced():
    from samsite.numbering.links import CahierLink
    from samsite.printed.link_pages import _replaced_note

    link = CahierLink(2, "http://oud.example/", "Oud", "Start", "start", "x.md", 1, redirect="https://nieuw.example/")
    assert "Het gedrukte adres is vervangen door het adres hierboven" in _replaced_note(link)
    assert _replaced_note(CahierLink(1, "https://a.example/", "A", "Start", "start", "x.md", 1)) == ""
