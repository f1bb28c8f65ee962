"""A page per term of every taxonomy (strategies, sectors, levels, ...) and an index per taxonomy."""

from __future__ import annotations

from .. import urls
from ..model.content import Site
from ..model.schema import SHEET_TAXONOMY
from ..model.vocabulary import Taxonomy, Term
from ..text.slugs import by_title
from . import fragments as html
from .generated import GeneratedPage
from .markdown import SEARCH_EXCLUDE, cahier_list, front_matter, lead, text
from .search_page import search_data


def term_page(site: Site, taxonomy: Taxonomy, term: Term) -> GeneratedPage:
    src_uri = urls.term(taxonomy, term.id)
    intro = site.intros.get(src_uri)
    practices = by_title(site.practices_with(taxonomy.key, term.id))
    parts = [
        front_matter(term.label, term.description),
        f"# {text(intro.title if intro else term.label)}\n",
        f'<p class="sam-kicker">{text(taxonomy.label)}</p>\n',
        html.placeholder("zoekdata"),
        intro.body + "\n" if intro else lead(term.description),
        f"## Praktijken ({len(practices)})\n",
        html.placeholder("praktijken"),
    ]
    fragments = {"zoekdata": search_data(meta={"soort": taxonomy.label}),
                 "praktijken": html.practice_list(site, practices)}
    if taxonomy.key == SHEET_TAXONOMY and practices:
        parts.append(f"[QR-blad met deze praktijken, om af te drukken voor een vorming]"
                     f"({urls.link(urls.term_sheet(taxonomy, term.id))}){{ .sam-print-link }}\n")
    cahiers = site.cahiers_with(taxonomy.key, term.id)
    if cahiers:
        parts += [f"## Cahiers over deze {taxonomy.label.lower()}\n", cahier_list(cahiers)]
    parts.append(f"[Alle {taxonomy.plural.lower()}]({urls.link(urls.taxonomy_index(taxonomy))})\n")
    return GeneratedPage(src_uri, "\n".join(parts), intro.source if intro else None, fragments)


def taxonomy_index(site: Site, taxonomy: Taxonomy) -> GeneratedPage:
    parts = [
        front_matter(taxonomy.plural, f"Praktijken van politiserend werken per {taxonomy.label.lower()}.",
                     SEARCH_EXCLUDE),
        f"# {text(taxonomy.plural)}\n",
        lead(f"Kies een {taxonomy.label.lower()} om de praktijken te zien die erbij horen."),
    ]
    items = []
    for term in taxonomy.terms:
        count = len(site.practices_with(taxonomy.key, term.id))
        noun = "praktijk" if count == 1 else "praktijken"
        items.append(f"- [{text(term.label)}]({urls.link(urls.term(taxonomy, term.id))}) "
                     f"<span class=\"sam-meta\">{count} {noun}</span><br>\n  {text(term.description)}")
    parts.append(f'<div class="sam-list" {html.IGNORE} markdown>\n\n' + "\n".join(items) + "\n\n</div>\n")
    return GeneratedPage(urls.taxonomy_index(taxonomy), "\n".join(parts))


def term_pages(site: Site) -> list[GeneratedPage]:
    pages = []
    for taxonomy in site.vocabulary.taxonomies:
        pages.append(taxonomy_index(site, taxonomy))
        pages += [term_page(site, taxonomy, term) for term in taxonomy.terms]
    return pages
