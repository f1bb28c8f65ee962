"""External links of a cahier: found in reading order, numbered like the printed markers.

A printed cahier marks links with a number and one QR code leads to all of them.
Once a cahier is ``published``, its numbers are fixed in ``cahiers/<slug>/links.yml``,
a committed file that only ``make links`` writes (see ``write_lock``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from ..errors import ContentIssue
from ..model.content import Cahier
from ..reading.content_files import LOCK_NAME
from ..reading.frontmatter import load_data
from ..reading.validate import check_url
from ..text.markdown_source import external_links

LOCK_HEADER = (
    "# Vaste linknummers van dit cahier, zoals gedrukt naast het linksymbool.\n"
    "# Dit bestand wordt geschreven door 'make links'; pas het niet met de hand aan,\n"
    "# behalve om een dode link om te leiden: voeg dan bij dat nummer een regel\n"
    "# 'redirect: https://nieuw-adres' toe. De korte link /l/<cahier>-<nummer>/ gaat dan\n"
    "# naar het nieuwe adres, zonder dat het boekje opnieuw gedrukt moet worden.\n"
)

@dataclass(frozen=True)
class CahierLink:
    number: int
    url: str  # the address in the cahier text
    title: str
    chapter: str  # title of the chapter it first appears in
    chapter_slug: str
    source: str  # file it first appears in
    line: int
    redirect: str | None = None  # a new target for a dead printed link
    redirect_since: datetime.date | None = None  # the day the redirect was added (links.yml)
    fixed: bool = False  # its number is in links.yml of a published cahier: printed, so it has a short link

    @property
    def target(self) -> str:
        return self.redirect or self.url


def links_in_markdown(markdown: str) -> list[tuple[int, str, str]]:
    """``(line offset, url, text)`` of each external link, in reading order: the links
    the page shows (inline, reference, autolink), never code or an image."""
    return [(line, url, " ".join(text.split())) for line, url, text in external_links(markdown)]


def _line_of(root: Path, source: str, url: str, fallback: int = 1) -> int:
    try:
        lines = (root / source).read_text(encoding="utf-8").split("\n")
    except OSError:
        return fallback
    return next((n for n, line in enumerate(lines, 1) if url in line), fallback)


def find_links(cahier: Cahier, root: Path) -> list[CahierLink]:
    """Every distinct external link, in reading order, numbered 1..n provisionally."""
    parts = [("", "", cahier.source, cahier.body)]
    parts += [(ch.title, ch.slug, ch.source, ch.body) for ch in cahier.chapters]
    links: dict[str, CahierLink] = {}
    for chapter, chapter_slug, source, body in parts:
        for _, url, text in links_in_markdown(body):
            if url not in links:
                links[url] = CahierLink(len(links) + 1, url, text or url, chapter or "Inleiding",
                                        chapter_slug, source, _line_of(root, source, url))
    for link in cahier.links:
        if link.url not in links:
            links[link.url] = CahierLink(len(links) + 1, link.url, link.title, "Extra links", "",
                                         cahier.source, _line_of(root, cahier.source, link.url))
    return list(links.values())


def lock_path(root: Path, cahier: Cahier) -> Path:
    return root / Path(cahier.source).parent / LOCK_NAME


def read_lock(root: Path, cahier: Cahier) -> tuple[list[dict] | None, list[ContentIssue]]:
    path = lock_path(root, cahier)
    display = path.relative_to(root).as_posix()
    if not path.is_file():
        return None, []
    try:
        entries = load_data(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError:
        return None, [ContentIssue(display, 1, "links", "dit bestand is geen geldige YAML meer",
                                   "zet het terug met 'git checkout' en voer 'make links' uit")]
    valid = isinstance(entries, list) and all(
        isinstance(e, dict) and isinstance(e.get("number"), int) and isinstance(e.get("url"), str)
        for e in entries)
    if not valid:
        return None, [ContentIssue(display, 1, "links", "elk item heeft een number en een url",
                                   "zet het bestand terug met 'git checkout' en voer 'make links' uit")]
    issues = []
    for entry in entries:
        if "redirect_since" in entry:
            since = entry["redirect_since"]
            line = _line_of(root, display, f"redirect_since: {since}")
            if "redirect" not in entry:
                issues.append(ContentIssue(display, line, "redirect_since",
                                           f"link {entry['number']}: redirect_since staat er zonder redirect",
                                           "zet erboven de regel 'redirect: https://nieuw-adres', of schrap "
                                           "redirect_since"))
            elif _day(since) is None:
                issues.append(ContentIssue(display, line, "redirect_since",
                                           f"link {entry['number']}: '{since}' is geen datum",
                                           "schrijf de dag van de omleiding als jaar-maand-dag, "
                                           "bv. redirect_since: 2026-11-30"))
        if "redirect" in entry:
            problem = check_url(entry["redirect"])
            if problem:
                issues.append(ContentIssue(display, _line_of(root, display, f"redirect: {entry['redirect']}"),
                                           "redirect", f"link {entry['number']}: {problem}",
                                           "geef het volledige nieuwe webadres, bv. redirect: https://www.voorbeeld.be/"))
    return (None, issues) if issues else (entries, [])


def number_links(cahier: Cahier, found: list[CahierLink], locked: list[dict] | None,
                 lock_display: str, published_line: int = 1) -> tuple[list[CahierLink], list[ContentIssue]]:
    """Apply the fixed numbers of a published cahier; new links get the next free numbers."""
    if not cahier.published:
        return found, []
    if locked is None:
        if not found:
            return found, []
        return found, [ContentIssue(cahier.source, published_line, "published",
                                    f"cahier '{cahier.title}' is gepubliceerd, maar de linknummers liggen nog niet vast",
                                    f"voer 'make links' uit en voeg {lock_display} toe aan je pull request")]
    by_url = {link.url: link for link in found}
    issues = []
    for entry in locked:
        if entry["url"] not in by_url:
            issues.append(ContentIssue(
                cahier.source, 1, "links",
                f"cahier '{cahier.title}': gedrukte link {entry['number']} ({entry['url']}) staat niet meer in de tekst",
                "een gedrukt linknummer mag niet verdwijnen: zet de link terug; is het adres dood, laat de link "
                f"dan staan en voeg in {lock_display} bij nummer {entry['number']} 'redirect: <nieuw adres>' toe"))
    kept = [link.url for link in found if link.url in {e["url"] for e in locked}]
    printed = [e["url"] for e in locked if e["url"] in by_url]
    if kept != printed:
        first = next(i for i, (a, b) in enumerate(zip(kept, printed)) if a != b)
        moved = next(e for e in locked if e["url"] == kept[first])
        issues.append(ContentIssue(
            by_url[kept[first]].source, by_url[kept[first]].line, "links",
            f"cahier '{cahier.title}': gedrukte link {moved['number']} ({kept[first]}) staat nu op een andere "
            "plaats in de volgorde, waardoor de gedrukte nummers niet meer kloppen",
            "zet de links terug in hun gedrukte volgorde; nieuwe links voeg je toe, ze krijgen het volgende vrije nummer"))
    if issues:
        return found, issues
    numbers = {e["url"]: e for e in locked}
    next_number = max((e["number"] for e in locked), default=0) + 1
    numbered = []
    for link in found:
        entry = numbers.get(link.url)
        if entry:
            numbered.append(replace(link, number=entry["number"], redirect=entry.get("redirect"),
                                    redirect_since=_day(entry.get("redirect_since")), fixed=True))
        else:
            numbered.append(replace(link, number=next_number))
            next_number += 1
    return sorted(numbered, key=lambda link: link.number), []


def _day(value: object) -> datetime.date | None:
    """A YAML date, also quoted ('2026-11-30'); a timestamp counts for its day."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return value if isinstance(value, datetime.date) else None


