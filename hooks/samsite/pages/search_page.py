"""The search page (/zoeken/) and the search data other pages carry for Pagefind.

Facets are the taxonomies of the vocabulary: one fieldset per taxonomy, one checkbox
per term. The checkboxes' names and values are the query string of the page
(``?q=…&strategy=agenderen&sector=wonen``), so the form works as a plain GET form and
a filtered view can be shared. ``docs/assets/search/facets.js`` adds the live results
and the counts; Pagefind's filter values are the same vocabulary ids.
"""

from __future__ import annotations

import html

from .. import urls
from ..model.content import Site
from .generated import GeneratedPage
from .markdown import SEARCH_EXCLUDE, front_matter

PAGE_SIZE = 20  # results shown at once; more on request


def _html(value: str) -> str:
    """HTML-escaped, and without Markdown link brackets (the block is raw HTML either way)."""
    return html.escape(value).replace("[", "&#91;").replace("]", "&#93;")


def search_data(filters: dict[str, tuple[str, ...]] | None = None, meta: dict[str, str] | None = None) -> str:
    """A hidden block Pagefind reads: filter values and result metadata.

    Marked ``data-pagefind-ignore``: its text is not searchable content, but Pagefind
    still records the filters and meta inside it. No sort keys: Pagefind puts every
    sort order of every page in the metadata each first search downloads (10 KB at
    5,000 practices), which broke the 250 KB budget.
    """
    spans = []
    for key, values in (filters or {}).items():
        spans += [f'<span data-pagefind-filter="{_html(key)}">{_html(value)}</span>' for value in values]
    for key, value in (meta or {}).items():
        if value:
            spans.append(f'<span data-pagefind-meta="{_html(key)}">{_html(value)}</span>')
    return f'<div hidden data-pagefind-ignore="index">{"".join(spans)}</div>'


def _facet(site: Site, key: str) -> str:
    taxonomy = site.vocabulary[key]
    items = []
    for term in taxonomy.terms:
        control = f"f-{key}-{term.id}"
        count = len(site.practices_with(key, term.id))
        items.append(
            f'<li><input type="checkbox" id="{control}" name="{key}" value="{html.escape(term.id)}">'
            f' <label for="{control}">{html.escape(term.label)}'
            f' <span class="sam-count" data-count>({count})</span></label></li>'
        )
    return (f'<fieldset class="sam-facet" data-facet="{key}">'
            f"<legend>{html.escape(taxonomy.label)}</legend>"
            f'<ul>{"".join(items)}</ul></fieldset>')


def _close_filters_on_phones(site: Site) -> str:
    """On a phone the filters start closed, unless the link checks some: decided before the
    first paint (an inline script right after them), so nothing moves once the page shows."""
    keys = "|".join(taxonomy.key for taxonomy in site.vocabulary.taxonomies)
    return ("<script>(function(d){if(!matchMedia(\"(min-width: 45em)\").matches&&"
            f"!/[?&]({keys})=/.test(location.search))d.open=false}})(document.currentScript.previousElementSibling)"
            "</script>")


def search_page(site: Site) -> GeneratedPage:
    facets = "".join(_facet(site, taxonomy.key) for taxonomy in site.vocabulary.taxonomies)
    description = f"Zoek in alle praktijken en cahiers, en filter de praktijken op {site.vocabulary.names()}."
    form = (
        '<form id="sam-zoeken" class="sam-zoeken" role="search" method="get" action="./" '
        'aria-label="Zoeken in praktijken en cahiers">'
        '<div class="sam-zoeken__veld">'
        '<label for="sam-q">Zoekterm</label>'
        '<input id="sam-q" name="q" type="search" autocomplete="off" spellcheck="false" '
        'aria-describedby="sam-zoeken-hulp">'
        '<button type="submit" class="md-button md-button--primary">Zoeken</button>'
        "</div>"
        '<p id="sam-zoeken-hulp" class="sam-hint">Zoek op een woord, een organisatie of een plaats. '
        "Binnen één filter vind je praktijken met minstens één van de aangevinkte termen; "
        f"over de filters heen moeten ze {site.vocabulary.count_word()} kloppen.</p>"
        '<div class="sam-zoeken__body">'
        '<details class="sam-filters" open><summary>Filters</summary>'
        f"{facets}"
        '<p><a class="sam-reset" href="./">Alle filters wissen</a></p>'
        # On a phone the results are below the filters: a count that jumps to them (facets.js).
        '<p class="sam-naar-resultaten" hidden><a href="#sam-resultaten-titel">Naar de resultaten</a></p>'
        "</details>"
        f"{_close_filters_on_phones(site)}"
        '<section class="sam-results" aria-labelledby="sam-resultaten-titel">'
        '<h2 id="sam-resultaten-titel">Resultaten</h2>'
        '<p id="sam-status" class="sam-status" role="status">'
        "Typ een zoekterm of kies een filter.</p>"
        '<ol id="sam-resultaten" class="sam-resultaten"></ol>'
        '<button type="button" id="sam-meer" class="md-button" hidden>Meer resultaten tonen</button>'
        # The query string is added when the link is used (assets/sam.js): the same selection.
        '<p class="sam-selectie-link"><a href="afdrukken/" data-sam-selectie>'
        "Druk deze selectie af als QR-blad</a></p>"
        "</section>"
        "</div>"
        "</form>"
    )
    noscript = ("<noscript><p>Zoeken werkt met JavaScript. Zonder JavaScript vind je alle praktijken "
                'in <a href="../praktijken/">het overzicht</a>.</p></noscript>')
    parts = [
        front_matter("Zoeken", description, {**SEARCH_EXCLUDE, "hide": ["navigation", "toc"]}),
        "# Zoeken\n",
        f'<div class="sam-zoeken-pagina" data-page-size="{PAGE_SIZE}">{form}{noscript}</div>\n',
    ]
    return GeneratedPage(urls.SEARCH_PAGE, "\n".join(parts))
