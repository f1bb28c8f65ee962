"""`make check` on bad input: every defect named by file and line, in Dutch, with a hint.

Each case is a small project (a copy of the real one, without its content) with one valid
cahier and practice plus one defect. It runs the command line of `make check` (in this Python,
so the cases are in the fast tier; test_every_problem_in_every_file_is_reported_at_once runs
the real `python -m samsite check`), and for some cases also the real strict MkDocs build, and
checks: a non-zero exit, the message at `path:line:`, a Dutch hint after the ';', no traceback,
the message documented in the redactiegids, and the content folders byte for byte unchanged.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from content_factory import cahier_text, practice_text
from guide_messages import is_documented
from helpers import copy_project, png, run_build, samsite, snapshot

CAHIER = "cahiers/testcahier/index.md"
CHAPTER = "cahiers/testcahier/01-begin.md"
PRACTICE = "praktijken/testpraktijk.md"
BAD = "praktijken/fout.md"
# practice_text: line 1 '---', 2 title, 3 summary, 4 organisation, 5 region, 6 strategy,
# 7 sector, 8 level, then `extra`, then '---', an empty line and the body.
BODY_LINE = 11  # first body line of practice_text() without extra lines


def practice(**fields) -> str:
    return practice_text(title=fields.pop("title", "Foute praktijk"), **fields)


def story(*lines: str) -> str:
    """A practice whose body is 'Inleiding.', an empty line, then ``lines`` (from line 13 on)."""
    return practice(body="Inleiding.\n\n" + "\n".join(lines) + "\n")


STORY_LINE = BODY_LINE + 2


@dataclass(frozen=True)
class Case:
    id: str
    files: dict  # path -> text or bytes (or a Path target for a symlink), added to the valid project
    path: str  # the file the message names
    line: int
    message: str  # a fragment of the message
    hint: str  # a fragment of the hint after ';'
    build: bool = False  # also run the real strict build
    remove: tuple = field(default=())  # files of the valid project to delete first


CASES = [
    # -- YAML syntax --------------------------------------------------------------------
    Case("yaml-tab", {BAD: practice(extra="links:\n\t- title: x\n")}, BAD, 10,
         "er staat een tab in de YAML", "spaties in plaats van tabs", build=True),
    Case("yaml-unclosed-bracket", {BAD: practice(strategy="[agenderen")}, BAD, 6,
         "niet goed afgesloten met ]", "sluit elke ["),
    Case("yaml-unclosed-brace", {BAD: practice(sector="{wonen")}, BAD, 7,
         "niet goed afgesloten met }", "sluit elke ["),
    Case("yaml-unclosed-quote", {BAD: practice(title='"Foute praktijk')}, BAD, 2,
         "het bestand stopt midden in een waarde", "aanhalingsteken"),
    Case("front-matter-never-closes", {BAD: "---\ntitle: Foute praktijk\n\nHet verhaal.\n"}, BAD, 1,
         "het front-matter blok wordt nooit afgesloten", "regel met enkel '---'"),
    Case("no-front-matter", {BAD: "Het verhaal, zonder velden.\n"}, BAD, 1,
         "het bestand begint niet met '---'", "eerste regel '---'"),
    Case("list-instead-of-mapping", {BAD: "---\n- title: Foute praktijk\n- summary: Kort.\n---\n\nTekst.\n"},
         BAD, 2, "verwacht velden ('veld: waarde'), maar vond een lijst", "zonder '-' ervoor"),
    Case("duplicate-key", {BAD: practice(extra="title: Nog een titel\n")}, BAD, 9,
         "dit veld staat er twee keer in", "houd één regel over"),
    Case("yaml-alias", {BAD: practice(sector="&s [wonen]", level="*s")}, BAD, 8,
         "verwijzingen met & en * zijn niet toegelaten", "voluit"),
    Case("yaml-tag", {BAD: practice(extra="year: !!python/object:os.system 2024\n")}, BAD, 9,
         "een waarde begint met '!'", "aanhalingstekens"),
    Case("control-character", {BAD: practice(title="Foute\x00praktijk")}, BAD, 2,
         "onzichtbaar stuurteken", "typ de regel opnieuw"),
    # -- files ----------------------------------------------------------------------------
    Case("not-utf8", {BAD: practice(extra="region: Liège\n").replace("region: Gent\n", "").encode("latin-1")},
         BAD, 8, "het bestand is geen UTF-8", "bewaar het bestand opnieuw als UTF-8", build=True),
    Case("empty-file", {BAD: ""}, BAD, 1, "het bestand is leeg", "front-matter blok"),
    Case("empty-body", {BAD: practice(body="\n")}, BAD, 10,
         "het verhaal onder de front-matter is leeg", "schrijf het verhaal"),
    Case("title-heading-in-story", {BAD: story("# Nog een titel", "", "Tekst.")}, BAD, STORY_LINE,
         "een kop met één # ('Nog een titel') wordt een tweede paginatitel", "## De kwestie"),
    Case("setext-title-in-story", {BAD: story("Nog een titel", "=============", "", "Tekst.")}, BAD, STORY_LINE,
         "een kop met één # ('Nog een titel')", "twee hekjes"),
    Case("uppercase-file-name", {"praktijken/Fout.md": practice()}, "praktijken/Fout.md", 1,
         "'Fout' is geen geldige naam", "kleine letters"),
    Case("same-slug-other-case", {"praktijken/testpraktijk.MD": practice()}, "praktijken/testpraktijk.MD", 1,
         "dezelfde naam als praktijken/testpraktijk.md", "houd één van de twee over"),
    Case("same-slug-upper-name", {"praktijken/TestPraktijk.md": practice()}, "praktijken/TestPraktijk.md", 1,
         "dezelfde naam als praktijken/testpraktijk.md", "kleine letters"),
    Case("reserved-slug", {"praktijken/index.md": practice()}, "praktijken/index.md", 1,
         "de naam 'index' is voorbehouden", "naam van de praktijk"),
    Case("not-read-extension", {"praktijken/verhaal.txt": practice()}, "praktijken/verhaal.txt", 1,
         "dit bestand wordt niet gelezen", "hernoem het naar 'verhaal.md'"),
    Case("stray-file-type", {"praktijken/verslag.docx": b"PK\x03\x04"}, "praktijken/verslag.docx", 1,
         "dit soort bestand ('.docx') hoort niet bij de inhoud", "verwijder het bestand"),
    Case("symlink", {"praktijken/geheim.md": Path("../vocabulaire.yml")}, "praktijken/geheim.md", 1,
         "symbolische link", "het echte bestand"),
    Case("cahier-as-file", {"cahiers/los.md": cahier_text()}, "cahiers/los.md", 1,
         "een cahier is een map", "make cahier"),
    Case("cahier-without-index", {"cahiers/leeg/01-begin.md": "# Begin\n\nTekst.\n"}, "cahiers/leeg/index.md", 1,
         "elk cahier heeft een index.md", "make cahier"),
    Case("chapter-without-title", {"cahiers/testcahier/02-verder.md": "Tekst zonder titel.\n"},
         "cahiers/testcahier/02-verder.md", 1, "een hoofdstuk begint met een titelregel", "'# '"),
    Case("chapter-bad-name", {"cahiers/testcahier/verder.md": "# Verder\n\nTekst.\n"},
         "cahiers/testcahier/verder.md", 1, "geen geldige naam voor een hoofdstuk", "volgnummer"),
    # -- fields ---------------------------------------------------------------------------
    Case("missing-required", {BAD: practice().replace("summary: Een korte samenvatting.\n", "")}, BAD, 1,
         "summary: verplicht veld ontbreekt", "vul in: "),
    Case("empty-required", {BAD: practice().replace("summary: Een korte samenvatting.", "summary:")}, BAD, 3,
         "summary: verplicht veld is leeg", "vul in: "),
    Case("empty-required-list", {BAD: practice(level="[]")}, BAD, 8, "level: verplicht veld is leeg", "vul in: "),
    Case("wrong-type-year", {BAD: practice(extra="year: tweeduizend\n")}, BAD, 9,
         "verwacht jaartal, maar kreeg tekst", "bv. year: 2024"),
    Case("wrong-type-terms", {BAD: practice(strategy="{agenderen: true}")}, BAD, 6,
         "verwacht één of meer ids uit het vocabulaire, maar kreeg blok met velden", "bv. strategy"),
    Case("wrong-type-cahier-number", {CAHIER: cahier_text(number='"een"')}, CAHIER, 3,
         "verwacht geheel getal, maar kreeg tekst", "bv. number: 1"),
    Case("unknown-strategy", {BAD: practice(strategy="[agendren]")}, BAD, 6,
         "onbekende strategie 'agendren'", "bedoelde je 'agenderen'?", build=True),
    Case("unknown-sector", {BAD: practice(sector="[huisvesting]")}, BAD, 7,
         "onbekende sector 'huisvesting'", "kies uit: wonen"),
    Case("unknown-level", {BAD: practice(level="[gemeentelijk]")}, BAD, 8,
         "onbekende niveau 'gemeentelijk'", "kies uit: lokaal"),
    Case("unknown-key-typo", {BAD: practice(extra="stratgy: [agenderen]\n")}, BAD, 9,
         "stratgy: onbekend veld", "bedoelde je 'strategy'?"),
    Case("missing-cahier", {BAD: practice(extra="cahier: [bestaat-niet]\n")}, BAD, 9,
         "er bestaat geen cahier 'bestaat-niet'", "kies uit: testcahier"),
    Case("duplicate-title", {"praktijken/tweede.md": practice(title="Testpraktijk")}, "praktijken/tweede.md", 2,
         "dezelfde titel als praktijken/testpraktijk.md", "eigen titel"),
    Case("duplicate-cahier-number", {"cahiers/tweede/index.md": cahier_text(title="Tweede", number=1)},
         "cahiers/tweede/index.md", 3, "nummer 1 is al gebruikt door cahiers/testcahier/index.md", "eigen volgnummer"),
    Case("macros-in-practice", {BAD: practice(extra="render_macros: true\n")}, BAD, 9,
         "macro's aanzetten is niet toegestaan", "nooit als sjabloon uitgevoerd", build=True),
    Case("macros-in-cahier", {CAHIER: cahier_text(extra="macros_include: [geheim.md]\n")}, CAHIER, 7,
         "macro's aanzetten is niet toegestaan", "verwijder deze regel"),
    # -- URLs in the front-matter -------------------------------------------------------------
    Case("front-matter-javascript-url",
         {BAD: practice(extra="links:\n  - title: Klik\n    url: javascript:alert(1)\n")}, BAD, 11,
         "niet met 'javascript:'", "webadres uit je browser"),
    Case("front-matter-url-breaks-out",
         {BAD: practice(extra="links:\n  - title: Klik\n    url: 'https://x.be/){ onclick=alert(1) }'\n")}, BAD, 11,
         "het webadres bevat spaties", "webadres uit je browser"),
    Case("cahier-pdf-data-url", {CAHIER: cahier_text(extra="pdf: data:application/pdf;base64,AAAA\n")}, CAHIER, 7,
         "niet met 'data:'", "webadres uit je browser"),
    # -- links and images in the text -------------------------------------------------------
    Case("javascript-link", {BAD: story("[Klik hier](javascript:alert(1))")}, BAD, STORY_LINE,
         "niet met 'javascript:'", "link naar een gewone webpagina", build=True),
    Case("javascript-link-entities", {BAD: story("[Klik](&#106;avascript:alert(1))")}, BAD, STORY_LINE,
         "niet met 'javascript:'", "link naar een gewone webpagina"),
    Case("javascript-reference-link", {BAD: story("[Klik][doel]", "", "[doel]: javascript:alert(1)")}, BAD,
         STORY_LINE + 2, "niet met 'javascript:'", "link naar een gewone webpagina"),
    Case("vbscript-autolink", {BAD: story("Zie <vbscript:msgbox(1)>.")}, BAD, STORY_LINE,
         "niet met 'vbscript:'", "link naar een gewone webpagina"),
    Case("data-image", {BAD: story("![Foto](data:image/png;base64,iVBORw0KGgo=)")}, BAD, STORY_LINE,
         "niet met 'data:'", "ingebedde data"),
    Case("missing-image", {BAD: story("![Actie aan het stadhuis](afbeeldingen/actie.jpg)")}, BAD, STORY_LINE,
         "de afbeelding 'afbeeldingen/actie.jpg' bestaat niet", "controleer de naam"),
    Case("svg-image", {BAD: story("![Logo](afbeeldingen/logo.svg)"),
                       "praktijken/afbeeldingen/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"},
         BAD, STORY_LINE, "SVG-afbeeldingen zijn niet toegelaten", "PNG of JPG"),
    Case("remote-image", {BAD: story("![Foto](https://example.org/foto.jpg)")}, BAD, STORY_LINE,
         "een afbeelding van een andere website is niet toegelaten", "bewaar de afbeelding"),
    Case("broken-internal-link", {BAD: story("Zie ook [de andere](bestaat-niet.md).")}, BAD, STORY_LINE,
         "de link 'bestaat-niet.md' wijst naar een pagina die niet bestaat", "controleer de naam"),
    Case("broken-absolute-link", {BAD: story("Zie [deze strategie](/strategieen/onbekend.md).")}, BAD, STORY_LINE,
         "de link '/strategieen/onbekend.md' wijst naar een pagina die niet bestaat", "controleer de naam"),
    Case("link-to-url-not-file", {BAD: story("Zie [agenderen](../strategieen/agenderen/).")}, BAD, STORY_LINE,
         "wijst naar een pagina die niet bestaat", "(../strategieen/agenderen.md)"),
    Case("link-to-chapter-file", {CHAPTER: "# Begin\n\nLees verder in [het vervolg](02-vervolg.md).\n",
                                  "cahiers/testcahier/02-vervolg.md": "# Vervolg\n\nTekst.\n"},
         CHAPTER, 3, "een hoofdstuk is geen aparte pagina", "(#vervolg)"),
    # -- HTML and attributes ----------------------------------------------------------------------
    Case("script", {BAD: story("<script>alert(1)</script>")}, BAD, STORY_LINE,
         "<script> is niet toegelaten", "verwijder de code", build=True),
    Case("iframe", {BAD: story('<iframe src="https://www.youtube.com/embed/x"></iframe>')}, BAD, STORY_LINE,
         "<iframe> is niet toegelaten", "link naar de inhoud"),
    Case("object", {BAD: story('<object data="film.swf"></object>')}, BAD, STORY_LINE,
         "<object> is niet toegelaten", "verwijder de code"),
    Case("embed", {BAD: story('<embed src="film.swf">')}, BAD, STORY_LINE,
         "<embed> is niet toegelaten", "verwijder de code"),
    Case("style", {BAD: story("<style>body { display: none }</style>")}, BAD, STORY_LINE,
         "<style> is niet toegelaten", "verwijder de code"),
    Case("form", {BAD: story('<form action="https://example.org/"><input name="x"></form>')}, BAD, STORY_LINE,
         "<form> is niet toegelaten", "verwijder de code"),
    Case("script-in-cahier-chapter", {CHAPTER: "# Begin\n\nTekst.\n\n<script src=x></script>\n"}, CHAPTER, 5,
         "<script> is niet toegelaten", "verwijder de code"),
    Case("other-html", {BAD: story("<div>Een kader</div>")}, BAD, STORY_LINE,
         "HTML is niet toegelaten (<div>)", "gebruik Markdown"),
    Case("event-attribute", {BAD: story('Het <abbr title="x" onmouseover="alert(1)">OCMW</abbr>.')}, BAD,
         STORY_LINE, "het attribuut 'onmouseover' voert code uit", "verwijder het attribuut"),
    Case("event-attribute-multiline", {BAD: story("Tekst <abbr", 'onclick="alert(1)">OCMW</abbr>.')}, BAD,
         STORY_LINE, "het attribuut 'onclick' voert code uit", "verwijder het attribuut"),
    Case("attr-list-onclick", {BAD: story("Een alinea.", '{ onclick="alert(1)" }')}, BAD, STORY_LINE + 1,
         "het attribuut 'onclick' voert code uit", "uit de { }", build=True),
    Case("attr-list-heading", {BAD: story("## Kop {: onmouseover=alert(1) }")}, BAD, STORY_LINE,
         "het attribuut 'onmouseover' voert code uit", "uit de { }"),
    Case("attr-list-href", {BAD: story('[Site](https://example.org/){: href="javascript:alert(1)" }')}, BAD,
         STORY_LINE, "het attribuut 'href' is niet toegelaten tussen { }", "enkel #id, .klasse"),
]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """The real project without its content, plus one valid cahier and practice."""
    project = copy_project(tmp_path_factory.mktemp("template") / "project", with_content=False)
    files = {CAHIER: cahier_text(title="Testcahier"), CHAPTER: "# Begin\n\nTekst.\n",
             PRACTICE: practice_text(title="Testpraktijk", extra="cahier: [testcahier]\n")}
    for path, text in files.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, encoding="utf-8")
    checked = run_check(project)
    assert checked.returncode == 0, checked.stderr
    return project


def make_project(template: Path, target: Path, case: Case) -> Path:
    """A copy of ``template`` with ``case``; its hooks/ (which no case changes) is a link to the
    template's copy, so that a case costs a few small files."""
    project = Path(shutil.copytree(template, target, symlinks=True,
                                   ignore=lambda folder, _: ["hooks"] if Path(folder) == template else []))
    (project / "hooks").symlink_to(template / "hooks", target_is_directory=True)
    for path in case.remove:
        (project / path).unlink()
    for path, content in case.files.items():
        file = project / path
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            file.symlink_to(content)
        elif isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, encoding="utf-8")
    return project


