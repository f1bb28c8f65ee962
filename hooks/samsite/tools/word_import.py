"""A Word document (.docx) as a new cahier folder: ``make import BESTAND=...``.

pandoc (the ``pypandoc-binary`` package) reads the document into its AST (JSON); this module
only reshapes that tree and lets pandoc write each part as Markdown, never reading OOXML or
pandoc's Markdown with patterns of its own:

- the title comes from the document's Title paragraph or its properties (else the file
  name); the top heading level (Heading 1) starts a chapter file ``NN-slug.md``, lower
  headings move up with it; text before the first chapter is the introduction (index.md);
- a section whose heading starts with 'Aan de slag' becomes a ``!!! question`` box, the
  exercise the worksheets read (``exercises.py``);
- footnotes become Markdown footnotes, numbered per chapter (``[^1]``, ...), their text at
  the end of the chapter; images go to ``afbeeldingen/`` in the cahier with Word's alt text;
- Word's quirks: soft hyphens and invisible characters removed, a manual line break becomes
  ``<br>``, empty paragraphs and bookmarks disappear, a field keeps its result, a table of
  contents or a link into the document itself is plain text, merged table cells are split,
  paragraphs numbered by hand ('1. ', '2. ') become a list;
- a document with tracked changes or comments is refused (pandoc's ``--track-changes=all``
  shows them), as is a file that is no Word document, with what to do, in Dutch.

What a Word file cannot say (number, summary, strategy) stays empty in index.md, with the
scaffold's explanation above each field, so ``make check`` names each one.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pypandoc

from .. import urls
from ..errors import ContentError
from ..model.archetypes import CAHIER_FOOTER, ScaffoldError, front_matter, slug_for, slugify
from ..model.schema import CAHIER
from ..model.vocabulary import ID_PATTERN
from ..reading.content_files import Layout
from ..reading.images import FORMATS
from ..text.characters import INVISIBLE
from . import scaffold

IMAGE_FOLDER = "afbeeldingen"
EXERCISE_PREFIX = "aan de slag"
# pandoc's Markdown, without what Python-Markdown reads otherwise (or not at all), and with
# nested lists indented four spaces, as Python-Markdown reads them.
WRITER = "markdown" + "".join(f"-{extension}" for extension in (
    "smart", "escaped_line_breaks", "header_attributes", "auto_identifiers", "gfm_auto_identifiers",
    "link_attributes", "inline_code_attributes", "fenced_code_attributes", "raw_attribute", "bracketed_spans",
    "native_spans", "native_divs", "fenced_divs", "grid_tables", "multiline_tables", "simple_tables",
    "table_captions", "implicit_figures", "fancy_lists", "startnum", "example_lists", "definition_lists",
    "subscript", "superscript", "strikeout", "citations", "task_lists", "tex_math_dollars", "raw_tex",
    "yaml_metadata_block", "pandoc_title_block", "line_blocks", "all_symbols_escapable",
    "implicit_header_references", "abbreviations", "shortcut_reference_links")) + "+four_space_rule"
COLUMNS = 88
_MANUAL_NUMBER = re.compile(r"^\(?(\d{1,2})[.)]$")
_MANUAL_BULLETS = frozenset("•·▪◦‣–—-o\uf0b7\uf0a7")
_CHANGES = {"insertion", "deletion", "paragraph-insertion", "paragraph-deletion"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, or a .docx locked with a password


class ImportRefused(Exception):
    """Why a document was not converted, in Dutch, with what to do."""


@dataclass
class Result:
    folder: Path
    files: list[Path]
    notes: list[str] = field(default_factory=list)  # things the editor should look at


# -- Reading ---------------------------------------------------------------------------------

def _check_file(path: Path) -> None:
    name = path.name
    if not path.is_file():
        raise ImportRefused(f"het bestand '{path}' bestaat niet; controleer het pad, bv. "
                            "make import BESTAND=~/Documenten/cahier.docx")
    with path.open("rb") as handle:
        start = handle.read(8)
    if start == _OLE:
        raise ImportRefused(f"'{name}' is een oud Word-bestand (.doc) of beveiligd met een wachtwoord; open het in "
                            "Word of LibreOffice, haal een wachtwoord weg en kies Opslaan als > Word-document (.docx)")
    if not zipfile.is_zipfile(path):
        raise ImportRefused(f"'{name}' is geen Word-document (.docx); open het in Word of LibreOffice en kies "
                            "Opslaan als > Word-document (.docx)")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            kind = "een OpenDocument-tekst (.odt)" if "content.xml" in names else "geen Word-document (.docx)"
            raise ImportRefused(f"'{name}' is {kind}; open het in Word of LibreOffice en kies "
                                "Opslaan als > Word-document (.docx)")


def read_document(path: Path, media: Path) -> dict:
    """pandoc's AST of the document (tracked changes and comments kept, to find them);
    images extracted under ``media``."""
    try:
        output = pypandoc.convert_file(str(path), "json", format="docx",
                                       extra_args=["--track-changes=all", f"--extract-media={media}"])
    except (RuntimeError, OSError) as error:
        reason = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
        raise ImportRefused(f"'{path.name}' kan niet gelezen worden ({reason}); open het in Word of LibreOffice "
                            "en bewaar het opnieuw als Word-document (.docx)") from None
    return json.loads(output)


def _walk(node, visit) -> None:
    if isinstance(node, dict):
        visit(node)
        for value in node.values():
            _walk(value, visit)
    elif isinstance(node, list):
        for item in node:
            _walk(item, visit)


def _refuse_revisions(ast: dict, name: str) -> None:
    changes, comments = 0, 0

    def visit(node):
        nonlocal changes, comments
        if node.get("t") in ("Span", "Div"):
            classes = set(node["c"][0][1])
            changes += bool(classes & _CHANGES)
            comments += "comment-start" in classes
    _walk(ast["blocks"], visit)
    problems = []
    if changes:
        problems.append(f"{changes} bijgehouden wijziging(en) die nog niet aanvaard of geweigerd zijn "
                        "(Word: tabblad Controleren > Accepteren > Alle wijzigingen accepteren, en zet "
                        "Wijzigingen bijhouden uit; LibreOffice: Bewerken > Wijzigingen bijhouden > Beheren > "
                        "Alles accepteren)")
    if comments:
        problems.append(f"{comments} opmerking(en) (Word: tabblad Controleren > Verwijderen > Alle opmerkingen "
                        "in document verwijderen; LibreOffice: rechtsklik op een opmerking > Alle opmerkingen "
                        "verwijderen)")
    if problems:
        raise ImportRefused(f"'{name}' bevat " + " en ".join(problems) + "; bewaar het document daarna "
                            "opnieuw en probeer nog eens. Zo komt er geen tekst mee die nog niet vaststaat.")


# -- Reshaping the tree --------------------------------------------------------------------

def _text(inlines: list) -> str:
    """The plain text of inlines (for titles, slugs and the 'Aan de slag' test)."""
    parts = []

    def visit(node):
        kind = node.get("t")
        if kind == "Str":
            parts.append(node["c"])
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif kind in ("Code", "Math"):
            parts.append(node["c"][-1])
    for inline in inlines:
        if inline.get("t") != "Note":
            _walk(inline, visit)
    return " ".join("".join(parts).split())


def _str(text: str) -> dict:
    return {"t": "Str", "c": text}


def _raw(text: str) -> dict:
    return {"t": "RawInline", "c": ["html", text]}


class _Shaper:
    """Word's quirks out of the tree; notes numbered per chapter; images collected."""

    def __init__(self):
        self.images: list[tuple[Path, str]] = []  # extracted file, alt text
        self.notes: list[list] = []  # the blocks of each footnote of the current chapter

    def inlines(self, inlines: list) -> list:
        out = []
        for node in inlines:
            out += self.inline(node)
        while out and out[0].get("t") in ("Space", "SoftBreak", "LineBreak"):
            out.pop(0)
        while out and out[-1].get("t") in ("Space", "SoftBreak", "LineBreak"):
            out.pop()
        return out

    def inline(self, node: dict) -> list:
        kind, content = node.get("t"), node.get("c")
        if kind == "Str":
            text = INVISIBLE.sub("", content)  # soft hyphens, zero-width and control characters
            return [_str(text)] if text else []
        if kind == "LineBreak":
            return [_raw("<br>")]
        if kind in ("Emph", "Strong"):
            inner = self.inlines(content)
            return [{"t": kind, "c": inner}] if inner else []
        if kind in ("Underline", "SmallCaps", "Strikeout"):
            return self.inlines(content)
        if kind in ("Superscript", "Subscript"):
            tag = "sup" if kind == "Superscript" else "sub"
            return [_raw(f"<{tag}>"), *self.inlines(content), _raw(f"</{tag}>")]
        if kind == "Span":
            return self.inlines(content[1])  # bookmarks, styles: their text only
        if kind == "Quoted":
            quote = ("\u201c", "\u201d") if content[0]["t"] == "DoubleQuote" else ("\u2018", "\u2019")
            return [_str(quote[0]), *self.inlines(content[1]), _str(quote[1])]
        if kind == "Cite":
            return self.inlines(content[1])
        if kind == "Math":
            return [_str(content[1])]
        if kind == "Link":
            inner = self.inlines(content[1])
            url = content[2][0]
            if not url or url.startswith("#"):  # a table of contents or a bookmark in the document
                return inner
            return [{"t": "Link", "c": [["", [], []], inner or [_str(url)], [url, ""]]}]
        if kind == "Image":
            alt = self.inlines(content[1])
            source = Path(content[2][0])
            self.images.append((source, _text(alt)))
            return [{"t": "Image", "c": [["", [], []], alt, [str(len(self.images)), ""]]}]
        if kind == "Note":
            self.notes.append(self.blocks(content))
            return [{"t": "RawInline", "c": ["markdown", f"[^{len(self.notes)}]"]}]
        if kind == "RawInline":
            return []
        return [node]

    def blocks(self, blocks: list) -> list:
        out = []
        for node in _manual_lists(blocks):
            out += self.block(node)
        return out

    def block(self, node: dict) -> list:
        kind, content = node.get("t"), node.get("c")
        if kind in ("Para", "Plain"):
            inlines = self.inlines(content)
            if not _text(inlines) and not any(i.get("t") in ("Image", "RawInline") and
                                              not (i["t"] == "RawInline" and i["c"][1] == "<br>") for i in inlines):
                return []  # empty paragraphs, or a paragraph that only held a bookmark
            return [{"t": kind, "c": inlines}]
        if kind == "Header":
            return [{"t": "Header", "c": [content[0], ["", [], []], self.inlines(content[2])]}]
        if kind in ("BulletList", "OrderedList"):
            items = content if kind == "BulletList" else content[1]
            items = [blocks for blocks in (self.blocks(item) for item in items) if blocks]
            if not items:
                return []
            if all(len(item) == 1 and item[0]["t"] == "Para" for item in items):  # one paragraph each: tight
                items = [[{"t": "Plain", "c": item[0]["c"]}] for item in items]
            return [{"t": kind, "c": items if kind == "BulletList" else [[1, {"t": "Decimal"}, {"t": "Period"}], items]}]
        if kind == "BlockQuote":
            inner = self.blocks(content)
            return [{"t": "BlockQuote", "c": inner}] if inner else []
        if kind == "Div":
            return self.blocks(content[1])
        if kind == "Figure":
            caption = content[1][1]
            return self.blocks(content[2]) + self.blocks(caption)
        if kind == "LineBlock":
            inlines = []
            for line in content:
                inlines += (line + [{"t": "LineBreak"}])
            return self.block({"t": "Para", "c": inlines[:-1]})
        if kind == "DefinitionList":
            out = []
            for term, definitions in content:
                out.append({"t": "Para", "c": [{"t": "Strong", "c": self.inlines(term)}]})
                for definition in definitions:
                    out += self.blocks(definition)
            return out
        if kind == "Table":
            return self.table(content)
        if kind in ("RawBlock",):
            return []
        return [node]

    def _cell_inlines(self, blocks: list) -> list:
        """A cell as one line: its paragraphs and list items joined with <br> (a pipe table
        holds one line a cell)."""
        lines = []
        for block in self.blocks(blocks):
            if block["t"] in ("Para", "Plain", "Header"):
                lines.append(block["c"] if block["t"] != "Header" else block["c"][2])
            elif block["t"] in ("BulletList", "OrderedList"):
                items = block["c"] if block["t"] == "BulletList" else block["c"][1]
                for number, item in enumerate(items, 1):
                    marker = "• " if block["t"] == "BulletList" else f"{number}. "
                    text = [i for b in item if b["t"] in ("Para", "Plain") for i in b["c"]]
                    lines.append([_str(marker), *text])
        out = []
        for line in lines:
            out += ([_raw("<br>")] if out else []) + line
        return out

    def table(self, content: list) -> list:
        attr, caption, colspecs, head, bodies, foot = content
        width = len(colspecs)

        def row(cells_row) -> list:
            cells = []
            for cell in cells_row[1]:
                cells.append([cell[0], cell[1], 1, 1, [{"t": "Plain", "c": self._cell_inlines(cell[4])}]])
                cells += [[["", [], []], {"t": "AlignDefault"}, 1, 1, []] for _ in range(cell[3] - 1)]
            cells += [[["", [], []], {"t": "AlignDefault"}, 1, 1, []] for _ in range(width - len(cells))]
            return [cells_row[0], cells[:width]]

        head_rows = [row(r) for r in head[1]]
        body_rows = [row(r) for body in bodies for r in body[2] + body[3]] + [row(r) for r in foot[1]]
        if not head_rows and body_rows:  # Word tables rarely mark a header row: the first row is one
            head_rows, body_rows = body_rows[:1], body_rows[1:]
        colspecs = [[spec[0], {"t": "ColWidthDefault"}] for spec in colspecs]
        table = {"t": "Table", "c": [["", [], []], [None, []], colspecs, [head[0], head_rows],
                                     [[["", [], []], 0, [], body_rows]], [foot[0], []]]}
        after = self.blocks(caption[1]) if caption[1] else []
        return [table, *after]


