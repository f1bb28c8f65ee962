"""Editor input, round 2: the body is read by a real Markdown parser, so every syntax
for a link or an image is checked, nothing crashes and nothing renders wrong in silence.

Same harness as test_check.py: a small valid project plus one defect, the real command
line (`make check`), for some cases also the real strict build; each asserts a non-zero
exit, `path:line:`, a Dutch hint, no traceback, the message in the redactiegids and the
content folders unchanged.
"""

from __future__ import annotations

import re

import pytest
from content_factory import cahier_text
from helpers import ROOT, copy_project, run_build, run_make_build, snapshot
from test_check import (
    BAD,
    CAHIER,
    CHAPTER,
    STORY_LINE,
    Case,
    case_tests,
    make_project,
    practice,
    run_check,
    story,
    template,  # noqa: F401 (the fixture the case tests ask for)
)

S = STORY_LINE
CH = "cahiers/testcahier/02-verder.md"


def chapter(*lines: str) -> dict:
    """A second chapter whose line 3 onwards is ``lines``."""
    return {CH: "# Verder\n\n" + "\n".join(lines) + "\n"}


def nested_list(levels: int, indent: int = 4) -> list[str]:
    return [" " * indent * level + f"- niveau {level}" for level in range(levels)]


REMOTE_IMAGE = ("een afbeelding van een andere website is niet toegelaten", "bewaar de afbeelding")
NO_SCHEME = ("begint met // zonder https:", "schrijf het volledige webadres")
BAD_SCHEME = ("niet met 'javascript:'", "link naar een gewone webpagina")
COMMENT = ("een HTML-commentaar (<!-- … -->) komt mee", "verwijder het commentaar")
THEME_ID = ("is niet toegelaten", "namen die met _ beginnen gebruikt de site zelf")
SPACE = ("wordt geen link: het adres bevat een spatie", "hernoem het bestand")
DEEP = ("meer dan 10 niveaus in elkaar", "maak de opsomming vlakker")
EMPTY_BOX = ("is leeg: ", "vier spaties")
ANCHOR = ("wijst naar een plaats (#) die niet bestaat", "na # komt het anker")


def case(id, files, path, line, expected, build=False):
    return Case(id, files, path, line, expected[0], expected[1], build=build)


