"""The map of where practices exist: /praktijken/overzicht/.

One table per other taxonomy of the vocabulary (sectors, levels, ...), with the terms of
the row taxonomy (strategies) as rows. A cell counts the practices with both terms and
links to the search page filtered on both; an empty cell stays visibly empty, so editors
see where stories are missing. Rows and columns come from the vocabulary, nothing here
names a term.
"""

from __future__ import annotations

from urllib.parse import urlencode

from .. import urls
from ..model.content import Site
from ..model.schema import CAHIER_TAXONOMY
from ..model.vocabulary import Taxonomy
from . import fragments as html
from .generated import GeneratedPage
from .markdown import SEARCH_EXCLUDE, front_matter, lead, text

ROW_TAXONOMY = CAHIER_TAXONOMY  # the rows of every table: the list the cahiers are organised by
SEARCH = urls.up(urls.directory(urls.PRACTICES_MAP)) + urls.directory(urls.SEARCH_PAGE)  # '../../zoeken/'


def search_link(filters: dict[str, str]) -> str:
    return SEARCH + "?" + urlencode(filters)


def _count_cell(count: int, href: str) -> str:
    """The row and column headers (th scope) tell a screen reader what the number counts."""
    if not count:
        return '<td class="sam-map__leeg">0</td>'
    return f'<td><a href="{html.esc(href)}">{count}</a></td>'



def map_table(site: Site, rows: Taxonomy, columns: Taxonomy) -> str:
    caption_id = f"overzicht-{columns.key}"
    head = [f'<th scope="col">{html.esc(rows.label)}</th>']
    head += [f'<th scope="col">{html.link(urls.term(columns, term.id), term.label)}</th>' for term in columns.terms]
    head.append('<th scope="col">Totaal</th>')
    body = []
    for row in rows.terms:
        with_row = site.practices_with(rows.key, row.id)
        cells = [f'<th scope="row">{html.link(urls.term(rows, row.id), row.label)}</th>']
        for column in columns.terms:
            count = sum(1 for practice in with_row if column.id in practice.terms(columns.key))
            cells.append(_count_cell(count, search_link({rows.key: row.id, columns.key: column.id})))
        cells.append(_count_cell(len(with_row), search_link({rows.key: row.id})))
        body.append("<tr>" + "".join(cells) + "</tr>")
    totals = ['<th scope="row">Totaal</th>']
    for column in columns.terms:
        totals.append(_count_cell(len(site.practices_with(columns.key, column.id)),
                                  search_link({columns.key: column.id})))
    totals.append(f"<td>{len(site.practices)}</td>")
    return (
        f'<div class="sam-map" role="region" aria-labelledby="{caption_id}" tabindex="0">'
        f'<table class="sam-map__table"><caption id="{caption_id}">'
        f"{html.esc(rows.plural)} per {html.esc(columns.label.lower())}: aantal praktijken</caption>"
        f"<thead><tr>{''.join(head)}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody>"
        f"<tfoot><tr>{''.join(totals)}</tr></tfoot></table></div>"
    )


def practice_map(site: Site) -> GeneratedPage:
    keys = site.vocabulary.keys()
    rows = site.vocabulary[ROW_TAXONOMY if ROW_TAXONOMY in keys else keys[0]]
    parts = [
        front_matter("Overzicht van de praktijken",
                     f"Hoeveel praktijken er zijn per {rows.label.lower()} en per "
                     + " en ".join(t.label.lower() for t in site.vocabulary.taxonomies if t is not rows) + ".",
                     {**SEARCH_EXCLUDE, "hide": ["navigation", "toc"]}),
        "# Overzicht van de praktijken\n",
        lead(f"Waar zijn er verhalen, en waar ontbreken ze nog? Elk vak telt de praktijken met die "
             f"{rows.label.lower()} en die term; klik op een getal om ze te zien. Een 0 is een plek "
             "waar nog een verhaal kan komen."),
    ]
    fragments = {}
    for columns in site.vocabulary.taxonomies:
        if columns is rows:
            continue
        parts.append(f"## Per {text(columns.label.lower())} {{ #per-{columns.key} }}\n")
        parts.append(html.placeholder(f"tabel-{columns.key}"))
        fragments[f"tabel-{columns.key}"] = map_table(site, rows, columns)
    parts.append(f"[Alle praktijken]({urls.link(urls.PRACTICES_INDEX)})\n")
    return GeneratedPage(urls.PRACTICES_MAP, "\n".join(parts), fragments=fragments)
