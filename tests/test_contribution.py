"""/bijdragen/: an outside contributor proposes a practice without Git.

The form is filled in headless Chromium the way a person does it (by label), the
generated GitHub address is caught, the file is decoded from it and added to a copy of
the project, and then the real `python -m samsite check` and a strict build must pass
with the practice linked from every term ticked. The script's rules are compared with
the Python ones on the same input: slug, YAML quoting, web addresses and messages.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from helpers import ROOT, content_links, copy_project, phone_page, run_build, samsite
from playwright.sync_api import expect
from samsite.errors import IssueCollector
from samsite.model.archetypes import ScaffoldError, slug_for, slugify
from samsite.model.schema import Kind, practice_collection
from samsite.pages.contribution_page import github_repository
from samsite.pages.form_rules import MAX_URL_BYTES
from samsite.reading.content_files import Layout
from samsite.reading.frontmatter import parse_yaml_mapping, split_front_matter
from samsite.reading.loader import load_practice
from samsite.reading.validate import FieldValidator
from samsite.reading.vocabulary_file import load_vocabulary

VOCABULARY = load_vocabulary(ROOT / "vocabulaire.yml", "vocabulaire.yml")
NEW_FILE = "https://github.com/sam-vzw/politiserend-werken/new/main/praktijken"


@pytest.fixture
def contributor(browser):
    """A phone-sized browser that records every request and answers GitHub itself (no internet)."""
    requests: list[str] = []
    github: list[str] = []

    def answer(route):
        github.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>GitHub</title>")

    with phone_page(browser, 390, 844, accept_downloads=True) as page:
        page.context.on("request", lambda request: requests.append(request.url))
        page.context.route("https://github.com/**", answer)
        page.requests, page.github = requests, github
        yield page


def fill_in(page, story: str) -> None:
    page.get_by_label("Titel", exact=False).first.fill("Buurtkeuken 't Pleintje: samen koken, samen eisen")
    page.get_by_label("Samenvatting").fill('Bewoners koken samen en maken van "honger" een publieke kwestie.')
    page.get_by_label("Organisatie").fill("Samenlevingsopbouw Brussel")
    page.get_by_label("Regio").fill("Brussel")
    page.get_by_role("group", name="Strategie").get_by_label("Agenderen", exact=True).check()
    page.get_by_role("group", name="Strategie").get_by_label("Verandering eisen", exact=True).check()
    page.get_by_role("group", name="Sector").get_by_label("Armoede en sociale uitsluiting", exact=True).check()
    page.get_by_role("group", name="Sector").get_by_label("Samenlevingsopbouw", exact=True).check()
    page.get_by_role("group", name="Niveau").get_by_label("Lokaal", exact=True).check()
    page.get_by_label("Jaar").fill("2023")
    page.get_by_role("group", name="Cahier").get_by_label("Samen het verschil maken", exact=True).check()
    page.get_by_label("Links").fill("Website van de buurtkeuken https://www.voorbeeld.be/pleintje\n"
                                    "https://www.voorbeeld.be/verslag?jaar=2023&deel=1")
    page.get_by_label("Het verhaal").fill(story)


STORY = ("## De kwestie\n\n### Honger\n\nIn de wijk eten gezinnen te weinig: *niet* uit onwetendheid.\n\n"
         "## Wie doet mee\n\n- bewoners\n- het opbouwwerk: 'samen' sterk\n\n"
         "## Hoe ze politiseren\n\nZe nodigen de schepen uit aan tafel.\n\n## Wat je ervan kan leren\n\n\n")


def test_outside_contributor_opens_a_pull_request_that_checks_and_builds(contributor, site_url, tmp_path):
    page = contributor
    page.goto(site_url + "bijdragen/")
    fill_in(page, STORY)
    button = page.locator("#pr-link")
    expect(button).to_be_enabled()
    expect(page.locator("#sam-bestandsnaam")).to_have_text("praktijken/buurtkeuken-t-pleintje-samen-koken-samen-eisen.md")
    assert all(url.startswith(site_url) for url in page.requests), [u for u in page.requests if not u.startswith(site_url)]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # usable on a phone

    with page.context.expect_page() as popup:
        button.click()
    popup.value.wait_for_load_state()
    assert len(page.github) == 1
    url = urlsplit(page.github[0])
    assert f"{url.scheme}://{url.netloc}{url.path}" == NEW_FILE
    assert len(page.github[0]) <= MAX_URL_BYTES
    query = parse_qs(url.query, strict_parsing=True)
    filename, text = query["filename"][0], query["value"][0]
    assert filename == slugify("Buurtkeuken 't Pleintje: samen koken, samen eisen") + ".md"
    assert text == page.locator("#sam-voorbeeld").inner_text()
    # The file a careful editor writes: ids, lists, quoting only where YAML needs it, the story.
    assert "strategy: [agenderen, verandering-eisen]\n" in text
    assert "sector: [armoede, samenlevingsopbouw]\n" in text
    assert "year: 2023\n" in text
    assert "links:\n  - title: Website van de buurtkeuken\n    url: https://www.voorbeeld.be/pleintje\n" in text
    assert "## De kwestie\n\n### Honger\n" in text
    assert "## Wat je ervan kan leren" not in text  # a heading left empty is dropped

    project = copy_project(tmp_path / "project")
    (project / "praktijken" / filename).write_text(text, encoding="utf-8")
    checked = samsite("check", project, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = run_build(project, tmp_path / "site")
    assert built.returncode == 0 and "WARNING" not in built.stderr, built.stderr
    slug = filename.removesuffix(".md")
    practice_url = f"/praktijken/{slug}/"
    for term_page in ("strategieen/agenderen", "strategieen/verandering-eisen", "sectoren/armoede",
                      "sectoren/samenlevingsopbouw", "niveaus/lokaal"):
        assert practice_url in content_links(tmp_path / "site", term_page), term_page
    assert practice_url in content_links(tmp_path / "site", "cahiers/samen-het-verschil-maken")
    page_html = (tmp_path / "site" / "praktijken" / slug / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page_html).group(1)
    assert html.unescape(heading) == "Buurtkeuken 't Pleintje: samen koken, samen eisen"


def python_messages(meta: dict, body: str) -> dict[str, str]:
    """What `make check` says per field about a file with these values (the real loader)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "praktijken" / "voorbeeld.md"
        path.parent.mkdir()
        path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body,
                        encoding="utf-8")
        _, issues = load_practice(path, Layout(Path(folder)), VOCABULARY)
    found = {}
    for issue in issues:
        field = {"tekst": "body"}.get(issue.field, issue.field.split(".")[0])
        found.setdefault(field, f"{issue.message}; {issue.hint}")
    return found