CASES = [
    # -- every syntax for an image from another host --------------------------------------------
    case("ref-image-remote", {BAD: story("![Foto][f]", "", "[f]: https://other.example/x.png")}, BAD, S + 2,
         REMOTE_IMAGE, build=True),
    case("ref-image-remote-title", {BAD: story("![Foto][f]", "", '[f]: https://other.example/x.png "Titel"')},
         BAD, S + 2, REMOTE_IMAGE),
    case("ref-image-collapsed", {BAD: story("![f][]", "", "[f]: https://other.example/x.png")}, BAD, S + 2,
         REMOTE_IMAGE),
    case("ref-image-shortcut", {BAD: story("Kijk: ![f]", "", "[f]: https://other.example/x.png")}, BAD, S + 2,
         REMOTE_IMAGE),
    case("ref-image-angle-brackets", {BAD: story("![Foto][f]", "", "[f]: <https://other.example/x.png>")},
         BAD, S + 2, REMOTE_IMAGE),
    case("ref-image-url-next-line", {BAD: story("![Foto][f]", "", "[f]:", "    https://other.example/x.png")},
         BAD, S + 2, REMOTE_IMAGE),
    case("ref-image-label-case", {BAD: story("![Foto][GROOT Label]", "", "[groot   label]: http://other.example/x")},
         BAD, S + 2, REMOTE_IMAGE),
    case("ref-image-space-before-label", {BAD: story("![Foto] [f]", "", "[f]: https://other.example/x.png")}, BAD,
         S + 2, REMOTE_IMAGE),
    case("ref-image-in-chapter", chapter("![Foto][f]", "", "[f]: https://other.example/x.png"), CH, 5, REMOTE_IMAGE),
    case("ref-image-in-cahier-intro", {CAHIER: cahier_text(body="![Foto][f]\n\n[f]: https://other.example/x.jpg\n")},
         CAHIER, 11, REMOTE_IMAGE),
    case("image-in-link-text", {BAD: story("[![Foto](https://other.example/x.png)](https://other.example/)")},
         BAD, S, REMOTE_IMAGE),
    case("image-in-table", {BAD: story("| a | b |", "| - | - |", "| x | ![f](https://other.example/x.png) |")},
         BAD, S + 2, REMOTE_IMAGE),
    case("image-in-list-in-quote", {BAD: story("> - punt", ">   ![f](http://other.example/x.png)")}, BAD, S + 1,
         REMOTE_IMAGE),
    case("image-in-admonition", chapter('!!! note "Kader"', "    ![f](https://other.example/x.png)"), CH, 4,
         REMOTE_IMAGE),
    case("image-in-admonition-title", chapter('!!! note "Kader"', "", "    Tekst ![f][r].", "",
                                              "[r]: https://other.example/x.png"), CH, 7, REMOTE_IMAGE),
    case("image-in-admonition-title-inline", chapter('!!! note "Kijk ![f](https://other.example/x.png)"', "    Tekst."),
         CH, 3, REMOTE_IMAGE),
    case("raw-img-tag", {BAD: story('<img src="https://other.example/x.png" alt="x">')}, BAD, S, REMOTE_IMAGE),
    # -- protocol-relative and other schemes ----------------------------------------------------
    case("protocol-relative-link", {BAD: story("Zie [de site](//other.example/pagina).")}, BAD, S, NO_SCHEME,
         build=True),
    case("protocol-relative-image", {BAD: story("![Foto](//other.example/x.png)")}, BAD, S, REMOTE_IMAGE),
    case("protocol-relative-reference", {BAD: story("Zie [de site][s].", "", "[s]: //other.example/")}, BAD, S + 2,
         NO_SCHEME),
    case("protocol-relative-backslash", {BAD: story("Zie [de site](/\\other.example/).")}, BAD, S, NO_SCHEME),
    case("protocol-relative-raw-a", {BAD: story('<a href="//other.example/">x</a>')}, BAD, S, NO_SCHEME),
    case("javascript-reference-image", {BAD: story("![x][r]", "", "[r]: javascript:alert(1)")}, BAD, S + 2,
         BAD_SCHEME),
    case("javascript-collapsed-reference", {BAD: story("[r][]", "", "[r]: javascript:alert(1)")}, BAD, S + 2,
         BAD_SCHEME),
    case("javascript-unused-definition", {BAD: story("Tekst.", "", "[r]: javascript:alert(1)")}, BAD, S + 2,
         BAD_SCHEME),
    case("javascript-after-html-block", {BAD: story("<br>", "[klik](javascript:alert(1))")}, BAD, S + 1, BAD_SCHEME),
    case("javascript-in-admonition-title", chapter('!!! tip "[klik](javascript:alert(1))"', "    Tekst."), CH, 3,
         BAD_SCHEME, build=True),
    case("handler-in-admonition-title", chapter('!!! tip "<b onclick=x>t</b>"', "    Tekst."), CH, 3,
         ("het attribuut 'onclick' voert code uit", "verwijder het attribuut")),
    case("javascript-in-heading", {BAD: story("## [Kop](javascript:alert(1))")}, BAD, S, BAD_SCHEME),
    case("javascript-in-table", {BAD: story("| a |", "| - |", "| [x](javascript:alert(1)) |")}, BAD, S + 2,
         BAD_SCHEME),
    case("javascript-link-title-next-line", {BAD: story("Tekst [x](", "javascript:alert(1)) meer.")}, BAD, S,
         BAD_SCHEME),
    case("javascript-uppercase-entity", {BAD: story("[x](JaVa&#x53;cript:alert(1))")}, BAD, S,
         ("niet met 'javascript:'", "link naar een gewone webpagina")),
    case("data-reference-image", {BAD: story("![x][r]", "", "[r]: data:image/png;base64,AAAA")}, BAD, S + 2,
         ("niet met 'data:'", "ingebedde data")),
    case("stray-definition", {BAD: story("Tekst.", "[r]: https://other.example/x.png")}, BAD, S + 1,
         ("staat midden in een alinea", "witregel")),
    case("duplicate-definition", {BAD: story("[x][r]", "", "[r]: testpraktijk.md", "[r]: https://other.example/")},
         BAD, S + 3, ("is al gedefinieerd op regel", "eigen label")),
    # -- spaces in addresses: one rule for body and front-matter ----------------------------------
    case("link-with-space", {BAD: story("Zie [de site](https://www.example.org/mijn pagina).")}, BAD, S, SPACE),
    case("image-name-with-space", {BAD: story("![Foto](afbeeldingen/mijn foto.jpg)")}, BAD, S, SPACE),
    case("image-name-with-space-title", {BAD: story('![Foto](mijn foto.jpg "Titel")')}, BAD, S, SPACE),
    case("link-with-space-in-brackets", {BAD: story("Zie [de site](<https://www.example.org/mijn pagina>).")}, BAD,
         S, ("het webadres bevat spaties", "kopieer het volledige webadres")),
    case("reference-with-space", {BAD: story("[x][r]", "", "[r]: <https://www.example.org/a b>")}, BAD, S + 2,
         ("het webadres bevat spaties", "kopieer het volledige webadres")),
    case("link-without-host", {BAD: story("[x](https:///pad)")}, BAD, S,
         ("het webadres mist een domeinnaam", "kopieer het volledige webadres")),
    # -- HTML comments, declarations and theme ids ---------------------------------------------------
    case("html-comment", {BAD: story("<!-- nog na te kijken -->")}, BAD, S, COMMENT, build=True),
    case("html-comment-inline", {BAD: story("Tekst <!-- geheim --> en meer.")}, BAD, S, COMMENT),
    case("html-comment-multiline", {BAD: story("Tekst.", "", "<!--", "geheim", "-->")}, BAD, S + 2, COMMENT),
    case("html-comment-in-chapter", chapter("Tekst.", "", "<!-- TODO -->"), CH, 5, COMMENT),
    case("html-comment-in-list", {BAD: story("- punt <!-- x -->")}, BAD, S, COMMENT),
    case("doctype", {BAD: story("<!DOCTYPE html>")}, BAD, S, ("HTML is niet toegelaten (<!D…)", "gebruik Markdown")),
    case("processing-instruction", {BAD: story("Tekst <?php echo 1; ?> meer.")}, BAD, S,
         ("HTML is niet toegelaten (<?…)", "gebruik Markdown")),
    case("cdata", {BAD: story("Tekst <![CDATA[ x ]]> meer.")}, BAD, S, ("HTML is niet toegelaten (<![…)", "gebruik Markdown")),
    case("theme-id-drawer", {BAD: story("## Kop { #__drawer }")}, BAD, S, THEME_ID, build=True),
    case("theme-id-search", {BAD: story("Tekst.", "{ #__search }")}, BAD, S + 1, THEME_ID),
    case("theme-id-colon", {BAD: story("## Kop {: #__content .x }")}, BAD, S, THEME_ID),
    case("theme-id-on-link", {BAD: story("[x](testpraktijk.md){ #__consent }")}, BAD, S, THEME_ID),
    case("theme-id-on-fence", {BAD: story("``` { #__code_0 .python }", "x = 1", "```")}, BAD, S, THEME_ID),
    case("id-with-capitals", {BAD: story("## Kop { #Mijn_Kop }")}, BAD, S, THEME_ID),
    # -- crashes: nesting deeper than the renderer can follow -------------------------------------------
    case("deep-list", {BAD: story(*nested_list(300))}, BAD, S + 10, DEEP, build=True),
    case("deep-list-two-spaces", {BAD: story(*nested_list(40, 2))}, BAD, S + 10, DEEP),
    case("deep-quote", {BAD: story("> " * 400 + "tekst")}, BAD, S, DEEP, build=True),
    case("deep-quote-no-spaces", {BAD: story(">" * 3000 + " tekst")}, BAD, S, DEEP),
    case("deep-mixed", {BAD: story("> - " * 50 + "tekst")}, BAD, S, DEEP),
    case("deep-ordered-list", {BAD: story(*[" " * 4 * n + "1. punt" for n in range(60)])}, BAD, S + 10, DEEP),
    case("deep-list-in-chapter", chapter(*nested_list(200)), CH, 13, DEEP),
    # -- admonitions that would render empty or as plain text ---------------------------------------------
    case("admonition-unindented", chapter('!!! question "Aan de slag"', "Bespreek in groep."), CH, 3,
         ("het kader '!!! question' is leeg: de tekst eronder springt 0 spaties in", "vier spaties"), build=True),
    case("admonition-two-spaces", chapter('!!! question "Aan de slag"', "  Bespreek in groep."), CH, 3,
         ("de tekst eronder springt 2 spaties in", "vier spaties")),
    case("admonition-blank-then-unindented", chapter('!!! question "Aan de slag"', "", "Bespreek in groep."), CH, 3,
         EMPTY_BOX),
    case("admonition-at-end", chapter("Tekst.", "", '!!! note "Leeg"'), CH, 5,
         ("is leeg: er staat geen tekst onder", "vier spaties")),
    case("admonition-in-practice", {BAD: story("!!! tip", "Geen inspringing.")}, BAD, S, EMPTY_BOX),
    case("admonition-collapsible-unindented", chapter('??? example "Voorbeeld"', "Tekst."), CH, 3, EMPTY_BOX),
    case("admonition-two-marks", chapter('!! question "Aan de slag"', "    Bespreek."), CH, 3,
         ("wordt geen kader maar gewone tekst", "!!! question")),
    case("admonition-two-question-marks", chapter('?? note "Kader"', "    Tekst."), CH, 3,
         ("wordt geen kader maar gewone tekst", "??? note")),
    case("admonition-four-marks", chapter('!!!! warning "Opgelet"', "    Tekst."), CH, 3,
         ("wordt geen kader maar gewone tekst", "!!! warning")),
    case("admonition-dutch-type", chapter('!!! vraag "Aan de slag"', "    Bespreek."), CH, 3,
         ("het soort kader 'vraag' bestaat niet", "schrijf '!!! question'")),
    case("admonition-typo-type", chapter('!!! questoin "Aan de slag"', "    Bespreek."), CH, 3,
         ("het soort kader 'questoin' bestaat niet", "bedoelde je 'question'?")),
    case("admonition-unknown-type", chapter('!!! kader "Iets"', "    Tekst."), CH, 3,
         ("het soort kader 'kader' bestaat niet", "gebruik bv. question")),
    case("admonition-nested-unindented", chapter('!!! note "Buiten"', "    Tekst.", "", '    !!! tip "Binnen"',
                                                 "    Niet ingesprongen."), CH, 6, EMPTY_BOX),
    case("title-heading-without-space", {BAD: story("#Nog een titel", "", "Tekst.")}, BAD, S,
         ("een kop met één # ('Nog een titel')", "twee hekjes")),
    case("title-heading-in-admonition", {BAD: story('!!! note "Kader"', "    # Grote kop", "    Tekst.")}, BAD, S + 1,
         ("een kop met één # ('Grote kop')", "twee hekjes")),
    # -- chapters: order, numbers, MkDocs-style titles ------------------------------------------------------
    case("chapter-duplicate-number", {"cahiers/testcahier/1-nogmaals.md": "# Nogmaals\n\nTekst.\n"},
         "cahiers/testcahier/1-nogmaals.md", 1, ("het volgnummer 1 is al gebruikt door 01-begin.md",
                                                  "de linknummers in het gedrukte cahier")),
    case("chapter-duplicate-number-zeros", {"cahiers/testcahier/001-weer.md": "# Weer\n\nTekst.\n"},
         "cahiers/testcahier/01-begin.md", 1, ("het volgnummer 1 is al gebruikt door 001-weer.md",
                                               "eigen nummer")),
    case("chapter-front-matter-other-field", {CH: "---\ntitle: Verder\nsummary: x\n---\n\nTekst.\n"}, CH, 3,
         ("onbekend veld in een hoofdstuk", "enkel een titel")),
    case("chapter-front-matter-empty-title", {CH: "---\ntitle:\n---\n\nTekst.\n"}, CH, 5,
         ("een hoofdstuk begint met een titelregel", "'# '")),
    case("chapter-front-matter-list-title", {CH: "---\ntitle: [a, b]\n---\n\n# Verder\n\nTekst.\n"}, CH, 2,
         ("de titel van een hoofdstuk is tekst", "title: De start")),
    # -- anchors: make check knows the headings and chapters -------------------------------------------------
    case("anchor-chapter-by-title", {CHAPTER: "# Waarom van onderuit\n\nZie [hier](#waarom-van-onderuit).\n"},
         CHAPTER, 3, ANCHOR),
    case("anchor-chapter-suggestion", {CHAPTER: "# Begin\n\nZie [het vervolg](#verdr).\n", **chapter("Tekst.")},
         CHAPTER, 3, ("wijst naar een plaats (#) die niet bestaat", "bedoelde je '#verder'?")),
    case("anchor-same-practice", {BAD: story("Zie [de kwestie](#kwestie).", "", "## De kwestie", "", "Tekst.")},
         BAD, S, ("de link '#kwestie' wijst naar een plaats", "bedoelde je '#de-kwestie'?")),
    case("anchor-other-practice", {BAD: story("Zie [daar](testpraktijk.md#nergens).")}, BAD, S, ANCHOR),
    case("anchor-cahier-from-practice", {BAD: story("Zie [daar](../cahiers/testcahier/index.md#nergens).")}, BAD, S,
         ANCHOR),
    case("anchor-heading-in-fence", {BAD: story("Zie [kop](#geen-kop).", "", "```", "## Geen kop", "```")}, BAD, S,
         ANCHOR),
    case("anchor-reference-link", {BAD: story("Zie [daar][d].", "", "[d]: #nergens")}, BAD, S + 2, ANCHOR),
    # -- invisible and control characters, named by code point and column ---------------------------------------
    case("nul-in-body", {BAD: story("Tekst\x00 met een nul.")}, BAD, S, ("U+0000 (NULL), kolom 6", "kolom 6")),
    case("rtl-override-in-title", {BAD: practice(title="Buurtwerk \u202egnp.exe Het Anker")}, BAD, 2,
         ("U+202E (RIGHT-TO-LEFT OVERRIDE), kolom 18", "verwijder het teken"), build=True),
    case("zero-width-in-strategy", {BAD: practice(strategy="[agen\u200bderen]")}, BAD, 6,
         ("U+200B (ZERO WIDTH SPACE), kolom 16", "verwijder het teken")),
    case("isolate-in-summary", {BAD: practice().replace("Een korte", "Een \u2066korte")}, BAD, 3,
         ("U+2066 (LEFT-TO-RIGHT ISOLATE)", "typ de regel opnieuw")),
    case("c1-control-in-organisation", {BAD: practice().replace("Testorganisatie", "Test\x85organisatie")}, BAD, 4,
         ("onzichtbaar stuurteken in de tekst: U+0085", "typ de regel opnieuw")),
    case("bom-in-middle", {BAD: story("Tekst \ufeffmet een BOM.")}, BAD, S, ("U+FEFF", "verwijder het teken")),
    case("zero-width-joiner-in-chapter", chapter("Tek\u200dst."), CH, 3, ("U+200D (ZERO WIDTH JOINER)", "kolom 4")),
    case("bell-in-cahier", {CAHIER: cahier_text(title="Test\x07cahier")}, CAHIER, 2,
         ("onzichtbaar stuurteken in de tekst: U+0007", "kolom 12")),
    case("arabic-letter-mark", {BAD: story("Tekst \u061c hier.")}, BAD, S, ("U+061C", "verwijder het teken")),
    case("delete-char", {BAD: story("Tekst\x7f hier.")}, BAD, S, ("U+007F", "verwijder het teken")),
    case("line-separator", {BAD: story("Tekst\u2028hier.")}, BAD, S, ("U+2028", "verwijder het teken")),
    case("escape-in-link-url", {BAD: practice(extra="links:\n  - title: x\n    url: https://x.be/\x1b[31m\n")}, BAD, 11,
         ("U+001B", "verwijder het teken")),
]


