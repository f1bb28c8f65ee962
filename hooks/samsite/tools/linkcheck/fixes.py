"""What to do about each address that does not work: ``problems``, in Dutch, with the fix."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .sources import PRINTED, REDIRECT, TEXT, Place
from .web import DEAD, FAILED, MOVED, OK, Result

# How bad a problem is: only ERROR makes the exit code 1.
ERROR, WARNING, COVERED = "error", "warning", "covered"
ARCHIVE = "https://web.archive.org/web/{year}/{url}"


@dataclass(frozen=True)
class Problem:
    severity: str  # ERROR, WARNING, COVERED
    path: str
    line: int
    kind: str
    url: str
    state: str
    reason: str
    message: str  # Dutch: what is wrong
    fix: str  # Dutch: exactly what to do ('' for COVERED)
    cahier: str = ""
    number: int | None = None
    new_url: str | None = None
    add_lines: tuple[str, ...] = ()  # lines to put in links.yml under the number
    in_text: str = ""  # 'file:line' where a printed link stands in the cahier text

    def format(self) -> str:
        line = f"{self.path}:{self.line}: {self.message}"
        return f"{line}; oplossing: {self.fix}" if self.fix else line


def archive_url(url: str, year: int | None, today: datetime.date) -> str:
    """The Internet Archive's copy of a page near ``year``: built, never fetched."""
    return ARCHIVE.format(year=year or today.year, url=url)


def _state_words(result: Result) -> str:
    return {DEAD: "is dood", MOVED: "is verhuisd", FAILED: "geeft een fout"}[result.state]


def _redirect_lines(target: str, today: datetime.date) -> tuple[str, ...]:
    return (f"  redirect: {target}", f"  redirect_since: {today.isoformat()}")


def _quoted(lines: tuple[str, ...]) -> str:
    return " en ".join(f"'{line}'" for line in lines)


def _printed(place: Place, result: Result, today: datetime.date) -> Problem:
    """A printed link (a number in links.yml) that does not work as printed."""
    where = f"{place.path}:{place.line}"  # its first place in the text
    common = dict(path=place.lock, line=place.lock_line, kind=PRINTED, url=result.url, state=result.state,
                  reason=result.reason, cahier=place.cahier, number=place.number, new_url=result.new_url,
                  in_text=where)
    subject = f"gedrukte link {place.number} ({result.url}, in de tekst op {where})"
    if place.redirect:
        return Problem(COVERED, message=f"{subject} {_state_words(result)} ({result.reason}), maar is al omgeleid "
                       f"naar {place.redirect}", fix="", **common)
    under = f"zet in {place.lock} onder '- number: {place.number}' de regels"
    if result.state == DEAD:
        lines = _redirect_lines(archive_url(result.url, place.year, today), today)
        return Problem(ERROR, message=f"{subject} is dood: {result.reason}",
                       fix=f"{under} {_quoted(lines)} (de archiefversie van de pagina; vind je het nieuwe adres "
                       "van de pagina, zet dat na redirect:)", add_lines=lines, **common)
    if result.state == MOVED:
        lines = _redirect_lines(result.new_url, today)
        return Problem(WARNING, message=f"{subject} is verhuisd: {result.reason} naar {result.new_url}",
                       fix=f"{under} {_quoted(lines)} (de korte link gaat dan meteen naar het nieuwe adres)",
                       add_lines=lines, **common)
    lines = _redirect_lines(archive_url(result.url, place.year, today), today)
    return Problem(WARNING, message=f"{subject} geeft een fout: {result.reason}",
                   fix=f"open de link in een browser; werkt hij echt niet meer, {under} {_quoted(lines)}",
                   add_lines=lines, **common)


def _redirect(place: Place, result: Result, today: datetime.date, original: str) -> Problem:
    """The ``redirect:`` of a printed link, where the short link now leads, does not work."""
    common = dict(path=place.path, line=place.line, kind=REDIRECT, url=result.url, state=result.state,
                  reason=result.reason, cahier=place.cahier, number=place.number, new_url=result.new_url)
    subject = f"de omleiding van gedrukte link {place.number} ({result.url})"
    if result.state == MOVED:
        return Problem(WARNING, message=f"{subject} is verhuisd: {result.reason} naar {result.new_url}",
                       fix=f"vervang deze regel door '  redirect: {result.new_url}'", add_lines=(
                           f"  redirect: {result.new_url}",), **common)
    severity, state = (ERROR, "is dood") if result.state == DEAD else (WARNING, "geeft een fout")
    suggestion = f"  redirect: {archive_url(original, place.year, today)}"
    if result.url.startswith(ARCHIVE.split("{")[0]):  # the archive itself: only a new address helps
        return Problem(severity, message=f"{subject} {state}: {result.reason}",
                       fix="vervang deze regel door 'redirect: ' met het nieuwe adres van de organisatie zelf",
                       **common)
    return Problem(severity, message=f"{subject} {state}: {result.reason}",
                   fix=f"vervang deze regel door een werkend adres, bv. de archiefversie van het gedrukte adres: "
                   f"'{suggestion}'", add_lines=(suggestion,), **common)


def _plain(place: Place, result: Result, today: datetime.date) -> Problem:
    """A link in a text or a 'links' field: the address itself can be changed."""
    common = dict(path=place.path, line=place.line, kind=place.kind, url=result.url, state=result.state,
                  reason=result.reason, cahier=place.cahier, number=place.number, new_url=result.new_url)
    subject = "de link" if place.kind == TEXT else "de link in 'links'"
    if place.number and place.cahier:
        subject += f" {place.number} (nog niet gedrukt)"
    if result.state == MOVED:
        return Problem(WARNING, message=f"{subject} {result.url} is verhuisd: {result.reason}",
                       fix=f"vervang het adres door {result.new_url}", **common)
    archived = archive_url(result.url, place.year, today)
    if result.state == DEAD:
        return Problem(WARNING, message=f"{subject} {result.url} is dood: {result.reason}",
                       fix=f"vervang het adres door het nieuwe adres van de pagina of door de archiefversie "
                       f"{archived}, of haal de link weg", **common)
    return Problem(WARNING, message=f"{subject} {result.url} geeft een fout: {result.reason}",
                   fix=f"open de link in een browser; werkt hij echt niet meer, vervang hem dan (archiefversie: "
                   f"{archived}) of haal hem weg", **common)


def problems(places: dict[str, list[Place]], results: dict[str, Result],
             today: datetime.date | None = None) -> list[Problem]:
    """One problem per place where an address does not work (a printed link: once per number)."""
    today = today or datetime.date.today()
    originals = {(p.cahier, p.number): url for url, ps in places.items() for p in ps if p.kind == PRINTED}
    found, seen = [], set()
    for url, url_places in places.items():
        result = results[url]
        for place in url_places:
            if place.kind == PRINTED:
                if (place.cahier, place.number) in seen:
                    continue
                seen.add((place.cahier, place.number))
                if result.state != OK:
                    found.append(_printed(place, result, today))
            elif result.state == OK:
                continue
            elif place.kind == REDIRECT:
                found.append(_redirect(place, result, today, originals.get((place.cahier, place.number), url)))
            else:
                found.append(_plain(place, result, today))
    order = {ERROR: 0, WARNING: 1, COVERED: 2}
    return sorted(found, key=lambda p: (order[p.severity], p.path, p.line, p.url))
