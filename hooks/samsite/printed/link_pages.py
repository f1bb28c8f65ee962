"""Per cahier: the links page (/cahiers/<slug>/links/) and short links (/l/<n>-<m>/)."""

from __future__ import annotations

import html

from .. import urls
from ..model.content import Cahier
from ..model.dates import dutch_date
from ..numbering.links import CahierLink
from ..pages.generated import GeneratedFile, GeneratedPage
from ..pages.markdown import SEARCH_EXCLUDE, front_matter, lead, text
from .qr import QrCache, inline_svg, printed_width


def short_link_path(cahier: Cahier, link: CahierLink) -> str | None:
    """The link's short link /l/<cahier>-<n>/, or None while its number is not fixed in links.yml
    (a provisional number could move, so it is never published or printed)."""
    return urls.short_link(cahier.number, link.number) if link.fixed else None


def link_code_url(cahier: Cahier, link: CahierLink, base_url: str) -> str:
    """What a link's printed code encodes: its short link, or its own address without one."""
    short = short_link_path(cahier, link)
    return base_url + short if short else link.target


def links_page_path(cahier: Cahier) -> str:
    return urls.directory(urls.cahier_links(cahier.slug))


def links_short_path(cahier: Cahier) -> str:
    """The short link the links page's code encodes (a code of the full address is too dense)."""
    return urls.short_links_page(cahier.number)


def links_page(cahier: Cahier, links: list[CahierLink], base_url: str,
               qr: QrCache) -> tuple[GeneratedPage, list[GeneratedFile]]:
    page_url = base_url + links_short_path(cahier)
    code = qr.get(page_url, png=True)
    stem = f"qr-{cahier.slug}-links"
    downloads = [
        GeneratedFile(f"{links_page_path(cahier)}{stem}.svg", path=None, content=code.svg),
        GeneratedFile(f"{links_page_path(cahier)}{stem}.png", path=code.png_path),
    ]
    label = f"QR-code naar de links van het cahier {cahier.title}"
    parts = [
        front_matter(f"Links bij {cahier.title}",
                     f"Alle links uit het cahier {cahier.title}, genummerd zoals in het gedrukte boekje.", SEARCH_EXCLUDE),
        f"# Links bij {text(cahier.title)}\n",
        lead(f"In het gedrukte cahier staat naast een link een nummer. Hier vind je alle "
             f"{len(links)} links terug, in dezelfde volgorde en met hetzelfde nummer."),
        '<div class="sam-qr-hero" markdown>\n\n'
        f'<div class="sam-qr-hero__code">{_printed(inline_svg(code, "qr-linkpagina", label), code.modules)}</div>\n\n'
        f"Deze QR-code opent deze pagina: <code>{html.escape(page_url)}</code>. Voor het drukwerk: "
        f"[download SVG (vector)](/{downloads[0].dest_uri}){{ download=\"{stem}.svg\" }} · "
        f"[download PNG (hoge resolutie)](/{downloads[1].dest_uri}){{ download=\"{stem}.png\" }}\n\n"
        "</div>\n",
        f"[QR-blad met een code per link om af te drukken]({urls.link(urls.cahier_sheet(cahier.slug))})\n",
        f"## De links ({len(links)})\n",
    ]
    if links:
        items = []
        for link in links:
            short = short_link_path(cahier, link)
            shown = f"korte link: {text(base_url + short)}" if short else "nog geen vast nummer, dus geen korte link"
            items.append(
                f'- <span class="sam-num"><span class="sam-sr">Link </span>{link.number}</span> '
                f"[{text(link.title)}]({link.target})<br>\n"
                f'  <span class="sam-meta">Hoofdstuk: {text(link.chapter)} · {shown}'
                "</span><br>\n"
                f'  <span class="sam-url">{text(link.target)}</span>'
                + _replaced_note(link)
            )
        parts.append('<div class="sam-links" markdown>\n\n' + "\n".join(items) + "\n\n</div>\n")
    else:
        parts.append("*Dit cahier bevat geen externe links.*\n")
    parts.append(f"[Terug naar het cahier]({urls.link(urls.cahier(cahier.slug))})\n")
    src_uri = urls.cahier_links(cahier.slug)
    return GeneratedPage(src_uri, "\n".join(parts)), downloads


def _replaced_note(link: CahierLink) -> str:
    """For a redirected printed link: the printed address was replaced, and since when."""
    if not link.redirect:
        return ""
    since = f" sinds {dutch_date(link.redirect_since)}" if link.redirect_since else ""
    return ('<br>\n  <span class="sam-meta sam-replaced">Het gedrukte adres is'
            f"{since} vervangen door het adres hierboven. Gedrukt adres: "
            f'<span class="sam-url">{text(link.url)}</span></span>')
def _printed(svg: str, modules: int) -> str:
    """The code at the size of the printed sheets: a 45 mm symbol, plus its quiet zone."""
    width = printed_width(modules)
    return svg.replace("<svg ", f'<svg style="width:{width}mm;height:{width}mm" ', 1)


def redirect_html(target: str, title: str) -> str:
    target_attr = html.escape(target, quote=True)
    return (
        "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>Doorverwijzing: {html.escape(title)}</title>\n"
        "<meta name=\"robots\" content=\"noindex\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<link rel=\"canonical\" href=\"{target_attr}\">\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={target_attr}\">\n"
        "</head>\n<body style=\"overflow-wrap:anywhere\">\n"
        f"<p>Je gaat naar <a href=\"{target_attr}\">{html.escape(title)}</a>.</p>\n"
        "<p>Gebeurt er niets? Tik dan op de link hierboven.</p>\n"
        "</body>\n</html>\n"
    )


def internal_redirect(from_path: str, to_path: str, title: str) -> GeneratedFile:
    """A redirect page at ``from_path`` ('l/1/') to a page of the site ('cahiers/x/links/'),
    relative, so it works at any site address."""
    return GeneratedFile(from_path + "index.html", content=redirect_html(urls.up(from_path) + to_path, title))


def short_links(cahier: Cahier, links: list[CahierLink]) -> list[GeneratedFile]:
    files = [GeneratedFile(short + "index.html", content=redirect_html(link.target, link.title))
             for link in links if (short := short_link_path(cahier, link))]
    files.append(internal_redirect(links_short_path(cahier), links_page_path(cahier), f"Links bij {cahier.title}"))
    return files