test_check_names_file_line_and_hint, test_strict_build_stops_with_the_same_report = case_tests(CASES)


def test_there_are_over_a_hundred_bad_inputs_in_the_suite():
    from test_check import CASES as ROUND_ONE
    from test_images_and_limits import CASES as FILES

    every = ROUND_ONE + CASES + MESSAGE_CASES + INLINE_CASES + FILES
    assert len(every) >= 100
    assert len({c.id for c in every}) == len(every)


# -- Valid variants still build, and render as written ---------------------------------------------

VALID_CHAPTERS = {
    # MkDocs-style: front-matter title and the same title as '# ' line (shown once)
    "cahiers/testcahier/01-begin.md": "---\ntitle: Waarom van onderuit\n---\n\n# Waarom van onderuit\n\n"
                                      "Zie [het tweede](#twee) en [de kop](#een-kop).\n\n## Een kop\n\nTekst.\n",
    "cahiers/testcahier/2-twee.md": "\ufeff# Twee\r\n\r\nMet BOM en CRLF: [echte link](https://echt.example/twee).\r\n"
                                    "\r\n```\r\n# geen kop\r\n[geen link](https://fence.example/)\r\n```\r\n",
    "cahiers/testcahier/10-tien.md": "# Tien\n\n!!! question \"Aan de slag\"\n\n    Bespreek [dit](https://echt.example/tien).\n"
                                     "\n    - punt met {{ 7*7 }} en `<script>`\n\n!!!question\n    Zonder spatie.\n",
    "cahiers/testcahier/3-drie.md": "# Drie\n\nEen harde\u00a0spatie, {% raw %} en [ref][r].\n\n[r]: https://echt.example/drie\n"
                                   "\n!!! tip \"Met een tab\"\n\tIngesprongen met een tab.\n",
}


