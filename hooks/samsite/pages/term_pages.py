"""Pages per strategy, sector and level, and an index per taxonomy."""

from __future__ import annotations

from .. import urls
from ..model import Site
from ..vocabulary import Taxonomy, Term
from . import GeneratedPage
from .markdown import by_title, cahier_list, front_matter, lead, practice_list, text


def term_page(site: Site, taxonomy: Taxonomy, term: Term) -> GeneratedPage:
    src_uri = urls.term(taxonomy, term.id)
    intro = site.intros.get(src_uri)
    practices = by_title(site.practices_with(taxonomy.key, term.id))
    parts = [
        front_matter(term.label, term.description),
        f"# {text(intro.title if intro else term.label)}\n",
        f'<p class="sam-kicker">{text(taxonomy.label)}</p>\n',
        intro.body + "\n" if intro else lead(term.description),
        f"## Praktijken ({len(practices)})\n",
        practice_list(site, practices),
    ]
    cahiers = site.cahiers_with(taxonomy.key, term.id)
    if cahiers:
        parts += ["## Cahiers over deze strategie\n", cahier_list(cahiers)]
    parts.append(f"[Alle {taxonomy.plural.lower()}]({urls.link(urls.taxonomy_index(taxonomy))})\n")
    return GeneratedPage(src_uri, "\n".join(parts), intro.source if intro else None)


def taxonomy_index(site: Site, taxonomy: Taxonomy) -> GeneratedPage:
    parts = [
        front_matter(taxonomy.plural, f"Praktijken van politiserend werken per {taxonomy.label.lower()}."),
        f"# {text(taxonomy.plural)}\n",
        lead(f"Kies een {taxonomy.label.lower()} om de praktijken te zien die erbij horen."),
    ]
    items = []
    for term in taxonomy.terms:
        count = len(site.practices_with(taxonomy.key, term.id))
        noun = "praktijk" if count == 1 else "praktijken"
        items.append(f"- [{text(term.label)}]({urls.link(urls.term(taxonomy, term.id))}) "
                     f"<span class=\"sam-meta\">{count} {noun}</span><br>\n  {text(term.description)}")
    parts.append('<div class="sam-list" markdown>\n\n' + "\n".join(items) + "\n\n</div>\n")
    return GeneratedPage(urls.taxonomy_index(taxonomy), "\n".join(parts))


def term_pages(site: Site) -> list[GeneratedPage]:
    pages = []
    for taxonomy in site.vocabulary.taxonomies:
        pages.append(taxonomy_index(site, taxonomy))
        pages += [term_page(site, taxonomy, term) for term in taxonomy.terms]
    return pages
