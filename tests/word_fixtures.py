"""Word documents for the import tests, made with python-docx (own Dutch text).

``cahier_docx`` writes a small cahier with everything the import handles: a title, document
properties, chapters (Heading 1), subheadings, bold and italic, Word lists and manual
numbering, a table, a hyperlink, images with and without alt text, an 'Aan de slag' section,
smart quotes, a soft hyphen, a no-break space, a manual line break, empty paragraphs and a
field code. ``tracked_change_docx`` and ``comment_docx`` write what the import refuses.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from helpers import png

TITLE = "Buurten in beweging"
CHAPTERS = ("Waarom dit cahier", "Samen aan tafel", "Tot besluit")
LINK = "https://www.voorbeeld.be/buurtwerk"


def hyperlink(paragraph, text: str, url: str) -> None:
    """A real Word hyperlink (relationship + w:hyperlink), which python-docx has no call for."""
    rel = paragraph.part.relate_to(url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                                   is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def alt_text(shape, text: str) -> None:
    """Word's alt text: the descr attribute of the picture's wp:docPr."""
    doc_pr = shape._inline.find(qn("wp:docPr"))
    doc_pr.set("descr", text)


def field(paragraph, instruction: str, result: str) -> None:
    """A complex field (begin, instruction, separate, result, end), as Word saves a PAGE field."""
    def run_with(child):
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    text = OxmlElement("w:t")
    text.text = result
    run_with(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def cahier_docx(path: Path, *, missing_alt: bool = True) -> Path:
    document = Document()
    document.core_properties.title = TITLE
    document.core_properties.subject = "Hoe buurtwerkers samen met bewoners een kwestie op de agenda zetten."
    document.add_paragraph(TITLE, style="Title")
    intro = document.add_paragraph("Dit cahier volgt drie buurten die hun eigen \u201cagenda\u201d maakten. ")
    intro.add_run("Vet").bold = True
    intro.add_run(" en ")
    intro.add_run("cursief").italic = True
    intro.add_run(" blijven staan.")

    document.add_heading(CHAPTERS[0], level=1)
    document.add_paragraph("Een buurt\u00adwerker vertelt over de \u2018eerste\u2019 stap, op 12\u00a0maart.")
    document.add_paragraph("")  # empty paragraphs: Word users make space with them
    document.add_paragraph("")
    broken = document.add_paragraph("Eerste regel")
    broken.add_run().add_break()
    broken.add_run("tweede regel na een harde return.")
    linked = document.add_paragraph("Meer lezen kan op ")
    hyperlink(linked, "de website van het buurtwerk", LINK)
    linked.add_run(".")
    page = document.add_paragraph("Deze zin staat op pagina ")
    field(page, "PAGE", "3")
    page.add_run(" van het gedrukte boekje.")
    document.add_heading("Wat we leerden", level=2)
    document.add_paragraph("Luisteren naar bewoners", style="List Bullet")
    document.add_paragraph("Samen een vraag formuleren", style="List Bullet")
    document.add_paragraph("Eerst het probleem benoemen", style="List Number")
    document.add_paragraph("Dan de partners zoeken", style="List Number")

    document.add_heading(CHAPTERS[1], level=1)
    document.add_paragraph("De stappen, met de hand genummerd:")
    for number, text in enumerate(("Kies een thema.", "Nodig bewoners uit.", "Maak samen een plan."), 1):
        document.add_paragraph(f"{number}. {text}")
    table = document.add_table(rows=3, cols=2)
    for row, cells in enumerate((("Partner", "Rol"), ("Bewoners", "Brengen hun verhaal"),
                                 ("Buurtwerk", "Zoekt de ruimte"))):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_paragraph("Een foto van de eerste bijeenkomst:")
    image = Path(path).with_suffix(".foto.png")
    image.write_bytes(png(120, 80, (200, 80, 40)))
    shape = document.add_picture(str(image), width=Cm(4))
    alt_text(shape, "Bewoners rond een tafel in het buurthuis")
    if missing_alt:
        second = Path(path).with_suffix(".schema.png")
        second.write_bytes(png(120, 80, (40, 80, 200)))
        document.add_picture(str(second), width=Cm(4))
    document.add_heading("Aan de slag: jullie eigen buurt", level=2)
    document.add_paragraph("Bespreek in je team welke kwestie in jullie buurt leeft.")
    document.add_paragraph("Wie zit al aan tafel?", style="List Bullet")
    document.add_paragraph("Wie ontbreekt nog?", style="List Bullet")

    document.add_heading(CHAPTERS[2], level=1)
    document.add_paragraph("Samen maak je het verschil.")
    document.save(path)
    return Path(path)


def tracked_change_docx(path: Path) -> Path:
    document = Document()
    document.add_heading("Een hoofdstuk", level=1)
    paragraph = document.add_paragraph("Deze zin is ")
    insertion = OxmlElement("w:ins")
    insertion.set(qn("w:id"), "1")
    insertion.set(qn("w:author"), "Redactie")
    insertion.set(qn("w:date"), "2026-01-05T10:00:00Z")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "nog niet aanvaard"
    run.append(text)
    insertion.append(run)
    paragraph._p.append(insertion)
    document.save(path)
    return Path(path)


def comment_docx(path: Path) -> Path:
    document = Document()
    document.add_heading("Een hoofdstuk", level=1)
    paragraph = document.add_paragraph("Over deze zin heeft iemand een opmerking.")
    document.add_comment(paragraph.runs, text="Klopt dit cijfer?", author="Redactie")
    document.save(path)
    return Path(path)