@pytest.mark.slow
def test_valid_variants_check_and_build(template, tmp_path):
    valid = Case("valid", {**VALID_CHAPTERS, BAD: "\ufeff" + practice(body="Tekst.\n\n```html\n<script>alert(1)</script>\n"
                                                                         "<!-- code -->\n```\n\n## Kop { #eigen-kop }\n\n"
                                                                         "Zie [de kop](#eigen-kop).\n").replace("\n", "\r\n")},
                 "", 0, "", "")
    project = make_project(template, tmp_path / "project", valid)
    checked = run_check(project)
    assert checked.returncode == 0, checked.stderr
    before = snapshot(project)
    built = run_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    assert snapshot(project) == before
    page = (tmp_path / "site" / "cahiers" / "testcahier" / "index.html").read_text(encoding="utf-8")
    # chapters in numeric order, each title once
    order = [page.index(f'id="{anchor}"') for anchor in ("begin", "twee", "drie", "tien")]
    assert order == sorted(order)
    assert len(re.findall(r"<h[1-6][^>]*>Waarom van onderuit", page)) == 1
    # a heading inside a fence stays code; the real ones are demoted under the chapter title
    assert "# geen kop" in page and '<h3 id="een-kop"' in page
    assert "{{ 7*7 }}" in page and "&lt;script&gt;" in page and "{% raw %}" in page
    assert 'class="admonition question"' in page and "Zonder spatie." in page
    assert re.search(r'class="admonition tip">\s*<p class="admonition-title">Met een tab</p>\s*<p>Ingesprongen', page)
    links = (tmp_path / "site" / "cahiers" / "testcahier" / "links" / "index.html").read_text(encoding="utf-8")
    assert "https://echt.example/twee" in links and "https://echt.example/tien" in links
    assert "https://echt.example/drie" in links
    assert "fence.example" not in links  # a link in code gets no printed number
    assert links.index("echt.example/twee") < links.index("echt.example/drie") < links.index("echt.example/tien")
    story_page = (tmp_path / "site" / "praktijken" / "fout" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in story_page.split("<article")[1].split("</article>")[0]
    assert "&lt;!-- code --&gt;" in story_page and 'id="eigen-kop"' in story_page


def test_heading_shift_and_link_numbering_read_code_as_code():
    from samsite.numbering.links import links_in_markdown
    from samsite.text.markdown_source import shift_headings

    source = ("# Titel\n\n~~~\n# geen kop\n[x](https://code.example/)\n~~~\n\n    # ingesprongen code\n\n"
              "Sub\n---\n\n#Vast\n\nZie [a][r], <https://auto.example/> en `[c](https://span.example/)`.\n\n"
              "[r]: https://ref.example/\n")
    shifted = shift_headings(source)
    assert shifted.split("\n")[:4] == ["## Titel", "", "~~~", "# geen kop"]
    assert "    # ingesprongen code" in shifted and "### Sub" in shifted and "##Vast" in shifted
    assert [url for _, url, _ in links_in_markdown(source)] == ["https://ref.example/", "https://auto.example/"]
    assert shift_headings("> Kop\n> ---\n> Tekst") == "> ### Kop\n>\n> Tekst"
    assert shift_headings("A\n===\n") == "A\n---\n"


@pytest.mark.slow
@pytest.mark.parametrize("error, said", [
    ("RecursionError('maximum recursion depth exceeded')", "te diep genest"),
    ("ValueError('kapot')", "Er ging iets mis in de bouwcode zelf (ValueError: kapot)"),
])
def test_make_build_turns_a_renderer_crash_into_dutch(tmp_path, error, said):
    """Whatever the renderer raises while it turns a page into HTML, `make build` reports it in
    Dutch, naming no traceback. The crash comes from a hook of the copied project's own (Python-
    Markdown 3.11 no longer overflows on deep nesting, so content cannot be relied on to crash it)."""

    from helpers import copy_project

    project = copy_project(tmp_path / "project", with_content=False)
    (project / "hooks" / "renderer_crash.py").write_text(
        "def on_page_content(html, page, **kwargs):\n"
        "    if page.file.src_uri == 'over-politiserend-werken.md':\n"
        f"        raise {error}\n"
        "    return html\n", encoding="utf-8")
    config_path = project / "mkdocs.yml"
    config = config_path.read_text(encoding="utf-8")
    assert "\nhooks:\n" in config
    config_path.write_text(config.replace("\nhooks:\n", "\nhooks:\n  - hooks/renderer_crash.py\n"), encoding="utf-8")
    result = run_make_build(project, tmp_path / "site", "--quiet")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and said in output, output
    assert "Klaar: de site is gebouwd." not in output
    assert "INFO" not in output


@pytest.mark.slow
def test_make_build_is_quiet_unless_asked(tmp_path):
    project = copy_project(tmp_path / "project", with_content=False)
    quiet = run_make_build(project, tmp_path / "site", "--quiet")
    assert quiet.returncode == 0, quiet.stderr
    assert "INFO" not in quiet.stdout + quiet.stderr and "Klaar: de site is gebouwd." in quiet.stdout
    verbose = run_make_build(project, tmp_path / "site")
    assert verbose.returncode == 0 and "INFO" in verbose.stderr
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"mkdocs_cli\.py build --strict \$\(if \$\(V\),,--quiet\)", text)


