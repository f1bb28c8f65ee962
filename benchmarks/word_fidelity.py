"""How much of a Word document survives ``make import``: words kept (%), chapters, links,
footnotes, tables and images, counted in the source and in the converted cahier.

    .venv/bin/python benchmarks/word_fidelity.py [document.docx ...] [--from-text bron.txt]

Without documents it measures the test fixtures (tests/fixtures/word/*.docx and one made
with python-docx). ``--from-text`` builds a larger, real-shaped document at run time in a
temporary folder with LibreOffice (``soffice``): every line of a plain text that matches a
chapter title of its table of contents becomes a Heading 1, a line starting with 'Aan de
slag' a Heading 2, the rest paragraphs. That document is never kept.

The source is counted from the .docx itself (its XML, not through pandoc): words of the
body and the footnotes (w:t), Heading 1 paragraphs, external hyperlinks, footnote
references, tables and images. The result is counted from the cahier as the site reads it:
the rendered text of index.md and every chapter (Python-Markdown, the site's extensions),
chapter files, external links, footnote definitions, tables and images. Words kept: of
every word in the source, how many occur as often in the result (case and punctuation
ignored). After filling in number, summary and strategy, ``make check`` runs on the result.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import html
import io
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_WORD = re.compile(r"[\w'’-]+")


def words(text: str) -> collections.Counter:
    text = unicodedata.normalize("NFC", text.replace("\u00ad", "")).casefold()
    return collections.Counter(word.strip("'’-") for word in _WORD.findall(text) if word.strip("'’-"))


def _paragraph_text(paragraph) -> str:
    """The text of a paragraph; a line break or tab separates words."""
    return "".join(node.text or "" if node.tag == f"{W}t" else " " for node in paragraph.iter()
                   if node.tag in (f"{W}t", f"{W}br", f"{W}tab", f"{W}cr"))


def _numbered(page: str) -> str:
    """Rendered HTML with the number of each item of a numbered list written out (a list
    numbered by hand in Word keeps its numbers as list numbers)."""
    counters: list[int | None] = []

    def tag(match: re.Match) -> str:
        name = match.group(1)
        if name in ("ol", "ul"):
            counters.append(0 if name == "ol" else None)
        elif name in ("/ol", "/ul") and counters:
            counters.pop()
        elif name == "li" and counters and counters[-1] is not None:
            counters[-1] += 1
            return f"{match.group(0)}{counters[-1]}. "
        return match.group(0)
    return re.sub(r"<(/?(?:ol|ul|li))\b[^>]*>", tag, page)


def source_counts(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        document = ElementTree.fromstring(archive.read("word/document.xml"))
        notes = (ElementTree.fromstring(archive.read("word/footnotes.xml"))
                 if "word/footnotes.xml" in archive.namelist() else None)
        rels = ElementTree.fromstring(archive.read("word/_rels/document.xml.rels"))
        styles = (ElementTree.fromstring(archive.read("word/styles.xml"))
                  if "word/styles.xml" in archive.namelist() else None)
    heading_styles = {"Heading1"}
    for style in styles.iter(f"{W}style") if styles is not None else []:
        name = style.find(f"{W}name")
        if name is not None and name.get(f"{W}val", "").casefold() in ("heading 1", "kop 1"):
            heading_styles.add(style.get(f"{W}styleId"))
    external = {rel.get("Id") for rel in rels if rel.get("TargetMode") == "External"
                and "hyperlink" in rel.get("Type", "")}
    text = [_paragraph_text(p) for p in document.iter(f"{W}p")]
    if notes is not None:
        text += [_paragraph_text(p) for note in notes.iter(f"{W}footnote")
                 if note.get(f"{W}type") not in ("separator", "continuationSeparator")
                 for p in note.iter(f"{W}p")]
    chapters = sum(1 for p in document.iter(f"{W}p")
                   if (style := p.find(f"{W}pPr/{W}pStyle")) is not None and style.get(f"{W}val") in heading_styles)
    return {
        "words": words("\n".join(text)),
        "chapters": chapters,
        "links": sum(1 for link in document.iter(f"{W}hyperlink") if link.get(f"{R}id") in external)
                 + (sum(1 for link in notes.iter(f"{W}hyperlink")) if notes is not None else 0),
        "footnotes": sum(1 for _ in document.iter(f"{W}footnoteReference")),
        "tables": sum(1 for _ in document.iter(f"{W}tbl")),
        "images": sum(1 for _ in document.iter(f"{A}blip")),
    }


def result_counts(folder: Path, title: str) -> dict:
    import markdown
    from samsite.errors import IssueCollector
    from samsite.reading.frontmatter import split_front_matter
    from samsite.text.markdown_source import parse

    rendered, counts = [title], collections.Counter()
    files = sorted(folder.glob("*.md"))
    for file in files:
        text = file.read_text(encoding="utf-8")
        if file.name == "index.md":
            text = split_front_matter(text, IssueCollector(file.name)).body
        document = parse(text)
        counts["links"] += sum(1 for link in document.links if not link.image and link.url.startswith("http"))
        counts["footnotes"] += len(document.footnote_definitions)
        counts["images"] += sum(1 for link in document.links if link.image)
        page = markdown.markdown(text, extensions=["admonition", "attr_list", "tables", "footnotes", "md_in_html"])
        counts["tables"] += page.count("<table")
        page = re.sub(r'<a class="footnote-backref"[^>]*>.*?</a>', "", page)
        page = re.sub(r'<sup id="fnref:[^"]*"><a[^>]*>\d+</a></sup>', "", page)
        rendered.append(html.unescape(re.sub(r"<[^>]+>", " ", _numbered(page))))
    counts["chapters"] = sum(1 for file in files if file.name != "index.md")
    counts["words"] = words("\n".join(rendered))
    return counts


def measure(path: Path, work: Path) -> dict:
    from samsite.build import pipeline
    from samsite.errors import ContentError
    from samsite.tools.word_import import convert

    root = work / path.stem
    (root / "cahiers").mkdir(parents=True)
    (root / "praktijken").mkdir()
    (root / "docs").mkdir()
    shutil.copy(ROOT / "vocabulaire.yml", root / "vocabulaire.yml")
    result = convert(path, root)
    index = result.folder / "index.md"
    text = index.read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", text, re.M).group(1).strip("'\"")
    text = re.sub(r"^number:$", "number: 1", text, flags=re.M)
    text = re.sub(r"^summary:$", "summary: Samenvatting.", text, flags=re.M)
    text = re.sub(r"^strategy: \[\]$", "strategy: [agenderen]", text, flags=re.M)
    index.write_text(text, encoding="utf-8")
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            pipeline.check(root)
        checked = "in orde"
    except ContentError as error:
        checked = f"{len(error.issues)} melding(en): " + "; ".join(issue.format() for issue in error.issues[:3])
    source, output = source_counts(path), result_counts(result.folder, title)
    total = sum(source["words"].values())
    kept = sum(min(count, output["words"][word]) for word, count in source["words"].items())
    return {"document": path.name, "words": total, "kept": 100.0 * kept / total if total else 100.0,
            **{key: (source[key], output[key]) for key in ("chapters", "links", "footnotes", "tables", "images")},
            "check": checked, "notes": len(result.notes)}


def from_text(text_file: Path, work: Path) -> Path:
    """A real-shaped .docx from a plain text: chapters from its table of contents (LibreOffice)."""
    from xml.sax.saxutils import escape

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) is nodig voor --from-text: apt-get install libreoffice-writer-nogui")
    lines = text_file.read_text(encoding="utf-8").split("\n")
    toc = next(i for i, line in enumerate(lines) if line.strip() == "Inhoud")
    toc_end = next(i for i in range(toc + 1, len(lines)) if not any(x.strip() for x in lines[i:i + 3]))
    toc_end = next(i for i in range(toc_end, len(lines)) if lines[i].strip())  # first line after the contents
    # The chapter titles of the table of contents, as printed (the text is OCR: its own table
    # is garbled); a line of the text that starts such a title is a chapter heading, in order.
    titles = [path.read_text(encoding="utf-8").split("\n")[0].lstrip("# ").strip()
              for path in sorted((ROOT / "cahiers" / "samen-het-verschil-maken").glob("0*.md"))]
    squash = lambda value: re.sub(r"[^a-z]", "", value.casefold())  # noqa: E731
    headings, position = {}, 0
    for title in titles:
        found = next((i for i in range(position, len(lines)) if not toc <= i < toc_end and len(squash(lines[i])) >= 6
                      and squash(title).startswith(squash(lines[i]))), None)
        if found is not None:
            headings[found], position = title, found + 1
    body, paragraph = [], []

    def flush():
        if paragraph:
            body.append(("p", " ".join(paragraph)))
            paragraph.clear()

    for number, line in enumerate(lines):
        stripped = line.strip()
        if toc <= number < toc_end:
            continue
        if number in headings:
            flush()
            body.append(("h1", stripped))
            continue
        if not stripped:
            flush()
            continue
        if stripped.startswith("Aan de slag") and len(stripped) < 80:
            flush()
            body.append(("h2", stripped))
            continue
        paragraph.append(stripped)
    flush()
    xml = [f'<text:h text:outline-level="{kind[1]}">{escape(text)}</text:h>' if kind != "p"
           else f"<text:p>{escape(text)}</text:p>" for kind, text in body]
    fodt = work / "cahier-uit-tekst.fodt"
    fodt.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office="urn:oasis:names:tc:opendocument:'
        'xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/'
        'dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
        "<office:meta><dc:title>Samen het verschil maken</dc:title></office:meta><office:body><office:text>"
        + "\n".join(xml) + "</office:text></office:body></office:document>\n", encoding="utf-8")
    subprocess.run([soffice, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work), str(fodt)],
                   check=True, capture_output=True, timeout=300)
    return work / "cahier-uit-tekst.docx"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("documents", nargs="*", type=Path)
    parser.add_argument("--from-text", type=Path, help="a plain text to build a real-shaped document from")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sam-fidelity-") as temporary:
        work = Path(temporary)
        documents = list(args.documents)
        if not documents:
            from word_fixtures import cahier_docx

            documents = sorted((ROOT / "tests" / "fixtures" / "word").glob("*.docx"))
            documents.append(cahier_docx(work / "python-docx-cahier.docx"))
        if args.from_text:
            documents.append(from_text(args.from_text, work))
        print("| document | woorden | behouden | hoofdstukken | links | voetnoten | tabellen | afbeeldingen "
              "| make check (na invullen) |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for document in documents:
            row = measure(document, work / "projecten")
            pair = lambda key: f"{row[key][1]} / {row[key][0]}"  # noqa: E731
            print(f"| {row['document']} | {row['words']} | {row['kept']:.1f} % | {pair('chapters')} | "
                  f"{pair('links')} | {pair('footnotes')} | {pair('tables')} | {pair('images')} | {row['check']} |")
        print("\n(x / y: in het cahier / in het Word-document)")


if __name__ == "__main__":
    main()
