"""Small findings of the outside audit: valid ARIA, row headers, a real heading, and the
way from the filters to the results on a phone."""

from __future__ import annotations

import re

from helpers import phone_page, start_tags
from playwright.sync_api import expect
from samsite.pages.tables import row_headers


def labelled_without_role(html: str) -> list[dict]:
    return [tag.attrs for tag in start_tags(html)
            if tag.name in ("span", "div", "p") and "aria-label" in tag.attrs and "role" not in tag.attrs]


def test_no_aria_label_on_a_span_or_div_without_a_role(built_site):
    """aria-label is not allowed on generic elements (Nu Html Checker)."""
    for page_file in sorted(built_site.rglob("*.html")):
        if "pagefind" in page_file.parts:
            continue
        labelled = labelled_without_role(page_file.read_text(encoding="utf-8"))
        assert not labelled, (page_file, labelled[:2])


def test_link_numbers_are_read_as_link_n(page, site_url):
    page.goto(site_url + "cahiers/samen-het-verschil-maken/links/")
    first = page.locator(".sam-links li").first
    expect(first.locator(".sam-num")).to_have_text(re.compile(r"^Link 1$"))  # the hidden word counts
    expect(first.locator(".sam-num .sam-sr")).to_have_css("position", "absolute")


def test_bold_first_cells_become_row_headers():
    table = ("<table>\n<thead>\n<tr>\n<th></th>\n<th>Eens</th>\n</tr>\n</thead>\n<tbody>\n"
             "<tr>\n<td><strong>Veel macht</strong></td>\n<td>...</td>\n</tr>\n"
             '<tr>\n<td style="text-align: left;"><strong>Weinig <em>macht</em></strong></td>\n<td>...</td>\n</tr>\n'
             "</tbody>\n</table>")
    result = row_headers("<p>x</p>" + table)
    assert '<th scope="row">Veel macht</th>' in result
    assert '<th scope="row" style="text-align: left;">Weinig <em>macht</em></th>' in result
    assert '<th scope="col">Eens</th>' in result and "<thead>" in result
    # Not every first cell bold, or only part of it: left alone.
    partly = table.replace("<td><strong>Veel macht</strong></td>", "<td>Veel macht</td>")
    assert row_headers(partly) == partly
    half = table.replace("<strong>Veel macht</strong>", "<strong>Veel</strong> macht")
    assert row_headers(half) == half


def test_cahier_table_has_row_headers_and_its_contents_a_heading(built_site):
    html = (built_site / "cahiers" / "samen-het-verschil-maken" / "index.html").read_text(encoding="utf-8")
    assert '<th scope="row">Veel macht/invloed</th>' in html
    assert "<td><strong>" not in html
    assert re.search(r'<nav[^>]*aria-labelledby="sam-inhoud"[^>]*>\s*<h2 id="sam-inhoud">Inhoud', html)
    assert "<strong>Inhoud</strong>" not in html


def test_phone_reader_sees_the_count_after_ticking_a_filter_and_jumps_to_the_results(browser, site_url):
    with phone_page(browser, height=640, has_touch=True) as phone:
        phone.goto(site_url + "zoeken/")
        jump = phone.locator(".sam-naar-resultaten a")
        expect(jump).to_be_hidden()
        phone.locator(".sam-filters summary").tap()
        phone.get_by_role("checkbox", name=re.compile("^Wonen")).tap()
        expect(phone.locator("#sam-status")).to_have_text(re.compile(r"^\d+ resultaten? met 1 filter"), timeout=15000)
        count = re.match(r"\d+", phone.locator("#sam-status").inner_text()).group(0)
        expect(jump).to_have_text(f"Naar de resultaten ({count})")
        expect(jump).to_be_in_viewport()  # sticky at the bottom of the screen
        assert not phone.locator("#sam-resultaten-titel").evaluate(
            "e => e.getBoundingClientRect().top < innerHeight")  # the results are below the fold
        jump.tap()
        expect(phone.locator("#sam-resultaten-titel")).to_be_in_viewport()
        expect(phone.locator("#sam-resultaten > li").first).to_be_in_viewport()


def test_wide_screen_has_no_jump_link(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "zoeken/?sector=wonen")
    expect(page.locator("#sam-status")).to_have_text(re.compile(r"^\d+ resultaten?"), timeout=15000)
    expect(page.locator(".sam-naar-resultaten")).to_be_hidden()