# -- Messages a non-programmer can act on ---------------------------------------------------------------

MESSAGE_CASES = [
    Case("strategy-comma-list", {BAD: practice(strategy="collectiviseren, agenderen")}, BAD, 6,
         "onbekende strategie 'collectiviseren, agenderen'", "strategy: [collectiviseren, agenderen]"),
    Case("strategy-comma-list-typo", {BAD: practice(strategy="collectiviseren, agendren")}, BAD, 6,
         "onbekende strategie", "strategy: [collectiviseren, agenderen]"),
    Case("sector-label-not-id", {BAD: practice(sector="[Armoede en sociale uitsluiting]")}, BAD, 7,
         "onbekende sector 'Armoede en sociale uitsluiting'", "bedoelde je 'armoede'?"),
    Case("level-label-capital", {BAD: practice(level="[Vlaams]")}, BAD, 8, "onbekende niveau 'Vlaams'",
         "bedoelde je 'vlaams'?"),
    Case("unknown-field-date", {BAD: practice(extra="date: 2024-03-01\n")}, BAD, 9, "date: onbekend veld",
         "year: 2024"),
    Case("unknown-field-tags", {BAD: practice(extra="tags: [wonen]\n")}, BAD, 9, "tags: onbekend veld",
         "strategy, sector en level"),
    Case("curly-quotes", {BAD: practice(title="\u201cWonen: een recht\u201d")}, BAD, 2,
         "een dubbele punt staat op een plaats waar dat niet mag", "enkel rechte aanhalingstekens"),
    Case("summary-wrapped", {BAD: practice().replace("summary: Een korte samenvatting.",
                                                     "summary: Een lange samenvatting\ndie verder loopt.")}, BAD, 4,
         "er ontbreekt een dubbele punt", "inspringen met twee spaties"),
    Case("summary-wrapped-three-lines", {BAD: practice().replace(
        "summary: Een korte samenvatting.", "summary: Een lange samenvatting\ndie verder loopt\nen nog verder.")},
         BAD, 4, "er ontbreekt een dubbele punt", "loopt de tekst van 'summary' door"),
    Case("links-without-scheme", {BAD: practice(extra="links: [www.voorbeeld.be]\n")}, BAD, 9,
         "het webadres 'www.voorbeeld.be' begint niet met https://", "begin met https://, bv. https://www.voorbeeld.be"),
    Case("links-protocol-relative", {BAD: practice(extra="links:\n  - title: Site\n    url: //www.voorbeeld.be/x\n")},
         BAD, 11, "het webadres '//www.voorbeeld.be/x' begint niet met https://", "bv. https://www.voorbeeld.be/x"),
    Case("pdf-without-scheme", {CAHIER: cahier_text(extra="pdf: www.sam-vzw.be/cahier.pdf\n")}, CAHIER, 7,
         "begint niet met https://", "bv. https://www.sam-vzw.be/cahier.pdf"),
    Case("nbsp-in-strategy-id", {BAD: practice(strategy="[verandering\u00a0eisen]")}, BAD, 6,
         "onbekende strategie", "er staat een harde spatie (U+00A0) in: ids hebben koppeltekens; bedoelde je "
                                "'verandering-eisen'?"),
    Case("heading-with-theme-anchor", {BAD: story("## __drawer", "", "Tekst.")}, BAD, S,
         "de kop krijgt het anker '#__drawer', dat de site zelf gebruikt", "begin de kop met een letter"),
    Case("missing-image-in-cahier", chapter("![Schema](schema.png)"), CH, 3,
         "de afbeelding 'schema.png' bestaat niet", "zet het bestand in cahiers/testcahier/"),
]