def _manual_lists(blocks: list) -> list:
    """Paragraphs numbered or bulleted by hand ('1. Tekst', '• Tekst') as real lists."""
    out, index = [], 0
    while index < len(blocks):
        run, kind = _manual_run(blocks, index)
        if len(run) >= 2:
            items = [[{"t": "Plain", "c": inlines}] for inlines in run]
            out.append({"t": "BulletList", "c": items} if kind == "bullet"
                       else {"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}], items]})
            index += len(run)
            continue
        out.append(blocks[index])
        index += 1
    return out


def _marker(block: dict) -> tuple[str, int, list] | None:
    if block.get("t") != "Para" or len(block["c"]) < 3 or block["c"][0].get("t") != "Str" \
            or block["c"][1].get("t") != "Space":
        return None
    first = block["c"][0]["c"]
    number = _MANUAL_NUMBER.match(first)
    if number:
        return "number", int(number.group(1)), block["c"][2:]
    if first in _MANUAL_BULLETS:
        return "bullet", 0, block["c"][2:]
    return None


def _manual_run(blocks: list, start: int) -> tuple[list, str]:
    run, kind, expected = [], "", 1
    for block in blocks[start:]:
        found = _marker(block)
        if not found or (kind and found[0] != kind):
            break
        kind = found[0]
        if kind == "number":
            if found[1] != expected:
                break
            expected += 1
        run.append(found[2])
    return run, kind


# -- Writing ---------------------------------------------------------------------------------

def _markdown(blocks: list, api_version: list) -> str:
    if not blocks:
        return ""
    document = json.dumps({"pandoc-api-version": api_version, "meta": {}, "blocks": blocks})
    text = pypandoc.convert_text(document, WRITER, format="json",
                                 extra_args=[f"--columns={COLUMNS}", "--wrap=auto"])
    return text.replace("\r\n", "\n").strip("\n")


def _indent(text: str, width: int = 4) -> str:
    return "\n".join((" " * width + line) if line.strip() else "" for line in text.split("\n"))


@dataclass
class _Part:
    title: list  # inlines ([] for the introduction)
    blocks: list


def _split(blocks: list) -> tuple[list, list[_Part]]:
    levels = [block["c"][0] for block in blocks if block.get("t") == "Header"]
    if not levels:
        return blocks, []
    top = min(levels)
    intro, parts = [], []
    for block in blocks:
        if block.get("t") == "Header":
            level = block["c"][0] - top + 1
            if level == 1:
                parts.append(_Part(block["c"][2], []))
                continue
            block = {"t": "Header", "c": [level, block["c"][1], block["c"][2]]}
        (parts[-1].blocks if parts else intro).append(block)
    return intro, parts


class _Writer:
    def __init__(self, shaper: _Shaper, api_version: list):
        self.shaper = shaper
        self.api = api_version

    def body(self, blocks: list, exercise_title: str | None = None) -> str:
        """Markdown of a chapter's blocks: 'Aan de slag' sections as boxes, then its footnotes."""
        self.shaper.notes = []
        chunks = self._with_boxes(self.shaper.blocks(blocks), exercise_title)
        notes = []
        for number, note in enumerate(self.shaper.notes, 1):
            text = _markdown(note, self.api) or "(lege voetnoot)"
            first, _, rest = text.partition("\n")
            notes.append(f"[^{number}]: {first}" + (("\n" + _indent(rest)) if rest else ""))
        return "\n\n".join(chunk for chunk in chunks + notes if chunk.strip())

    def _with_boxes(self, blocks: list, exercise_title: str | None) -> list[str]:
        if exercise_title is not None:  # a whole chapter called 'Aan de slag ...'
            return [self._box(exercise_title, blocks)]
        chunks, plain, index = [], [], 0
        while index < len(blocks):
            block = blocks[index]
            if block["t"] == "Header" and _text(block["c"][2]).casefold().startswith(EXERCISE_PREFIX):
                level = block["c"][0]
                end = index + 1
                while end < len(blocks) and not (blocks[end]["t"] == "Header" and blocks[end]["c"][0] <= level):
                    end += 1
                chunks.append(_markdown(plain, self.api))
                chunks.append(self._box(_text(block["c"][2]), blocks[index + 1:end]))
                plain, index = [], end
                continue
            plain.append(block)
            index += 1
        chunks.append(_markdown(plain, self.api))
        return chunks

    def _box(self, title: str, blocks: list) -> str:
        body = _markdown(blocks, self.api) or "Bespreek dit hoofdstuk met je team."
        title = title.replace('"', "'")
        return f'!!! question "{title}"\n\n' + _indent(body)


def _unique_slug(title: str, used: set[str], fallback: str) -> str:

    base = slugify(title) or fallback
    slug, count = base, 2
    while slug in used:
        slug, count = f"{base}-{count}", count + 1
    used.add(slug)
    return slug


def convert(path: Path, root: Path, folder: Path | None = None) -> Result:
    """Convert ``path`` into a new cahier folder (``folder``, or cahiers/<slug of the title>/)."""

    path = Path(path)
    _check_file(path)
    try:
        layout, vocabulary, cahiers, _ = scaffold.context(root)
    except ContentError as error:  # vocabulaire.yml itself has a problem
        raise ImportRefused(error.report()) from error
    with tempfile.TemporaryDirectory(prefix="sam-word-") as temporary:
        media = Path(temporary)
        ast = read_document(path, media)
        _refuse_revisions(ast, path.name)
        meta = ast.get("meta", {})
        title = _text(meta.get("title", {}).get("c", [])) if meta.get("title", {}).get("t") == "MetaInlines" else ""
        shaper = _Shaper()
        intro, parts = _split(ast["blocks"])
        if not title and parts and not intro:
            title = _text(parts[0].title)
        title = title or " ".join(path.stem.replace("_", " ").replace("-", " ").split())
        if not parts:  # no headings: the whole text is one chapter
            parts, intro = [_Part([_str(title)], intro)], []
        base = layout.root / layout.cahiers
        if folder is None:
            try:
                slug = slug_for(title)
            except ScaffoldError as error:
                raise ImportRefused(f"{error}; geef het document in Word een titel met letters of cijfers "
                                    "(Bestand > Eigenschappen > Titel)") from error
            clash = next((name for name in cahiers if name.casefold() == slug), None)
            folder = base / (clash or slug)
            if folder.exists():
                raise ImportRefused(f"{layout.rel(folder)}/ bestaat al en blijft ongewijzigd; verwijder of hernoem "
                                    "die map eerst, of geef het document een andere titel (Bestand > Eigenschappen)")
        writer = _Writer(shaper, ast["pandoc-api-version"])
        texts: dict[str, str] = {}
        intro_text = writer.body(intro)
        used: set[str] = set()
        for number, part in enumerate(parts, 1):
            chapter_title = _text(part.title) or f"Hoofdstuk {number}"
            exercise = chapter_title if chapter_title.casefold().startswith(EXERCISE_PREFIX) else None
            heading = _markdown([{"t": "Header", "c": [1, ["", [], []], shaper.inlines(part.title)]}],
                                ast["pandoc-api-version"]) or f"# {chapter_title}"
            name = f"{number:02d}-{_unique_slug(chapter_title, used, f'hoofdstuk-{number}')}.md"
            texts[name] = heading + "\n\n" + writer.body(part.blocks, exercise)
        images, notes = _images(shaper.images, folder, layout)
        texts = {name: _image_targets(text, images) for name, text in texts.items()}
        intro_text = _image_targets(intro_text, images)
        header = (f"Nieuw cahier, omgezet uit het Word-bestand '{path.name}'. Vul number, summary en\n"
                  "strategy in: 'make check' noemt ze tot ze ingevuld zijn. Regels met # zijn uitleg.\n"
                  "Een lijst schrijf je tussen [ ], met komma's: [agenderen, collectiviseren].\n"
                  "Meer uitleg: de redactiegids (docs/redactiegids.md, of /redactiegids/ op de site).")
        values = {"title": title, "published": False}
        index_text = front_matter(CAHIER, vocabulary, cahiers, values, header, CAHIER_FOOTER)
        index_text += (intro_text + "\n" if intro_text else "")
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for source, target in images.items():
            if target.suffix.lower() in FORMATS:
                (folder / IMAGE_FOLDER).mkdir(exist_ok=True)
                shutil.copyfile(source, folder / IMAGE_FOLDER / target.name)
                written.append(folder / IMAGE_FOLDER / target.name)
        (folder / "index.md").write_text(index_text, encoding="utf-8")
        written.insert(0, folder / "index.md")
        for name, text in texts.items():
            (folder / name).write_text(text.rstrip("\n") + "\n", encoding="utf-8")
            written.append(folder / name)
    result = Result(folder, written)
    result.notes = notes + _alt_notes(folder, layout, texts)
    return result


def _images(found: list[tuple[Path, str]], folder: Path, layout) -> tuple[dict, list[str]]:
    """Each extracted image and its name in the cahier (afbeelding-1.png, ...)."""
    images, notes = {}, []
    for number, (source, _) in enumerate(found, 1):
        suffix = source.suffix.lower()
        suffix = ".jpg" if suffix == ".jpeg" else suffix
        target = Path(IMAGE_FOLDER) / f"afbeelding-{number}{suffix}"
        images[source] = target
        if suffix not in FORMATS:
            notes.append(f"{layout.rel(folder)}/{target.as_posix()}: deze afbeelding staat in Word als "
                         f"{suffix.lstrip('.').upper() or 'onbekend formaat'}, dat een website niet toont; "
                         "bewaar ze uit Word als PNG of JPG onder die naam ('make check' noemt ze tot dan)")
    return images, notes


def _image_targets(text: str, images: dict) -> str:
    """The images were written with their number as address: now their file in the cahier."""
    targets = list(images.values())

    def replace(match: re.Match) -> str:
        number = int(match.group(2))
        return f"{match.group(1)}({targets[number - 1].as_posix()})"
    return re.sub(r"(!\[(?:[^\]\\]|\\.)*\])\((\d+)\)", replace, text)


def _alt_notes(folder: Path, layout, texts: dict[str, str]) -> list[str]:
    notes = []
    for name, text in texts.items():
        for number, line in enumerate(text.split("\n"), 1):
            for match in re.finditer(r"!\[\]\(([^)]*)\)", line):
                notes.append(f"{layout.rel(folder)}/{name}:{number}: de afbeelding {match.group(1)} heeft geen "
                             "alternatieve tekst; beschrijf tussen de rechte haken wat erop staat, voor wie ze niet "
                             "ziet: ![Bewoners rond een tafel](...) (in Word: rechtsklik > Alternatieve tekst)")
    return notes


# -- Command line -------------------------------------------------------------------------------

def _report(result: Result, root: Path, source: str) -> str:

    rel = result.folder.relative_to(root).as_posix()
    chapters = [p for p in result.files if p.suffix == ".md" and p.name != "index.md"]
    images = [p for p in result.files if p.parent.name == IMAGE_FOLDER]
    lines = [f"{source} omgezet naar {rel}/: index.md, {len(chapters)} hoofdstuk(ken)"
             + (f" en {len(images)} afbeelding(en)" if images else "") + "."]
    if result.notes:
        lines.append("Kijk na:")
        lines += [f"  {note}" for note in result.notes]
    lines += ["Volgende stappen:",
              f"  1. Vul in {rel}/index.md number, summary en strategy in (de uitleg staat erboven).",
              "  2. Controleer met: make check (het noemt wat nog ontbreekt, met bestand en regel).",
              f"  3. Bekijk het resultaat met: make serve, op http://127.0.0.1:8000/"
              f"{urls.directory(urls.cahier(result.folder.name))}",
              "  4. Stel je wijziging voor in een pull request (zie de redactiegids)."]
    return "\n".join(lines)


def import_file(path: Path, root: Path) -> int:
    """``make import BESTAND=...``: a .docx anywhere becomes cahiers/<slug>/; one uploaded into a
    folder of its own under cahiers/ (without index.md) becomes that folder."""
    path = Path(path).expanduser()
    absolute = path.resolve()
    cahiers = (root / urls.CAHIERS).resolve()
    try:
        if absolute.parent.parent == cahiers and not (absolute.parent / "index.md").exists():
            return _convert_uploads(root, [absolute.parent])
        result = convert(absolute, root)
    except ImportRefused as error:
        print(f"Niets omgezet: {error}", file=sys.stderr)
        return 1
    print(_report(result, root, path.name))
    return 0


def pending(root: Path) -> list[Path]:
    """Folders under cahiers/ with a Word document and no index.md yet (an upload to convert)."""
    layout = Layout(Path(root))
    return [folder for folder in layout.cahier_folders() if not (folder / "index.md").exists()
            and any(p.suffix.lower() == ".docx" for p in layout.children(folder))]


def _convert_uploads(root: Path, folders: list[Path]) -> int:

    failed = 0
    for folder in folders:
        documents = [p for p in Layout(root).children(folder) if p.suffix.lower() == ".docx"]
        rel = folder.relative_to(root).as_posix()
        if len(documents) != 1:
            print(f"Niets omgezet in {rel}/: er staan {len(documents)} Word-bestanden; zet er één per map, "
                  "één map per cahier", file=sys.stderr)
            failed += 1
            continue
        document = documents[0]
        slug = folder.name if ID_PATTERN.match(folder.name) else slugify(folder.name)
        target = folder.parent / slug
        if target != folder and target.exists():
            print(f"Niets omgezet: {rel}/{document.name}: de map {target.relative_to(root).as_posix()}/ bestaat al; "
                  "geef de map een andere naam", file=sys.stderr)
            failed += 1
            continue
        try:
            result = convert(document, root, folder=target)
        except ImportRefused as error:
            print(f"Niets omgezet: {rel}/{document.name}: {error}", file=sys.stderr)
            failed += 1
            continue
        # The Markdown is now the cahier; the Word file stays in the history of the pull request.
        document.unlink()
        if target != folder:
            for leftover in folder.iterdir():
                shutil.move(str(leftover), target / leftover.name)
            folder.rmdir()
        print(_report(result, root, f"{rel}/{document.name}"))
        print(f"  ({rel}/{document.name} is verwijderd: de tekst staat nu in Markdown.)")
    return 1 if failed else 0


def import_new(root: Path) -> int:
    """``python -m samsite import --nieuwe``: convert every upload waiting under cahiers/."""
    folders = pending(root)
    if not folders:
        print("Geen nieuw Word-bestand om om te zetten (een map onder cahiers/ met een .docx en nog geen index.md).")
        return 0
    return _convert_uploads(root, folders)


def main(argv: list[str], root_default: str = ".") -> int:
    if not argv:
        print("Gebruik: python -m samsite import <bestand.docx> [map]   (of: make import BESTAND=pad/naar/cahier.docx)\n"
              "         python -m samsite import --nieuwe [map]   (elke .docx in een nieuwe map onder cahiers/)",
              file=sys.stderr)
        return 2
    if argv[0] == "--nieuwe":
        return import_new(Path(argv[1] if len(argv) > 1 else root_default).resolve())
    return import_file(Path(argv[0]), Path(argv[1] if len(argv) > 1 else root_default).resolve())