def cahier_links(cahier: Cahier, root: Path) -> tuple[list[CahierLink], list[ContentIssue]]:
    """The numbered links of a cahier, or the problems that stop them being numbered."""
    locked, issues = read_lock(root, cahier)
    if issues:
        return [], issues
    display = lock_path(root, cahier).relative_to(root).as_posix()
    return number_links(cahier, find_links(cahier, root), locked, display,
                        _line_of(root, cahier.source, "published:"))


def write_lock(cahier: Cahier, root: Path) -> tuple[str, list[ContentIssue]]:
    """Write the numbering file (the explicit `make links` step). Never run by a build."""
    locked, issues = read_lock(root, cahier)
    if locked is None and not issues:
        links = find_links(cahier, root)  # first freeze: the reading order is the printed order
    else:
        links, more = cahier_links(cahier, root)
        issues += more
    if issues:
        return "", issues
    entries = []
    for link in links:
        entry = {"number": link.number, "url": link.url, "title": link.title, "chapter": link.chapter}
        if link.redirect:
            entry["redirect"] = link.redirect
        if link.redirect_since:
            entry["redirect_since"] = link.redirect_since  # dumped as a plain YAML date
        entries.append(entry)
    text = LOCK_HEADER + yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=1000)
    path = lock_path(root, cahier)
    old = path.read_text(encoding="utf-8") if path.is_file() else None
    if old != text:
        path.write_text(text, encoding="utf-8")
        return f"{path.relative_to(root).as_posix()}: {len(entries)} links vastgelegd", []
    return f"{path.relative_to(root).as_posix()}: ongewijzigd ({len(entries)} links)", []