def test_missing_and_wrong_fields_show_the_messages_of_make_check(page, site_url):
    page.goto(site_url + "bijdragen/")
    page.get_by_label("Organisatie").fill("Een organisatie")
    page.get_by_label("Regio").fill("Gent")
    page.get_by_role("group", name="Sector").get_by_label("Wonen", exact=True).check()
    page.get_by_label("Jaar").fill("1850")
    page.get_by_label("Links").fill("Website www.voorbeeld.be")
    page.get_by_label("Het verhaal").fill("# Onze praktijk\n\nHet verhaal.\n")
    page.get_by_role("button", name="Controleer mijn voorstel").click()

    # The same values in a file, read by the real loader: title, summary, strategy and level
    # missing, a year out of range, a link without https://, a second page title.
    meta = {"organisation": "Een organisatie", "region": "Gent", "sector": ["wonen"], "year": 1850,
            "links": [{"title": "Website", "url": "www.voorbeeld.be"}]}
    expected = python_messages(meta, "# Onze praktijk\n\nHet verhaal.\n")
    assert set(expected) == {"title", "summary", "strategy", "level", "year", "links", "body"}, expected
    for field, message in expected.items():
        shown = page.locator(f'[data-field="{field}"] [data-error]')
        expect(shown).to_have_text(message)
        assert "; " in message and not re.search(r"[A-Z][a-z]+ (is|are|must) ", message)  # Dutch, with a hint
    expect(page.locator("#pr-link")).to_be_disabled()
    expect(page.locator("#sam-status")).to_contain_text("Nog 7 velden in orde te brengen")

    # Fixing one field removes its message only; the button stays disabled.
    page.get_by_label("Jaar").fill("2024")
    page.get_by_label("Jaar").blur()
    expect(page.locator('[data-field="year"] [data-error]')).to_be_hidden()
    expect(page.locator('[data-field="title"] [data-error]')).to_be_visible()
    expect(page.locator("#pr-link")).to_be_disabled()


