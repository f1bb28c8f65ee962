"""Word import (``make import BESTAND=...`` and ``python -m samsite import --nieuwe``): real
documents through the real converter (pandoc), the real ``make check`` and a real strict
build. Fixtures: one made with python-docx in the test, one saved by LibreOffice Writer
(``tests/fixtures/word/``, how it was made is in its README)."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT, build_env, copy_project, run_build, samsite, snapshot
from word_fixtures import CHAPTERS, LINK, cahier_docx, comment_docx, tracked_change_docx

pytestmark = pytest.mark.slow  # every test here runs git, python or pandoc in a new process

WRITER_DOCX = ROOT / "tests" / "fixtures" / "word" / "stemmen-uit-de-wijk.docx"


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m samsite` in the project, with its own hooks (pandoc is a process: this file is slow)."""
    return samsite(*args, cwd=project, hooks=project / "hooks")


@pytest.fixture()
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project", with_content=False)


def fill_in(index: Path, number: int) -> None:
    """What the editor does after the import: number, summary and strategy."""
    text = index.read_text(encoding="utf-8")
    text = re.sub(r"^number:$", f"number: {number}", text, flags=re.M)
    text = re.sub(r"^summary:$", "summary: Een korte samenvatting van het cahier.", text, flags=re.M)
    text = re.sub(r"^strategy: \[\]$", "strategy: [agenderen]", text, flags=re.M)
    index.write_text(text, encoding="utf-8")


def test_word_documents_become_cahiers_that_check_and_build(project, tmp_path):
    made = cahier_docx(tmp_path / "buurten.docx")
    first = run(project, "import", str(made))
    assert first.returncode == 0, first.stderr
    assert "omgezet naar cahiers/buurten-in-beweging/" in first.stdout and "3 hoofdstuk(ken)" in first.stdout
    # the image without alt text is named, with file and line
    assert re.search(r"02-samen-aan-tafel\.md:\d+: de afbeelding afbeeldingen/afbeelding-2\.png heeft geen "
                     r"alternatieve tekst", first.stdout)
    second = run(project, "import", str(WRITER_DOCX))
    assert second.returncode == 0, second.stderr
    folder = project / "cahiers" / "buurten-in-beweging"
    chapters = sorted(p.name for p in folder.glob("0*.md"))
    assert chapters == ["01-waarom-dit-cahier.md", "02-samen-aan-tafel.md", "03-tot-besluit.md"]
    one, two = ((folder / name).read_text(encoding="utf-8") for name in chapters[:2])
    assert one.startswith(f"# {CHAPTERS[0]}\n") and "## Wat we leerden" in one
    assert "buurtwerker" in one and "\u00ad" not in one  # soft hyphen gone
    assert "\u2018eerste\u2019" in one and "12\u00a0maart" in one  # typographic quotes and no-break space kept
    assert "Eerste regel<br>tweede regel" in one and "pagina 3 van" in one  # line break, field result
    assert f"[de website van het buurtwerk]({LINK})" in one
    assert "\n\n\n" not in one and "{#" not in one and "[]" not in one  # no empty paragraphs, no bookmarks
    assert re.search(r"^1\. +Kies een thema\.\n2\. +Nodig", two, re.M)  # numbered by hand: a real list
    assert "| Partner" in two and "| Bewoners" in two
    assert "![Bewoners rond een tafel in het buurthuis](afbeeldingen/afbeelding-1.png)" in two
    assert (folder / "afbeeldingen" / "afbeelding-1.png").is_file()
    assert '!!! question "Aan de slag: jullie eigen buurt"\n\n    Bespreek' in two
    index = (folder / "index.md").read_text(encoding="utf-8")
    assert "title: Buurten in beweging" in index and "Dit cahier volgt drie buurten" in index

    writer = project / "cahiers" / "stemmen-uit-de-wijk"
    wijkraad = (writer / "01-een-wijkraad-begint.md").read_text(encoding="utf-8")
    result = (writer / "02-wat-de-raad-bereikte.md").read_text(encoding="utf-8")
    assert "bibliotheek.[^1]" in wijkraad and "\n[^1]: Verslag van de eerste bijeenkomst" in wijkraad
    assert "schepencollege.[^1]" in result and "[^1]: Zie ook [het besluit van het college]" in result
    assert "![Kaart van de wijk met de bibliotheek in het midden](afbeeldingen/afbeelding-1.png)" in wijkraad
    assert '!!! question "Aan de slag met je eigen raad"' in result

    # what Word cannot say is named by make check, and nothing else
    checked = run(project, "check", ".")
    assert checked.returncode == 1
    problems = [line.strip() for line in checked.stderr.splitlines() if line.startswith("  ")]
    fields = sorted(re.match(r"cahiers/([^/]+)/index\.md:\d+: (\w+): verplicht veld is leeg", p).groups()
                    for p in problems)
    assert fields == sorted((slug, name) for slug in ("buurten-in-beweging", "stemmen-uit-de-wijk")
                            for name in ("number", "strategy", "summary")), checked.stderr
    fill_in(folder / "index.md", 1)
    fill_in(writer / "index.md", 2)
    checked = run(project, "check", ".")
    assert checked.returncode == 0, checked.stderr
    before = snapshot(project)
    built = run_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    assert snapshot(project) == before
    page = (tmp_path / "site" / "cahiers" / "stemmen-uit-de-wijk" / "index.html").read_text(encoding="utf-8")
    assert 'class="footnote-backref" href="#fnref:h1-1"' in page and 'id="fn:h2-1"' in page
    sheets = (tmp_path / "site" / "cahiers" / "buurten-in-beweging" / "oefeningen" / "index.html").read_text(
        encoding="utf-8")
    assert "Aan de slag: jullie eigen buurt" in sheets
    links = (tmp_path / "site" / "cahiers" / "stemmen-uit-de-wijk" / "links" / "index.html").read_text(
        encoding="utf-8")
    assert links.index("voorbeeld.be/wijkraad") < links.index("voorbeeld.be/college")


