"""Content never runs code: template syntax stays text, the HTML safety net holds, edit links are true."""

from __future__ import annotations

import re

import pytest
from content_factory import practice_text
from helpers import ROOT, copy_project, run_build, snapshot
from samsite.reading.loader import load_site
from samsite.reading.safety_net import check_page_html, html_problems

JINJA_BODY = (
    "Zeven keer zeven is {{ 7*7 }}.\n\n"
    "Dit blijft staan: {% raw %} en {{ config.site_name }} en {% include 'geheim.md' %}.\n"
)


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


@pytest.mark.slow
@pytest.mark.parametrize("render_by_default", [False, True], ids=["as-configured", "macros-on-by-default"])
def test_template_syntax_in_a_practice_is_shown_literally(tmp_path, render_by_default):
    """Also when someone turns mkdocs-macros on for every page: generated pages opt out."""
    project = copy_project(tmp_path / "project", with_content=False)
    if render_by_default:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "render_by_default: false" in text
        config.write_text(text.replace("render_by_default: false", "render_by_default: true"), encoding="utf-8")
    (project / "praktijken" / "jinja.md").write_text(
        practice_text(title="Sjablonen {{ 6*7 }}", body=JINJA_BODY), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = article((tmp_path / "site" / "praktijken" / "jinja" / "index.html").read_text(encoding="utf-8"))
    assert "Zeven keer zeven is {{ 7*7 }}." in html
    assert "{% raw %}" in html and "{{ config.site_name }}" in html and "{% include 'geheim.md' %}" in html
    assert "Sjablonen {{ 6*7 }}" in html
    assert "49" not in html and "42" not in html and "Politiserend werken" not in html


def build_with_a_blind_source_check(tmp_path, body: str):
    """A real strict build of one practice ``praktijken/lek.md`` with ``body``, in a copy of
    the project whose Markdown check lets everything through: only the check of the built
    HTML (the safety net) can stop it. Returns the project, its content before, the result."""
    project = copy_project(tmp_path / "project", with_content=False)
    checks = project / "hooks" / "samsite" / "reading" / "markdown_checks.py"
    checks.write_text(checks.read_text(encoding="utf-8")
                      + "\n\ndef check_body(body, first_line, issues, page_dir=''):  # a check that misses all\n"
                        "    return []\n", encoding="utf-8")
    (project / "praktijken" / "lek.md").write_text(practice_text(title="Lek", body=body), encoding="utf-8")
    before = snapshot(project)
    return project, before, run_build(project, tmp_path / "site")


@pytest.mark.slow
def test_safety_net_stops_a_build_when_the_source_check_misses_something(tmp_path):
    """Simulate a gap in the Markdown scanner: the check of the built HTML still stops it."""
    project, before, result = build_with_a_blind_source_check(
        tmp_path, "Inleiding.\n\n<script>alert(1)</script>\n\n[klik](javascript:alert(1))\n"
                  "\nTekst\n{ onclick=\"alert(1)\" }\n")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "praktijken/lek.md:13: html: de pagina bevat <script>: dat is niet toegelaten;" in output
    assert "praktijken/lek.md:15: html: de pagina bevat een link met 'javascript:'" in output
    assert "praktijken/lek.md:18: html: de pagina bevat het attribuut 'onclick'" in output
    assert not (tmp_path / "site" / "praktijken" / "lek").exists()
    assert snapshot(project) == before


@pytest.mark.parametrize("html", [
    '<p><script>alert(1)</script></p>',
    '<p onclick="alert(1)">x</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<img src="data:image/png;base64,AAA">',
    '<b title="a>b" onmouseover=x>c</b>',
    '<!--> <iframe src="https://example.org/"></iframe> -->',
    '<svg><animate onbegin="alert(1)"/></svg>',
])
def test_safety_net_finds_script_handlers_and_bad_links(html):
    assert html_problems(html)


def test_safety_net_accepts_what_markdown_makes():
    html = ('<h2 id="kop">Kop<a class="headerlink" href="#kop" title="Link naar deze sectie">&para;</a></h2>'
            '<p><a href="https://example.org/a_(b)">x</a> <a href="mailto:a@b.be">m</a> <a href="../x/">y</a>'
            '<img alt="f" src="afbeeldingen/f.png"> <abbr title="t">A</abbr><br>'
            '<code>&lt;script&gt;</code> {{ 7*7 }}</p><table><td style="text-align: left;">c</td></table>')
    assert html_problems(html) == []
    assert check_page_html(ROOT, "docs/index.md", "<script></script>") == []  # the team's own pages


def test_the_real_content_passes_the_checks():
    site = load_site(ROOT)
    assert site.practices and site.cahiers


# -- Edit links -----------------------------------------------------------------------------

EDIT = re.search(r'edit_uri: !ENV \[EDIT_URI, "([^"]+)"\]', (ROOT / "mkdocs.yml").read_text(encoding="utf-8")).group(1)


def edit_link(built_site, page: str) -> str | None:
    html = (built_site / page.strip("/") / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<a href="([^"]+)" title="Wijzig deze pagina"', html)
    return match.group(1) if match else None