def run_check(project: Path, in_process: bool = True) -> subprocess.CompletedProcess:
    """`make check`: the command line the Makefile runs, in this Python (``in_process``) or as
    the real `python -m samsite check .` with the project's own hooks."""
    return samsite("check", ".", cwd=project, hooks=project / "hooks", in_process=in_process, timeout=120)


def assert_reported(output: str, case: Case) -> None:
    assert "Traceback" not in output, output
    prefix = f"{case.path}:{case.line}: "
    lines = [line.strip() for line in output.splitlines() if line.strip().startswith(prefix)]
    matching = [line for line in lines if case.message in line]
    assert matching, f"no '{prefix}...{case.message}' in:\n{output}"
    problem, _, hint = matching[0].partition("; ")
    assert case.hint in hint, f"hint without '{case.hint}': {matching[0]}"
    message = problem[len(prefix):].split(": ", 1)[1]
    assert is_documented(message), f"'{message}' is not in the table of docs/redactiegids.md"


def check_reports(case: Case, template: Path, tmp_path: Path, summary: bool = True) -> None:
    """The real `make check` (python -m samsite check) on a project with ``case``: exit 1,
    the file, line and Dutch hint reported (``summary``: under the Dutch heading), and
    nothing in the content folders changed. Every bad-input file uses this one check."""
    project = make_project(template, tmp_path / "project", case)
    before = snapshot(project)
    result = run_check(project)
    assert result.returncode == 1, result.stdout + result.stderr
    if summary:
        assert result.stderr.startswith("De inhoud bevat"), result.stderr
    assert_reported(result.stderr + result.stdout, case)
    assert snapshot(project) == before