@pytest.mark.parametrize("case", MESSAGE_CASES, ids=[c.id for c in MESSAGE_CASES])
def test_messages_say_what_to_do(case, template, tmp_path):
    test_check_names_file_line_and_hint(case, template, tmp_path)
    output = run_check(make_project(template, tmp_path / "again", case)).stderr
    assert "niet met geen" not in output and "praktijken/afbeeldingen/" not in output.split(case.path)[1]


@pytest.mark.slow
def test_the_safety_net_holds_for_the_new_leaks_too(tmp_path):
    """Simulate a gap in the Markdown reading: the check of the built HTML still stops them."""
    from test_safety import build_with_a_blind_source_check

    project, before, result = build_with_a_blind_source_check(
        tmp_path, "Inleiding ![x][r].\n\n[r]: https://other.example/x.png\n\n<!-- geheim -->\n\n"
                  "## Kop { #__drawer }\n\n![y](//other.example/y.png)\n")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "praktijken/lek.md:13: html: de pagina bevat een afbeelding van een andere website" in output
    assert "praktijken/lek.md:15: html: de pagina bevat een HTML-commentaar" in output
    assert "praktijken/lek.md:17: html: de pagina bevat het anker '#__drawer' van de site zelf" in output
    assert "praktijken/lek.md:19: html: de pagina bevat een afbeelding van een andere website" in output
    assert snapshot(project) == before


