"""The practice pages and the overview of all practices."""

from __future__ import annotations

from .. import urls
from ..model import Practice, Site
from . import GeneratedPage
from .markdown import by_title, facts, front_matter, lead, practice_list, term_links, text
from .related import related_practices


def practice_page(site: Site, practice: Practice, related: list[Practice]) -> GeneratedPage:
    cahiers = [site.cahier(slug) for slug in practice.cahier]
    rows = [
        ("Organisatie", text(practice.organisation)),
        ("Regio", text(practice.region)),
        ("Strategie", term_links(site, "strategy", practice.strategy)),
        ("Sector", term_links(site, "sector", practice.sector)),
        ("Niveau", term_links(site, "level", practice.level)),
        ("Jaar", str(practice.year) if practice.year else ""),
        ("Cahier", ", ".join(f"[{text(c.title)}]({urls.link(urls.cahier(c.slug))})" for c in cahiers)),
    ]
    parts = [
        front_matter(practice.title, practice.summary),
        f"# {text(practice.title)}\n",
        lead(practice.summary),
        facts(rows),
        practice.body + "\n",
    ]
    if practice.links:
        parts.append("## Meer weten\n")
        parts.append("\n".join(f"- [{text(link.title)}]({link.url})" for link in practice.links) + "\n")
    if related:
        parts.append("## Verwante praktijken\n")
        parts.append(practice_list(site, related))
    return GeneratedPage(urls.practice(practice.slug), "\n".join(parts), practice.source)


def practices_index(site: Site) -> GeneratedPage:
    parts = [
        front_matter("Praktijken", "Verhalen van coalities en initiatieven die sociaal onrecht politiseren."),
        "# Praktijken\n",
        lead(f"{len(site.practices)} verhalen uit de praktijk van sociale professionals en hun "
             "bondgenoten. Kies een strategie, sector of niveau, of blader door de volledige lijst."),
    ]
    for taxonomy in site.vocabulary.taxonomies:
        parts.append(f"## Per {taxonomy.label.lower()}\n")
        rows = []
        for term in taxonomy.terms:
            count = len(site.practices_with(taxonomy.key, term.id))
            rows.append(f"- [{text(term.label)}]({urls.link(urls.term(taxonomy, term.id))}) "
                        f"<span class=\"sam-count\">({count})</span>")
        parts.append('<div class="sam-terms" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n")
    parts.append("## Alle praktijken van A tot Z\n")
    parts.append(practice_list(site, by_title(site.practices)))
    return GeneratedPage(urls.PRACTICES_INDEX, "\n".join(parts))


def practice_pages(site: Site) -> list[GeneratedPage]:
    related = related_practices(site.practices)
    pages = [practice_page(site, p, related[p.slug]) for p in site.practices]
    return [practices_index(site), *pages]