def build_reports(case: Case, template: Path, tmp_path: Path, stops_before_pages: bool = True) -> None:
    """The real strict build on the same project: it stops with the same report, no
    traceback, nothing changed (``stops_before_pages``: no practice page was written)."""
    project = make_project(template, tmp_path / "project", case)
    before = snapshot(project)
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert_reported(output, case)
    assert "Traceback" not in output
    if stops_before_pages:
        assert not (tmp_path / "site" / "praktijken").exists()
    assert snapshot(project) == before


def case_tests(cases: list[Case]):
    """The two tests every table of bad-input cases gets: `make check` names file, line and
    hint for each case, and a real strict build stops with the same report for those marked
    ``build``. A module assigns them to its own test names."""
    @pytest.mark.parametrize("case", cases, ids=[case.id for case in cases])
    def check_names_file_line_and_hint(case, template, tmp_path):
        check_reports(case, template, tmp_path)

    built = [case for case in cases if case.build]

    @pytest.mark.slow
    @pytest.mark.parametrize("case", built, ids=[case.id for case in built])
    def strict_build_stops_with_the_same_report(case, template, tmp_path):
        build_reports(case, template, tmp_path)

    return check_names_file_line_and_hint, strict_build_stops_with_the_same_report


test_check_names_file_line_and_hint, test_strict_build_stops_with_the_same_report = case_tests(CASES)