def test_an_admonition_right_under_text_is_read_as_python_markdown_does():
    from samsite.errors import IssueCollector
    from samsite.reading.markdown_checks import check_body

    issues = IssueCollector("cahiers/x/01-a.md")
    check_body("Tekst.\n!!! question \"Aan de slag\"\nNiet ingesprongen.\n", 3, issues, "cahiers/x")
    assert [(issue.line, issue.field) for issue in issues.issues] == [(4, "kader")]


DEEP_INLINE = ("meer dan 20 keer in elkaar", "sluit elke * en **")
INLINE_CASES = [
    Case("deep-emphasis", {BAD: story("*a " * 3000 + "x" + " a*" * 3000)}, BAD, S, *DEEP_INLINE, build=True),
    Case("deep-strong", {BAD: story("**" * 2000 + "x" + "**" * 2000)}, BAD, S, *DEEP_INLINE),
    Case("deep-mixed-emphasis", {BAD: story("*a **b " * 30 + "x" + " b** a*" * 30)}, BAD, S, *DEEP_INLINE),
    Case("deep-emphasis-in-chapter", chapter("Tekst.", "", "_a " * 500 + "x" + " a_" * 500), CH, 5, *DEEP_INLINE),
    Case("reference-definition-with-space", {BAD: story("[x][r]", "", "[r]: https://www.example.org/a b")}, BAD,
         S + 2, "wordt geen link: het adres bevat een spatie", "vervang de spatie"),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=[pytest.mark.slow] if c.build else [])
                                  for c in INLINE_CASES])