def refused(project: Path, path: Path, *fragments: str) -> None:
    before = snapshot(project)
    result = run(project, "import", str(path))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and output.startswith("Niets omgezet: "), output
    for fragment in fragments:
        assert fragment in output, output
    assert snapshot(project) == before


def test_tracked_changes_and_comments_are_refused_with_how_to_fix(project, tmp_path):
    refused(project, tracked_change_docx(tmp_path / "wijzigingen.docx"), "1 bijgehouden wijziging(en)",
            "Alle wijzigingen accepteren")
    refused(project, comment_docx(tmp_path / "opmerking.docx"), "1 opmerking(en)", "Alle opmerkingen")


def test_files_that_are_no_word_document_get_a_dutch_message(project, tmp_path):
    text = tmp_path / "tekst.docx"
    text.write_text("Gewoon een tekstbestand.", encoding="utf-8")
    refused(project, text, "'tekst.docx' is geen Word-document (.docx)", "Opslaan als")
    old = tmp_path / "oud.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    refused(project, old, "oud Word-bestand (.doc)")
    odt = tmp_path / "tekst.odt"
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    refused(project, odt, "OpenDocument-tekst (.odt)")
    broken = tmp_path / "kapot.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><niet-af")
    refused(project, broken, "'kapot.docx' kan niet gelezen worden")
    refused(project, tmp_path / "bestaat-niet.docx", "bestaat niet")


def test_an_existing_cahier_is_never_overwritten(project, tmp_path):
    made = cahier_docx(tmp_path / "buurten.docx")
    assert run(project, "import", str(made)).returncode == 0
    refused(project, made, "cahiers/buurten-in-beweging/ bestaat al en blijft ongewijzigd")


def test_the_pull_request_mode_converts_uploads_and_removes_the_word_file(project, tmp_path):
    nothing = run(project, "import", "--nieuwe", ".")
    assert nothing.returncode == 0 and "Geen nieuw Word-bestand" in nothing.stdout
    upload = project / "cahiers" / "Mijn Cahier"
    upload.mkdir(parents=True)
    cahier_docx(upload / "Mijn cahier.docx")
    for extra in upload.glob("*.png"):
        extra.unlink()  # python-docx's source images, not part of an upload
    # before the conversion, make check says what the Word file is waiting for
    checked = run(project, "check", ".")
    assert checked.returncode == 1 and "een Word-bestand wordt niet gepubliceerd" in checked.stderr
    result = run(project, "import", "--nieuwe", ".")
    assert result.returncode == 0, result.stderr
    folder = project / "cahiers" / "mijn-cahier"
    assert (folder / "index.md").is_file() and not upload.exists()
    assert not list(folder.glob("*.docx")) and "is verwijderd" in result.stdout
    # a second upload of a refused document: exit 1, the upload stays for the editor to fix
    bad = project / "cahiers" / "met-opmerkingen"
    bad.mkdir()
    comment_docx(bad / "tekst.docx")
    again = run(project, "import", "--nieuwe", ".")
    assert again.returncode == 1 and "Niets omgezet: cahiers/met-opmerkingen/tekst.docx" in again.stderr
    assert (bad / "tekst.docx").is_file() and not (bad / "index.md").exists()


def test_a_stray_word_file_next_to_a_cahier_is_named_by_make_check(project, tmp_path):
    made = cahier_docx(tmp_path / "buurten.docx")
    assert run(project, "import", str(made)).returncode == 0
    folder = project / "cahiers" / "buurten-in-beweging"
    fill_in(folder / "index.md", 1)
    (folder / "origineel.docx").write_bytes(made.read_bytes())
    checked = run(project, "check", ".")
    assert checked.returncode == 1
    assert ("cahiers/buurten-in-beweging/origineel.docx:1: bestand: een Word-bestand wordt niet gepubliceerd"
            in checked.stderr), checked.stderr


def test_the_fidelity_benchmark_measures_the_word_processors_file():
    """benchmarks/word_fidelity.py, whose figures the README quotes, runs on the LibreOffice file
    and finds every word, chapter, link, footnote, table and image again."""
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "word_fidelity.py"), str(WRITER_DOCX)],
                            cwd=ROOT, env=build_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith(f"| {WRITER_DOCX.name} "))
    assert "| 100.0 % | 2 / 2 | 2 / 2 | 2 / 2 | 1 / 1 | 1 / 1 | in orde |" in row, row


def test_a_title_without_letters_is_refused_in_dutch(tmp_path):
    """A document without a title, named '!!!.docx', gives no folder name: a Dutch refusal, no
    traceback, no folder."""
    from docx import Document

    project = copy_project(tmp_path / "project")
    path = tmp_path / "!!!.docx"
    document = Document()
    document.add_paragraph("Een inleiding zonder kop.")
    document.save(path)
    before = snapshot(project)
    result = samsite("import", path, project, cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "Niets omgezet:" in result.stderr and "Bestand > Eigenschappen > Titel" in result.stderr
    assert snapshot(project) == before
