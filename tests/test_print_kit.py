"""The trainers' workshop kit, printed for real: Chromium -> PDF -> pdftoppm -> two decoders.

Built with a 45-character site address (the longest the short links are designed for):
every printed code must be QR version 4 or lower with a 45 mm symbol, and decode with
zxing-cpp and with zbar, clean, after a 2 px blur and after downscaling to 60 dpi.
Also: the selection sheet, the worksheets and the map of practices.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from gzip_server import serve
from helpers import ROOT, copy_project, phone_page, run_build
from PIL import Image
from playwright.sync_api import expect
from qr_tools import blurred, decode, decode_zbar, downscaled, symbol_crops, version_of
from samsite.build import pipeline
from samsite.reading.exercises import exercises
from samsite.reading.loader import load_site

LONG_BASE = "https://www.sam-vzw.be/politiserend-werken12/"
assert len(LONG_BASE) == 45
CAHIER = "samen-het-verschil-maken"
DPI = 150
SELECTION = "zoeken/afdrukken/?strategy=agenderen&sector=wonen"
SHEETS = {
    "cahier": f"cahiers/{CAHIER}/qr/",
    "collectiviseren": "strategieen/collectiviseren/qr/",
    "agenderen": "strategieen/agenderen/qr/",
    "verandering-eisen": "strategieen/verandering-eisen/qr/",
    "verandering-realiseren": "strategieen/verandering-realiseren/qr/",
    "selectie": SELECTION,
    "werkbladen": f"cahiers/{CAHIER}/oefeningen/",
    "linkpagina": f"cahiers/{CAHIER}/links/",
}


@pytest.fixture(scope="module")
def content():
    return load_site(ROOT)


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    """The real content built for a 45-character address, served over HTTP."""
    project = copy_project(tmp_path_factory.mktemp("lang") / "project")
    site_dir = project.parent / "site"
    result = run_build(project, site_dir, SITE_URL=LONG_BASE)
    assert result.returncode == 0, result.stdout + result.stderr
    url, server = serve(site_dir)
    yield url, site_dir
    server.shutdown()


def open_sheet(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if "afdrukken" in url:
        page.wait_for_selector("#sam-selectie[data-klaar]", state="attached")


def print_pages(page, url: str, folder: Path) -> list[Image.Image]:
    """The sheet printed to A4 by Chromium and rendered at 150 dpi, one image per page."""
    open_sheet(page, url)
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / "sheet.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(folder / "page")], check=True)
    return [Image.open(png) for png in sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))]


CONDITIONS = {
    "scherp": lambda image: image,
    "2 px onscherp": lambda image: blurred(image, 2),
    "60 dpi": lambda image: downscaled(image, DPI, 60),
}


@pytest.mark.parametrize("sheet", list(SHEETS))
def test_every_printed_code_is_small_large_and_scans_under_blur_and_low_resolution(long_site, page, sheet, tmp_path):
    """zxing reads each whole page; zbar, which loses symbols when a page holds a grid of
    them, reads each symbol cut out with its margin, as a phone frames one card."""
    url, _ = long_site
    open_sheet(page, url + SHEETS[sheet])
    expected = sorted(page.eval_on_selector_all(".sam-qr", "codes => codes.map(c => c.dataset.qr)"))
    assert expected and all(code.startswith(LONG_BASE) for code in expected)
    page.emulate_media(media="print")
    printed_mm = dict(page.eval_on_selector_all(
        ".sam-qr", "codes => codes.map(c => [c.dataset.qr, c.getBoundingClientRect().width * 25.4 / 96])"))
    page.emulate_media(media="null")  # no emulation again: page.pdf prints with print media
    images = print_pages(page, url + SHEETS[sheet], tmp_path)
    crops = [crop for image in images for crop in symbol_crops(image, DPI)]
    assert len(crops) == len(expected)
    for image in images:
        for result in decode(image):
            assert version_of(result) <= 4, result.text
            assert result.ec_level == "M"
            # the symbol, without its quiet zone, is 45 mm in the print layout ...
            modules = 17 + 4 * version_of(result)
            assert printed_mm[result.text] * modules / (modules + 8) >= 44.99, result.text
            # ... and on the rendered page (zxing's outer corners; its estimate varies by a few px)
            corners = result.position
            width_px = ((corners.top_right.x - corners.top_left.x) ** 2
                        + (corners.top_right.y - corners.top_left.y) ** 2) ** 0.5
            assert width_px / DPI * 25.4 >= 44, result.text
    for condition, transform in CONDITIONS.items():
        zxing = [result.text for image in images for result in decode(transform(image))]
        zbar = [text for crop in crops for text in decode_zbar(transform(crop))]
        assert sorted(zxing) == expected, f"zxing, {condition}"
        assert sorted(zbar) == expected, f"zbar, {condition}"


# --- cards: same height per row, captions break between words only ---------------------------

def test_cards_in_a_row_have_the_same_height_and_nine_fit_a_page(long_site, page):
    url, _ = long_site
    page.goto(url + "strategieen/agenderen/qr/")
    page.emulate_media(media="print")
    boxes = page.eval_on_selector_all(".sam-qr-card", "cards => cards.map(c => c.getBoundingClientRect().toJSON())")
    rows: dict[int, list[float]] = {}
    for box in boxes:
        rows.setdefault(round(box["top"]), []).append(box["height"])
    assert len(rows) >= 2
    for heights in rows.values():
        assert max(heights) - min(heights) < 0.5
    assert max(len(heights) for heights in rows.values()) == 3
    row_mm = max(max(h) for h in rows.values()) * 25.4 / 96
    assert 3 * row_mm + 2 * 3 <= 273 - 30  # three rows under the title on an A4 page with 12 mm margins


def test_captions_never_break_inside_a_word(long_site, page):
    url, _ = long_site
    broken = []
    for path in (SHEETS["agenderen"], SHEETS["collectiviseren"], SHEETS["cahier"], SELECTION):
        open_sheet(page, url + path)
        page.emulate_media(media="print")
        broken += page.evaluate("""() => {
            const broken = [];
            for (const caption of document.querySelectorAll('.sam-qr-card figcaption')) {
                const walker = document.createTreeWalker(caption, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    // a word: letters between spaces, hyphens and slashes (where a line may break)
                    for (const match of node.textContent.matchAll(/[^\\s\\/-]+/g)) {
                        const range = document.createRange();
                        range.setStart(node, match.index);
                        range.setEnd(node, match.index + match[0].length);
                        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                        if (tops.size > 1) broken.push(match[0]);
                    }
                }
            }
            return broken;
        }""")
    assert broken == []


def test_each_card_prints_its_short_address_as_text(long_site, page):
    url, _ = long_site
    page.goto(url + SHEETS["agenderen"])
    cards = page.locator(".sam-qr-card").all()
    assert len(cards) >= 5  # agenderen has practices: an empty sheet must not pass
    for card in cards:
        code = card.locator(".sam-qr").get_attribute("data-qr")
        assert re.fullmatch(re.escape(LONG_BASE) + r"p/\d+/", code)
        assert card.locator(".sam-short").inner_text().replace("\n", "") == code.removeprefix("https://")


# --- the selection sheet -------------------------------------------------------------------

def card_codes(page) -> list[str]:
    return page.eval_on_selector_all("#sam-selectie .sam-qr", "codes => codes.map(c => c.dataset.qr)")


def test_selection_sheet_holds_exactly_the_practices_with_both_terms(long_site, page, content):
    url, site_dir = long_site
    numbering = pipeline.numbered(content, ROOT)[1]
    both = [p for p in content.practices if "agenderen" in p.terms("strategy") and "wonen" in p.terms("sector")]
    assert 1 < len(both) < len(content.practices_with("strategy", "agenderen"))
    open_sheet(page, url + SELECTION)
    assert sorted(card_codes(page)) == sorted(f"{LONG_BASE}p/{numbering.numbers[p.slug]}/" for p in both)
    expect(page.locator("h1")).to_have_text("QR-blad: Agenderen · Wonen")
    # the codes are the files the build drew, not drawn in the browser
    sources = page.eval_on_selector_all("#sam-selectie .sam-qr", "codes => codes.map(c => c.src)")
    assert all(re.search(r"/qr/[0-9a-f]{24}\.svg$", src) for src in sources)
    for src in sources:
        assert (site_dir / "qr" / src.rsplit("/", 1)[1]).is_file()
    assert page.locator("canvas").count() == 0
    # the same cards as the strategy sheets
    strategy = page.context.new_page()
    strategy.goto(url + SHEETS["agenderen"])
    sheet_card = strategy.locator(".sam-qr-card").first.evaluate(
        "c => [...c.querySelectorAll('*')].map(e => e.tagName + '.' + e.className)")
    strategy.close()
    assert page.locator("#sam-selectie .sam-qr-card").first.evaluate(
        "c => [...c.querySelectorAll('*')].map(e => e.tagName + '.' + e.className)") == sheet_card


def result_titles(page) -> list[str]:
    expect(page.locator("#sam-status")).not_to_have_text(re.compile("Zoeken|Typ een zoekterm"), timeout=15000)
    return sorted(page.locator("#sam-resultaten > li > a").all_inner_texts())


def test_the_link_on_the_search_page_prints_the_same_selection(long_site, page):
    url, _ = long_site
    page.goto(url + "zoeken/?q=coalitie")
    page.get_by_label(re.compile("^Agenderen")).check()
    expect(page).to_have_url(re.compile(r"\?q=coalitie&strategy=agenderen$"))
    on_search = result_titles(page)
    # the search may also find cahiers; the sheet holds the practices among them
    page.get_by_role("link", name="Druk deze selectie af als QR-blad").click()
    expect(page).to_have_url(url + "zoeken/afdrukken/?q=coalitie&strategy=agenderen")
    page.wait_for_selector("#sam-selectie[data-klaar]", state="attached")
    on_sheet = sorted(page.locator("#sam-selectie .sam-card-title").all_inner_texts())
    assert on_sheet and set(on_sheet) <= set(on_search)
    assert len(on_sheet) == len([t for t in on_search if t in on_sheet])
    expect(page.locator("h1")).to_have_text("QR-blad: ‘coalitie’ · Agenderen")
    # a bookmarked address gives the same sheet in a fresh browser context
    fresh = page.context.browser.new_page()
    open_sheet(fresh, url + "zoeken/afdrukken/?q=coalitie&strategy=agenderen")
    assert sorted(fresh.locator("#sam-selectie .sam-card-title").all_inner_texts()) == on_sheet
    fresh.close()


def test_selection_sheet_without_a_selection_explains_what_to_do(long_site, page):
    url, _ = long_site
    open_sheet(page, url + "zoeken/afdrukken/")
    expect(page.locator("#sam-selectie-status")).to_contain_text("Er is nog niets geselecteerd")
    assert page.locator("#sam-selectie .sam-qr-card").count() == 0


# --- worksheets ------------------------------------------------------------------------------

def pdf_page_texts(pdf: Path) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                              text=True, check=True).stdout).group(1))
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout for n in range(1, count + 1)]


def test_worksheets_hold_the_four_exercises_each_on_its_own_page(long_site, page, content, tmp_path):
    url, _ = long_site
    cahier = content.cahier(CAHIER)
    markers = sum(len(re.findall(r'^!!! question "Aan de slag', (ROOT / ch.source).read_text(encoding="utf-8"), re.M))
                  for ch in cahier.chapters)
    assert markers == 4
    titles = [exercise.title for exercise in exercises(cahier)]
    assert len(titles) == 4
    print_pages(page, url + SHEETS["werkbladen"], tmp_path)
    texts = pdf_page_texts(tmp_path / "sheet.pdf")
    assert len(texts) == 4
    for text, title, exercise in zip(texts, titles, exercises(cahier)):
        flat = " ".join(text.split())
        assert title in flat
        assert [t for t in titles if t in flat] == [title]
        assert f"CAHIER 1: {cahier.title.upper()}" in flat.upper()
        assert exercise.chapter.title.upper() in flat.upper()
    actors = " ".join(texts[2].split())
    for field in ("Burgers", "Middenveld", "Overheid", "Markt", "Eens met onze boodschap",
                  "Oneens met onze boodschap", "Veel macht/invloed", "Weinig macht/invloed"):
        assert field in actors


def test_one_exercise_prints_alone_from_its_link(long_site, page, tmp_path):
    url, _ = long_site
    page.goto(url + f"cahiers/{CAHIER}/oefeningen/#oefening-3")
    pdf = tmp_path / "een.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    [text] = pdf_page_texts(pdf)
    assert "actoren in de coalitie" in text and "gedeelde strategieën" not in text


def test_worksheets_are_linked_from_the_cahier_page_and_each_exercise_box(long_site, page):
    url, _ = long_site
    page.goto(url + f"cahiers/{CAHIER}/")
    assert page.locator('a[href="oefeningen/"]').count() >= 1
    boxes = page.locator(".admonition.question")
    assert boxes.count() == 4
    for n in range(4):
        link = boxes.nth(n).get_by_role("link", name="Werkblad van deze oefening om af te drukken")
        assert link.get_attribute("href") == f"oefeningen/#oefening-{n + 1}"
    # and the chapter QR of a worksheet leads to the chapter
    page.goto(url + f"cahiers/{CAHIER}/oefeningen/")
    page.locator("#oefening-3").get_by_role("link", name="Naar het hoofdstuk").click()
    expect(page).to_have_url(re.compile(rf"/cahiers/{CAHIER}/#een-coalitie-van-bondgenoten$"))
    expect(page.locator("#een-coalitie-van-bondgenoten")).to_have_count(1)
    page.goto(url + f"cahiers/{CAHIER}/oefeningen/")
    code = page.locator("#oefening-3 .sam-qr").get_attribute("data-qr")
    page.goto(url + code.removeprefix(LONG_BASE))
    expect(page).to_have_url(re.compile(rf"/cahiers/{CAHIER}/#een-coalitie-van-bondgenoten$"))


# --- the map ---------------------------------------------------------------------------------

def test_every_map_cell_counts_the_practices_behind_its_link(long_site, page, content):
    url, _ = long_site
    page.goto(url + "praktijken/overzicht/")
    cells = page.eval_on_selector_all(".sam-map td a", "links => links.map(a => [a.textContent, a.href])")
    taxonomies = [t.key for t in content.vocabulary.taxonomies]
    assert len(cells) > 20
    for count, href in cells:
        query = parse_qs(urlsplit(href).query)
        behind = [p for p in content.practices if all(values[0] in p.terms(key) for key, values in query.items())]
        assert set(query) <= set(taxonomies) and int(count) == len(behind), href
    # and on the real search page, for every cell of one row and its totals
    row = [cell for cell in cells if "strategy=agenderen" in cell[1]]
    row += [cell for cell in cells if "strategy" not in cell[1]][:3]
    for count, href in row:
        page.goto(href)
        expect(page.locator("#sam-status")).to_have_text(re.compile(rf"^{count} "), timeout=15000)
        while page.locator("#sam-meer").is_visible():
            page.locator("#sam-meer").click()
        assert page.locator("#sam-resultaten > li").count() == int(count), href
    # empty cells are visible as empty
    empty = page.context.new_page()
    empty.goto(url + "praktijken/overzicht/")
    zero = empty.locator(".sam-map td.sam-map__leeg").first
    expect(zero).to_have_text("0")
    empty.close()


def test_map_rows_and_columns_come_from_the_vocabulary_and_headers_are_accessible(long_site, page, content):
    url, _ = long_site
    page.goto(url + "praktijken/overzicht/")
    tables = page.locator("table.sam-map__table")
    others = [t for t in content.vocabulary.taxonomies if t.key != "strategy"]
    assert tables.count() == len(others)
    for index, taxonomy in enumerate(others):
        table = tables.nth(index)
        columns = table.locator("thead th[scope=col]").all_inner_texts()
        assert columns == ["Strategie", *(t.label for t in taxonomy.terms), "Totaal"]
        rows = table.locator("tbody th[scope=row]").all_inner_texts()
        assert rows == [t.label for t in content.vocabulary["strategy"].terms]
        assert table.locator("caption").count() == 1


def test_map_scrolls_within_itself_on_a_phone_and_is_axe_clean(long_site, browser):
    url, _ = long_site
    with phone_page(browser, 390, 844) as page:
        for path in ("praktijken/overzicht/", f"cahiers/{CAHIER}/oefeningen/", SELECTION):
            open_sheet(page, url + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
            results = Axe().run(page)
            serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
            assert serious == [], path
        page.goto(url + "praktijken/overzicht/")
        region = page.locator(".sam-map").first
        assert region.evaluate("e => e.scrollWidth > e.clientWidth")
        assert region.get_attribute("tabindex") == "0"


def test_map_is_linked_from_the_practices_page_and_home(long_site, page):
    url, _ = long_site
    for path in ("praktijken/", ""):
        page.goto(url + path)
        hrefs = page.eval_on_selector_all("article a", "links => links.map(a => a.href)")
        assert url + "praktijken/overzicht/" in hrefs, path