def test_control_character_and_existing_name_are_refused(page, site_url):
    page.goto(site_url + "bijdragen/")
    page.get_by_label("Regio").fill("Ge\x07nt")
    page.get_by_label("Titel", exact=False).first.fill("Gentse Wooncoalitie")
    page.get_by_role("button", name="Controleer mijn voorstel").click()
    issues = IssueCollector("x")
    parse_yaml_mapping("region: Ge\x07nt", 2, issues)
    expect(page.locator('[data-field="region"] [data-error]')).to_have_text(
        f"{issues.issues[0].message}; {issues.issues[0].hint}")
    expect(page.locator('[data-field="title"] [data-error]')).to_contain_text("gentse-wooncoalitie.md")
    page.get_by_label("Titel", exact=False).first.fill("Index")
    page.get_by_label("Titel", exact=False).first.blur()
    expect(page.locator('[data-field="title"] [data-error]')).to_contain_text("'index.md' is voorbehouden")
    page.get_by_label("Titel", exact=False).first.fill("¿¡ 😀 !?")
    page.get_by_label("Titel", exact=False).first.blur()
    with pytest.raises(ScaffoldError) as refused:  # what `make praktijk TITLE="¿¡ 😀 !?"` says
        slug_for("¿¡ 😀 !?")
    expect(page.locator('[data-field="title"] [data-error]')).to_have_text(str(refused.value))
    expect(page.locator("#pr-link")).to_be_disabled()


SLUG_TITLES = ["Buurtwerk Café De Kaai!", "  Ééntje   voor  'ons'  ", "Ωmega ∑ 42", "ﬁjn ﬂink ½", "x" * 80,
               "een " + "heel-lange-" * 8 + "titel", "Ça va: ok?", "---", "ÅNGSTRÖM", "İstanbul ǅ", "naïeve coöperatie",
               "1 2 3", "a\u0301b\u0308c", "日本語 titel", "Straße 12", "Œuvre ﬀ"]
YAML_VALUES = ["Wonen: een recht", "yes", "No", "NULL", "~", "2024", "1e3", "0x1F", "12:30", "a #b", "#x", "- x",
               "'s-Hertogenbosch", 'Hij zei "nee"', "back\\slash", "émigré 😀", "[x]", "{x}", "&a", "*a", "!tag",
               "%x", "@x", "`x", "|", ">", "?", "x:", "on", "Off", "=", "<<", ".inf", "-.5", "+1", "Café (Gent), 2e deel",
               "tab\there", "a\u0085b", "a\u2028b", "\ufeffbom", "https://www.voorbeeld.be/a?b=c&d=e#f",
               "https://x.be:", "mailto:info@voorbeeld.be", "Test 100%", "Antwerpen’s haven", "Wat nu?!"]
URLS = ["https://www.voorbeeld.be/", "http://x.be/a(b)", "https://x.be/a(b", "www.voorbeeld.be", "ftp://x.be",
        "https://", "https:///pad", "https:x.be", "mailto:a@b.be", "javascript:alert(1)", "https://x.be/<b>",
        "HTTPS://X.BE", "https://x.be/\"", "https://x.be/{a}", "https://x.be/a|b", "data:text/html,x", "//x.be/a",
        "https://x.be/^", "https://x.be/`", "https://x.be/)(", "Website"]


def test_script_and_python_agree_on_slug_yaml_and_addresses(page, site_url):
    page.goto(site_url + "bijdragen/")
    slugs = page.evaluate("titles => titles.map(window.samBijdrage.slugify)", SLUG_TITLES)
    assert slugs == [slugify(" ".join(t.split())) for t in SLUG_TITLES]

    scalars = page.evaluate("values => values.map(v => window.samBijdrage.scalar(v))", YAML_VALUES)
    for value, written in zip(YAML_VALUES, scalars):
        issues = IssueCollector("x")
        meta, _ = parse_yaml_mapping(f"title: {written}", 2, issues)
        assert not issues.issues and meta == {"title": value}, (value, written, issues.issues)
    assert scalars[0] == '"Wonen: een recht"' and scalars[YAML_VALUES.index("Café (Gent), 2e deel")] == "Café (Gent), 2e deel"

    shown = page.evaluate("""urls => urls.map(url => {
        const values = window.samBijdrage.read();
        values.links = [{title: "Voorbeeld", url: url}];
        return window.samBijdrage.problems(values).links || null;
    })""", URLS)
    for url, message in zip(URLS, shown):
        issues = IssueCollector("x")
        FieldValidator(practice_collection(VOCABULARY), VOCABULARY, issues).validate({"links": [{"title": "Voorbeeld", "url": url}]}, {})
        links = [f"{i.message}; {i.hint}" for i in issues.issues if i.field.startswith("links")]
        assert message == (links[0] if links else None), url


