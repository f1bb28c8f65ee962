"""The practice pages and the overview of all practices."""

from __future__ import annotations

from .. import urls
from ..model.content import Practice, Site
from ..model.schema import CAHIER_TAXONOMY, practice_collection
from ..text.slugs import by_title
from . import fragments as html
from .generated import GeneratedPage
from .markdown import SEARCH_EXCLUDE, front_matter, lead, term_labels, text
from .related import related_practices
from .search_page import search_data


def practice_page(site: Site, practice: Practice, related: list[Practice]) -> GeneratedPage:
    cahiers = [site.cahier(slug) for slug in practice.cahier]
    fields = practice_collection(site.vocabulary)
    rows = [
        (fields.label("organisation"), html.esc(practice.organisation)),
        (fields.label("region"), html.esc(practice.region or "")),
        *((taxonomy.label, html.term_links(site, taxonomy.key, practice.terms(taxonomy.key)))
          for taxonomy in site.vocabulary.taxonomies),
        (fields.label("year"), str(practice.year) if practice.year else ""),
        (fields.label("cahier"), ", ".join(html.link(urls.cahier(c.slug), c.title) for c in cahiers)),
    ]
    # Title, lead, facts and the related list are HTML fragments (TOP, BOTTOM): the
    # Markdown is the story alone, the cheapest page there is to convert.
    # 'strategie' is the meta key docs/assets/search/header.js shows: the cahiers' list.
    data = search_data(
        filters={key: practice.terms(key) for key in site.vocabulary.keys()},
        meta={"soort": "Praktijk", "organisatie": practice.organisation, "regio": practice.region,
              "strategie": term_labels(site, CAHIER_TAXONOMY, practice.terms(CAHIER_TAXONOMY)), "samenvatting": practice.summary},
    )
    fragments = {html.TOP: html.title(practice.title) + html.lead(practice.summary) + html.facts(rows)
                 + html.dates(site.practice_dates(practice)) + data}
    parts = [front_matter(practice.title, practice.summary), practice.body + "\n"]
    if practice.links:
        parts.append("## Meer weten\n")
        parts.append("\n".join(f"- [{text(link.title)}]({link.url})" for link in practice.links) + "\n")
    if related:
        parts.append("## Verwante praktijken\n")
        fragments[html.BOTTOM] = html.practice_list(site, related)
    return GeneratedPage(urls.practice(practice.slug), "\n".join(parts), practice.source, fragments)


def practices_index(site: Site) -> GeneratedPage:
    parts = [
        front_matter("Praktijken", "Verhalen van coalities en initiatieven die sociaal onrecht politiseren.",
                     SEARCH_EXCLUDE),
        "# Praktijken\n",
        lead(f"{len(site.practices)} verhalen uit de praktijk van sociale professionals en hun "
             f"bondgenoten. Kies een {site.vocabulary.names('of')}, of blader door de volledige lijst."),
        f"Ken je een praktijk die hier thuishoort? [Stel ze voor]({urls.link(urls.CONTRIBUTION)}): "
        "een formulier zet ze klaar voor de redactie.\n",
        f"[Overzicht: hoeveel praktijken per {site.vocabulary.names()}]({urls.link(urls.PRACTICES_MAP)})\n",
    ]
    for taxonomy in site.vocabulary.taxonomies:
        parts.append(f"## Per {taxonomy.label.lower()}\n")
        rows = []
        for term in taxonomy.terms:
            count = len(site.practices_with(taxonomy.key, term.id))
            rows.append(f"- [{text(term.label)}]({urls.link(urls.term(taxonomy, term.id))}) "
                        f"<span class=\"sam-count\">({count})</span>")
        parts.append(f'<div class="sam-terms" {html.IGNORE} markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n")
    parts.append("## Alle praktijken van A tot Z\n")
    parts.append(html.placeholder("alle"))
    return GeneratedPage(urls.PRACTICES_INDEX, "\n".join(parts),
                         fragments={"alle": html.practice_list(site, by_title(site.practices))})


def practice_pages(site: Site) -> list[GeneratedPage]:
    related = related_practices(site.practices, site.vocabulary.keys())
    pages = [practice_page(site, p, related[p.slug]) for p in site.practices]
    return [practices_index(site), *pages]
