"""Worksheets: /cahiers/<slug>/oefeningen/, every 'Aan de slag' exercise on its own A4 page.

Each sheet names the cahier and the chapter, holds the exercise's text, an empty template
where the exercise asks to draw a schema, space to write, and a QR code (45 mm, a short
link /h/<cahier>-<chapter>/) to the chapter on the site. Made from the Markdown alone
(``exercises.py``): a new cahier's exercises appear without code.
"""

from __future__ import annotations

import html
import re

from .. import urls
from ..model.content import Cahier
from ..pages.fragments import placeholder
from ..pages.generated import GeneratedFile, GeneratedPage
from ..pages.markdown import SEARCH_EXCLUDE, front_matter, lead, text
from ..reading.exercises import Exercise, Table, chapter_code, exercises
from .link_pages import internal_redirect
from .qr import QrCache
from .qr_sheets import Cards, card_image, typed_address

_SAME_PAGE_LINK = re.compile(r"(\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?)#", re.MULTILINE)


def _on_cahier_page(markdown: str, cahier: Cahier) -> str:
    """Links to an anchor of the cahier page ('#situering') lead there from the worksheets too."""
    return _SAME_PAGE_LINK.sub(lambda m: f"{m.group(1)}/{urls.cahier(cahier.slug)}#", markdown)


def chapter_short_path(cahier: Cahier, exercise: Exercise) -> str:
    return urls.short_exercise(cahier.number, chapter_code(cahier, exercise.chapter))


def _table(table: Table) -> str:
    width = max([len(table.header)] + [len(row) for row in table.rows])
    header = list(table.header) + [""] * (width - len(table.header))
    head = "".join(f'<th scope="col">{html.escape(cell)}</th>' if cell else "<td></td>" for cell in header)
    rows = []
    for row in table.rows:
        cells = list(row) + [""] * (width - len(row))
        first = f'<th scope="row">{html.escape(cells[0])}</th>' if cells[0] else "<td></td>"
        rows.append("<tr>" + first + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells[1:]) + "</tr>")
    return (f'<table class="sam-sjabloon"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _fields(names: tuple[str, ...]) -> str:
    boxes = "".join(f'<div class="sam-veld"><span class="sam-veld__naam">{html.escape(name)}</span></div>'
                    for name in names)
    label = "Schema om in te vullen met vakken voor " + ", ".join(names)
    return f'<div class="sam-velden" role="img" aria-label="{html.escape(label, quote=True)}">{boxes}</div>'


def _writing_space() -> str:
    """Ruled lines (CSS) filling what is left of the page."""
    return '<div class="sam-schrijfruimte" aria-hidden="true"></div>'


def worksheets_page(cahier: Cahier, base_url: str, qr: QrCache) -> tuple[GeneratedPage, list[GeneratedFile]]:
    src_uri = urls.cahier_exercises(cahier.slug)
    found = exercises(cahier)
    cards = Cards(qr, src_uri)  # the same code files as the QR sheets
    files: list[GeneratedFile] = []
    parts = [
        front_matter(f"Oefeningen bij {cahier.title}",
                     f"Werkbladen met de oefeningen 'Aan de slag' uit het cahier {cahier.title}, om af te drukken.",
                     {**SEARCH_EXCLUDE, "hide": ["navigation", "toc"]}),
        f"# Oefeningen bij {text(cahier.title)}\n",
        lead(f"Elke oefening 'Aan de slag' uit het cahier op een eigen A4-blad, met ruimte om te schrijven "
             f"en een QR-code naar het hoofdstuk. Dit cahier heeft {len(found)} "
             f"{'oefening' if len(found) == 1 else 'oefeningen'}."),
        '<div class="sam-print-actions" markdown>\n\n'
        '<button type="button" class="md-button md-button--primary" data-sam-print>Alle oefeningen afdrukken</button>\n\n'
        "Druk af op A4 op werkelijke grootte (100 %). Eén oefening afdrukken? Gebruik de knop bij die oefening.\n\n"
        "</div>\n",
    ]
    fragments: dict[str, str] = {}
    if not found:
        parts.append("*Dit cahier bevat geen oefeningen 'Aan de slag'.*\n")
    parts.append('<div class="sam-werkbladen" markdown>\n')
    for exercise in found:
        short = chapter_short_path(cahier, exercise)
        url = base_url + short
        dest, size = cards.code(url)
        files.append(internal_redirect(short, f"{urls.directory(urls.cahier(cahier.slug))}#{exercise.chapter.slug}",
                                       exercise.chapter.title))
        name = f"qr-{exercise.number}"
        fragments[name] = (
            '<figure class="sam-werkblad__qr">'
            + card_image(cards.up + dest, size, url, f"hoofdstuk {exercise.chapter.title}")
            + f'<figcaption>Lees het hoofdstuk online:<br><span class="sam-short">{typed_address(url)}</span>'
            "</figcaption></figure>")
        section = [
            f'<section class="sam-werkblad" id="{exercise.anchor}" aria-labelledby="{exercise.anchor}-titel" markdown>\n',
            '<div class="sam-werkblad__inhoud" markdown>\n',
            placeholder(name),
            f'<p class="sam-kicker">Cahier {cahier.number}: {text(cahier.title)} · Hoofdstuk: '
            f"{text(exercise.chapter.title)}</p>\n",
            f'<h2 id="{exercise.anchor}-titel">{html.escape(exercise.title)}</h2>\n',
            f'<p class="sam-werkblad__acties"><a href="#{exercise.anchor}" class="md-button" data-sam-print>'
            f"Enkel deze oefening afdrukken</a> "
            f'<a href="../#{exercise.chapter.slug}">Naar het hoofdstuk</a></p>\n',  # raw HTML: a URL
        ]
        for index, (kind, block) in enumerate(exercise.blocks):
            if kind == "markdown":
                section.append(_on_cahier_page(block, cahier) + "\n")
            elif kind == "fields":
                key = f"velden-{exercise.number}"
                fragments[key] = _fields(block)
                section.append(placeholder(key))
            else:
                key = f"tabel-{exercise.number}-{index}"
                fragments[key] = _table(block)
                section.append(placeholder(key))
        section.append("</div>\n")
        fragments[f"schrijf-{exercise.number}"] = _writing_space()
        section.append(placeholder(f"schrijf-{exercise.number}"))
        section.append("</section>\n")
        parts.append("\n".join(section))
    parts.append("</div>\n")
    parts.append(f"[Terug naar het cahier]({urls.link(urls.cahier(cahier.slug))})\n")
    return GeneratedPage(src_uri, "\n".join(parts), fragments=fragments), cards.files + files