def test_form_is_made_from_the_schema_and_vocabulary(built_site):
    page_html = (built_site / "bijdragen" / "index.html").read_text(encoding="utf-8")
    form = re.search(r'<form id="sam-bijdrage".*?</form>', page_html, re.S).group(0)
    names = set(re.findall(r'<(?:input|textarea)[^>]* name="([^"]+)"', form))
    # A new practice has no old file names (aliases, Kind.SLUGS): those are for renames.
    expected = {f.name for f in practice_collection(VOCABULARY).fields if f.kind not in (Kind.URL, Kind.FLAG, Kind.SLUGS)}
    assert names == expected | {"body"}
    for taxonomy in VOCABULARY.taxonomies:
        for term in taxonomy.terms:
            assert f'name="{taxonomy.key}" value="{term.id}"' in form
    assert 'id="pr-link"' in form and "Open als pull request op GitHub" in form
    # Only this page loads the script; no page loads anything from another host.
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert ("bijdragen.js" in text) == (page == built_site / "bijdragen" / "index.html"), page
    # Linked from the overview of practices, the home page and the redactiegids.
    for source in ("praktijken", "", "redactiegids"):
        assert "/bijdragen/" in content_links(built_site, source), source


def test_a_new_sector_in_the_vocabulary_is_a_new_checkbox(tmp_path, browser):
    project = copy_project(tmp_path / "project")
    vocabulary = (project / "vocabulaire.yml").read_text(encoding="utf-8")
    vocabulary = vocabulary.replace("\nlevel:\n", "\n    - id: onderwijs\n      label: Onderwijs en vorming\n"
                                    "      beschrijving: Scholen, volwassenenonderwijs en vorming.\n\nlevel:\n")
    (project / "vocabulaire.yml").write_text(vocabulary, encoding="utf-8")
    built = run_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    from gzip_server import serve
    url, server = serve(tmp_path / "site")
    try:
        page = browser.new_page()
        page.goto(url + "bijdragen/")
        box = page.get_by_role("group", name="Sector").get_by_label("Onderwijs en vorming")
        expect(box).to_have_attribute("value", "onderwijs")
        expect(box).to_have_attribute("name", "sector")
        page.close()
    finally:
        server.shutdown()


def test_a_story_too_long_for_the_address_is_downloaded_and_copied(contributor, site_url):
    page = contributor
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(site_url + "bijdragen/")
    paragraph = "Bewoners zoeken samen een antwoord op de stijgende huurprijzen in hun wijk. " * 2
    fill_in(page, "## De kwestie\n\n" + "\n\n".join([paragraph] * 70))
    sentence = page.locator("#sam-te-lang")
    expect(sentence).to_be_visible()
    expect(sentence).to_contain_text("plak je het in het grote tekstvak")
    with page.expect_download() as download, page.context.expect_page():
        page.locator("#pr-link").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text == page.locator("#sam-voorbeeld").inner_text()
    assert page.evaluate("navigator.clipboard.readText()") == text
    page.evaluate("navigator.clipboard.writeText('')")
    page.get_by_role("button", name="Kopieer het bestand").click()
    expect(page.locator("#sam-gekopieerd")).to_contain_text("Gekopieerd")
    assert page.evaluate("navigator.clipboard.readText()") == text
    url = urlsplit(page.github[-1])
    assert parse_qs(url.query) == {"filename": ["buurtkeuken-t-pleintje-samen-koken-samen-eisen.md"]}
    source = split_front_matter(text, IssueCollector("x"))
    assert source.meta["strategy"] == ["agenderen", "verandering-eisen"]


def test_without_javascript_the_page_explains_the_github_route(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "bijdragen/")
    expect(page.locator("#sam-bijdrage")).to_be_hidden()
    link = page.get_by_role("link", name="de redactiegids").first
    expect(link).to_be_visible()
    assert link.get_attribute("href").endswith("redactiegids/#via-github")
    context.close()