def test_practice_and_cahier_pages_edit_their_real_source_file(built_site):
    site = load_site(ROOT)
    for practice in site.practices:
        assert edit_link(built_site, f"/praktijken/{practice.slug}/") == f"{EDIT}praktijken/{practice.slug}.md"
    for cahier in site.cahiers:
        assert edit_link(built_site, f"/cahiers/{cahier.slug}/") == f"{EDIT}cahiers/{cahier.slug}/index.md"
    assert edit_link(built_site, "/") == f"{EDIT}docs/index.md"
    assert edit_link(built_site, "/redactiegids/") == f"{EDIT}docs/redactiegids.md"
    assert edit_link(built_site, "/strategieen/agenderen/") == f"{EDIT}docs/strategieen/agenderen.md"


@pytest.mark.parametrize("page", ["/praktijken/", "/cahiers/", "/strategieen/", "/sectoren/", "/sectoren/wonen/",
                                  "/niveaus/", "/niveaus/lokaal/"])
def test_generated_pages_have_no_edit_link(built_site, page):
    assert edit_link(built_site, page) is None


def test_no_edit_link_points_into_docs_for_content(built_site):
    for html_file in built_site.rglob("index.html"):
        html = html_file.read_text(encoding="utf-8")
        assert f"{EDIT}docs/praktijken/" not in html and f"{EDIT}docs/cahiers/" not in html, html_file


# -- No traceback, whatever the input ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    ("<" + "a" * 50 + " ") * 20000, "](" * 20000, "[" * 20000 + "](x)", "{" + "a=b " * 20000 + "}",
    "<" + "a" * 20000 + " " + "x" * 20000, "``a" + "`a" * 20000, "[r]:\n" * 20000, "<a" + ' title="<a' * 20000,
], ids=["tags", "links", "brackets", "braces", "long-tag", "backticks", "references", "quotes"])
def test_hostile_text_is_checked_in_linear_time(text):
    import time

    from samsite.errors import IssueCollector
    from samsite.reading.markdown_checks import check_body

    started = time.perf_counter()
    check_body(text, 1, IssueCollector("praktijken/x.md"), "praktijken")
    html_problems(text)
    assert time.perf_counter() - started < 5


def test_an_unexpected_error_in_one_file_is_reported_in_dutch(tmp_path, monkeypatch):
    from content_factory import ContentTree
    from samsite.errors import ContentError
    from samsite.reading import loader

    tree = ContentTree(tmp_path)
    tree.practice("kapot")

    def broken(*args, **kwargs):
        raise RuntimeError("stuk")

    monkeypatch.setattr(loader, "load_practice", broken)
    with pytest.raises(ContentError) as caught:
        load_site(tmp_path)
    [issue] = caught.value.issues
    assert issue.format().startswith("praktijken/kapot.md:1: bestand: dit bestand kon niet verwerkt worden "
                                     "door een onverwachte fout (RuntimeError); ")


def test_the_command_line_never_shows_a_traceback(monkeypatch, capsys):
    from samsite import __main__ as cli

    def broken(argv):
        raise KeyError("intern")

    monkeypatch.setattr(cli, "main", broken)
    monkeypatch.delenv("SAMSITE_DEBUG", raising=False)
    assert cli.run(["check", "."]) == 1
    err = capsys.readouterr().err
    assert "Er ging iets mis in de bouwcode zelf (KeyError" in err and "meld het aan het webteam" in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_a_build_never_shows_a_traceback_for_a_bug_either(tmp_path):
    project = copy_project(tmp_path / "project")
    generators = project / "hooks" / "samsite" / "pages" / "generate.py"
    generators.write_text(generators.read_text(encoding="utf-8")
                          + "\n\ndef generate_pages(site):  # a bug\n    raise ZeroDivisionError('oeps')\n",
                          encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Er ging iets mis in de bouwcode zelf (ZeroDivisionError: oeps)" in output
    assert "Traceback" not in output


def test_the_safety_net_runs_after_the_adapter_has_finished_each_page():
    """MkDocs calls hooks in the order of mkdocs.yml: the safety net (content_hooks.py) must
    see the HTML after mkdocs_hooks.py has put the generated fragments in."""
    import yaml

    class Loader(yaml.SafeLoader):  # mkdocs.yml has !ENV tags
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    hooks = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader)["hooks"]
    assert hooks.index("hooks/content_hooks.py") > hooks.index("hooks/mkdocs_hooks.py")