def test_there_are_enough_cases_for_every_defect():
    assert len(CASES) >= 30
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.slow
def test_every_problem_in_every_file_is_reported_at_once(template, tmp_path):
    """The real `python -m samsite check .`, as `make check` runs it, with the project's hooks."""
    case = Case("many", {BAD: practice(strategy="[agendren]", body="<script>x</script>\n"),
                         "praktijken/tweede.md": practice(title="Tweede", level="[nergens]"),
                         CHAPTER: "# Begin\n\n[x](javascript:alert(1))\n"}, BAD, 6, "agendren", "agenderen")
    project = make_project(template, tmp_path / "project", case)
    result = run_check(project, in_process=False)
    assert result.returncode == 1
    assert "De inhoud bevat 4 problemen:" in result.stderr, result.stderr
    for expected in (f"{BAD}:6: strategy:", f"{BAD}:{BODY_LINE}: html:", "praktijken/tweede.md:8: level:",
                     f"{CHAPTER}:3: link:"):
        assert expected in result.stderr


@pytest.mark.slow
def test_valid_images_and_internal_links_pass_and_are_published(template, tmp_path):
    content = png(40, 30, (200, 30, 30))  # small: published as it is
    case = Case("ok", {"praktijken/afbeeldingen/actie.png": content,
                       "praktijken/andere.md": story(
                           "![Actie](afbeeldingen/actie.png)",
                           "Zie [de testpraktijk](testpraktijk.md), [agenderen](../strategieen/agenderen.md),",
                           "[het cahier](/cahiers/testcahier/index.md), [mail](mailto:info@example.org),",
                           "<https://example.org/>, H<sub>2</sub>O, m<sup>2</sup>, <abbr title=\"x\">OCMW</abbr><br>",
                           "`<script>` in code { .sam-lead } en {{ 7*7 }}.", "", "```html", "<script>alert(1)</script>",
                           "```")}, "", 0, "", "")
    project = make_project(template, tmp_path / "project", case)
    result = run_check(project)
    assert result.returncode == 0, result.stderr
    built = run_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site" / "praktijken" / "afbeeldingen" / "actie.png").read_bytes() == content
    html = (tmp_path / "site" / "praktijken" / "andere" / "index.html").read_text(encoding="utf-8")
    assert 'src="../afbeeldingen/actie.png" width="40" height="30" loading="lazy"' in html
    assert "&lt;script&gt;" in html


@pytest.mark.slow
def test_a_link_to_a_missing_anchor_is_reported_by_check_and_build(template, tmp_path):
    """make check reads the headings itself; the build, which sees the real ids, agrees."""
    case = Case("anchor", {CHAPTER: "# Begin\n\nZie [de start](#de-strat) en [elders](../../praktijken/"
                                    "testpraktijk.md#nergens).\n\n## De start\n\nTekst.\n"}, CHAPTER, 3,
                "de link '#de-strat' wijst naar een plaats (#) die niet bestaat", "## De start wordt #de-start")
    project = make_project(template, tmp_path / "project", case)
    before = snapshot(project)
    checked = run_check(project)
    assert checked.returncode == 1
    assert_reported(checked.stderr, case)
    assert f"{CHAPTER}:3: link: de link '../../praktijken/testpraktijk.md#nergens' wijst naar" in checked.stderr
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert_reported(output, case)
    assert f"{CHAPTER}:3: link: de link '../../praktijken/testpraktijk.md#nergens' wijst naar" in output
    assert "WARNING" not in output
    assert snapshot(project) == before