def test_repository_comes_from_the_edit_links():
    repo = github_repository("https://github.com/sam-vzw/politiserend-werken/edit/main/")
    assert repo.new_file_url() == NEW_FILE
    assert github_repository("https://github.com/o/r/edit/release/2026/").branch == "release/2026"
    assert github_repository("https://gitlab.com/o/r/-/edit/main/") is None
    assert github_repository("") is None


def _stricter_validator(monkeypatch):
    """A validator with rules this one does not have yet (as another branch may add them):
    a maximum length for the title and no zero-width or bidi characters in any text."""
    original = FieldValidator._check

    def check(self, field, value, line, lines):
        if field.kind is Kind.TEXT and isinstance(value, str):
            bad = next((c for c in value if c in "\u200b\u202e"), None)
            if bad:
                self.issues.add(line, field.name, f"onzichtbaar teken U+{ord(bad):04X} in de tekst",
                                "typ de tekst opnieuw")
                return None
            if field.name == "title" and len(value) > 40:
                self.issues.add(line, field.name, f"de titel telt {len(value)} tekens, de grens is 40",
                                "kort de titel in")
                return None
        return original(self, field, value, line, lines)

    monkeypatch.setattr(FieldValidator, "_check", check)


def test_rules_a_new_validator_adds_reach_the_form_without_code(monkeypatch, page, site_url):
    from samsite.build import pipeline
    from samsite.pages.form_rules import browser_rules

    site = pipeline.load(ROOT)  # the real content, loaded before the stricter rule (it would refuse it)
    _stricter_validator(monkeypatch)
    rules = browser_rules(site.vocabulary, [(c.slug, c.title) for c in site.cahiers], [p.slug for p in site.practices])
    title = next(f for f in rules["fields"] if f["name"] == "title")
    assert title["maxLength"] == 40 and title["refused"][0]["characters"] == "\u200b\u202e"
    # The page generator itself, with that validator, writes the rules the browser gets.
    from samsite.pages.contribution_page import contribution_page

    made = contribution_page(site, "https://github.com/sam-vzw/politiserend-werken/edit/main/")
    blob_pattern = r'(<script type="application/json" id="sam-bijdragen-regels">)(.*?)(</script>)'
    generated = re.search(blob_pattern, made.fragments["formulier"], re.S).group(2)
    assert '"maxLength": 40' in generated or '"maxLength":40' in generated

    def patched(route):
        original = route.fetch().text()
        blob = re.search(blob_pattern, original, re.S)
        route.fulfill(body=original[:blob.start(2)] + generated + original[blob.end(2):],
                      content_type="text/html; charset=utf-8")

    page.route(site_url + "bijdragen/", patched)
    page.goto(site_url + "bijdragen/")
    long_title = "Een titel die veel langer is dan veertig tekens"
    page.get_by_label("Titel", exact=False).first.fill(long_title)
    page.get_by_label("Regio").fill("Ge\u202ent")
    page.get_by_role("button", name="Controleer mijn voorstel").click()
    expect(page.locator('[data-field="title"] [data-error]')).to_have_text(
        python_messages({"title": long_title}, "Tekst.\n")["title"])
    # The region's character is refused by the form; `make check` refuses it before any field
    # rule runs (characters.py, with its own message), so only the form's side is compared.
    expect(page.locator('[data-field="region"] [data-error]')).to_contain_text("U+202E")
    expect(page.locator("#pr-link")).to_be_disabled()


def test_the_form_with_its_messages_is_accessible(page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + "bijdragen/")
    page.get_by_label("Jaar").fill("18")
    page.get_by_label("Links").fill("www.voorbeeld.be")
    page.get_by_role("button", name="Controleer mijn voorstel").click()
    expect(page.locator('[data-field="year"] [data-error]')).to_be_visible()
    violations = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert not violations, violations
    expect(page.get_by_role("textbox", name="Titel (verplicht)")).to_be_focused()  # the first field to fix
    assert page.get_by_role("textbox", name="Jaar (niet verplicht)").get_attribute("aria-invalid") == "true"


def test_without_a_github_repository_the_page_explains_the_route_of_the_guide():
    from samsite.build import pipeline
    from samsite.pages.contribution_page import contribution_page

    page = contribution_page(pipeline.load(ROOT), "https://git.voorbeeld.be/sam/site/edit/main/")
    body = page.fragments["formulier"]
    assert "pr-link" not in body and "<script" not in body
    assert 'href="/redactiegids.md#via-github"' in body and "niet gekoppeld aan een repository op GitHub" in body