def test_inline_nesting_and_spaced_definitions(case, template, tmp_path):
    test_check_names_file_line_and_hint(case, template, tmp_path)
    if case.build:
        test_strict_build_stops_with_the_same_report(case, template, tmp_path / "build")


def test_random_markdown_never_breaks_the_reading():
    """Seeded fuzzing with the syntax editors (and attackers) type: every function that reads
    a body returns, whatever the mix (a bug here would be a traceback for an editor)."""
    import random

    from samsite.errors import IssueCollector
    from samsite.reading.anchors import content_ids, heading_anchors
    from samsite.reading.markdown_checks import check_body
    from samsite.reading.validate import check_url
    from samsite.text.markdown_source import external_links, shift_headings

    pieces = ["[", "]", "(", ")", "!", "<", ">", "{", "}", "#", "*", "_", "`", "```", "~~~", "\n", "\n\n", "    ",
              "> ", "- ", "1. ", "!!! note", "??? tip", "!!", "[r]: ", "https://x.example", "//h", "javascript:", "<!--",
              "-->", "<a href=", '"', "'", "=", ":", "|", "---", "===", "\t", "\r\n", "é", "&#106;", "\\", "word ",
              "{ #id }", "{: .c }", "<br>", "<abbr title=x>", "%20", "\u00a0", "https://[", "mailto:", "<img src="]
    generator = random.Random(10)
    for _ in range(1500):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(1, 120)))
        check_body(text, 1, IssueCollector("praktijken/x.md"), "praktijken")
        shift_headings(text), external_links(text), heading_anchors(text), content_ids(text), check_url(text)
