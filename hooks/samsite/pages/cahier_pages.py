"""The cahier pages (web edition) and the overview of the series."""

from __future__ import annotations

from .. import urls
from ..model.content import Cahier, Site
from ..model.schema import CAHIER, CAHIER_TAXONOMY
from ..reading.exercises import exercises, with_worksheet_links
from ..text import footnotes
from ..text.markdown_source import shift_headings
from ..text.slugs import by_title
from . import fragments as html
from .generated import GeneratedPage
from .markdown import (
    SEARCH_EXCLUDE,
    cahier_list,
    front_matter,
    lead,
    series_label,
    term_labels,
    text,
)
from .search_page import search_data


def cahier_page(site: Site, cahier: Cahier) -> GeneratedPage:
    found = exercises(cahier)  # one reading of the chapters for the facts row and the worksheet links
    rows = [
        ("Reeks", html.esc(series_label(cahier))),
        (site.vocabulary[CAHIER_TAXONOMY].label, html.term_links(site, CAHIER_TAXONOMY, cahier.terms(CAHIER_TAXONOMY))),
        ("Status", "Gedrukt en verkrijgbaar" if cahier.published else "In voorbereiding"),
        (CAHIER.label("pdf"), f'<a href="{html.esc(cahier.pdf)}">Download de gedrukte versie (PDF)</a>' if cahier.pdf else ""),
        (CAHIER.label("links"), html.link(urls.cahier_links(cahier.slug), "Alle links uit het boekje, met QR-code")
                                + " · " + html.link(urls.cahier_sheet(cahier.slug), "QR-blad om af te drukken")),
        ("Oefeningen", html.link(urls.cahier_exercises(cahier.slug), "Werkbladen om af te drukken")
                       if found else ""),
    ]
    parts = [
        front_matter(cahier.title, cahier.summary),
        f"# {text(cahier.title)}\n",
        lead(cahier.summary),
        html.placeholder("facts"),
    ]
    if cahier.body:
        parts.append(_with_notes(cahier.body, 0))
    if len(cahier.chapters) > 1:
        parts.append('<nav class="sam-chapters" aria-labelledby="sam-inhoud" data-pagefind-ignore="all" markdown>\n\n'
                     '<h2 id="sam-inhoud">Inhoud</h2>\n\n'
                     + "\n".join(f"{n}. [{text(ch.title)}](#{ch.slug})" for n, ch in enumerate(cahier.chapters, 1))
                     + "\n\n</nav>\n")
    numbers = {}  # chapter slug -> numbers of its exercises on the worksheets
    for exercise in found:
        numbers.setdefault(exercise.chapter.slug, []).append(exercise.number)
    for position, chapter in enumerate(cahier.chapters, 1):
        parts.append(f"## {text(chapter.title)} {{ #{chapter.slug} }}\n")
        body = chapter.body
        if chapter.slug in numbers:
            body = with_worksheet_links(body, lambda n, own=numbers[chapter.slug]: (
                f"[Werkblad van deze oefening om af te drukken]"
                f"({urls.link(urls.cahier_exercises(cahier.slug), f'oefening-{own[n - 1]}')}){{ .sam-print-link }}"))
        parts.append(_with_notes(shift_headings(body), position))
    practices = by_title(site.practices_in(cahier.slug))
    parts.append(f"## Praktijken uit dit cahier ({len(practices)}) {{ #praktijken }}\n")
    parts.append(html.placeholder("praktijken"))
    fragments = {"facts": html.facts(rows) + html.dates(site.cahier_dates(cahier)) + search_data(meta={
        "soort": f"Cahier {cahier.number}", "strategie": term_labels(site, CAHIER_TAXONOMY, cahier.terms(CAHIER_TAXONOMY))}),
                 "praktijken": html.practice_list(site, practices)}
    return GeneratedPage(urls.cahier(cahier.slug), "\n".join(parts), cahier.source, fragments)


def _with_notes(body: str, position: int) -> str:
    """A part of the cahier page whose footnotes come at its own end (``footnotes``)."""
    part = footnotes.prefix(position)
    prefixed = footnotes.with_prefix(body, part)
    if prefixed is body:  # no footnote in this part
        return body + "\n"
    return prefixed + "\n\n" + footnotes.marker(part)


def cahiers_index(site: Site) -> GeneratedPage:
    parts = [
        front_matter("Cahiers", "De reeks cahiers van SAM over politiserend werken.", SEARCH_EXCLUDE),
        "# Cahiers\n",
        lead("SAM brengt een reeks cahiers uit die het afwegingskader 'Politiserend werken' toepassen "
             "op een bepaalde context. Hier lees je ze online, in volgorde van de reeks."),
    ]
    parts.append(cahier_list(site.cahiers) if site.cahiers else "*Nog geen cahiers.*\n")
    return GeneratedPage(urls.CAHIERS_INDEX, "\n".join(parts))


def cahier_pages(site: Site) -> list[GeneratedPage]:
    return [cahiers_index(site), *(cahier_page(site, c) for c in site.cahiers)]
