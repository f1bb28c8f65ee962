"""Every external link of the site, checked, with the fix ready to apply (``make linkcheck``).

A printed cahier lives for years; the pages it points to do not. This module

- ``collect``s each web address with every place it is written: the numbered links of a
  cahier (number in ``links.yml`` and the chapter line), the ``links`` of practices and
  cahiers, and links in the text of practices, cahiers and team pages (``docs/``);
- ``check``s each address once, host by host (one request at a time per host, with a
  pause between two), several hosts at once, HEAD first and GET when a server refuses
  HEAD, redirects followed, one retry after a server error or a timeout;
- turns the results into ``problems``: one Dutch line per place, with the exact fix. A dead
  printed link that no ``redirect:`` covers is an error (exit code 1); all else warns.

No MkDocs here; ``python -m samsite linkcheck`` is the command line.
"""

from __future__ import annotations

import argparse
import datetime
import json
import socket
import ssl
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import yaml

from . import build
from .content_files import THEME_FOLDER
from .errors import ContentError, IssueCollector
from .frontmatter import read_text, split_front_matter
from .links import links_in_markdown, lock_path, read_lock

# Where an address is written.
TEXT, FIELD, PRINTED, REDIRECT = "text", "field", "printed", "redirect"
# What an address does.
OK, MOVED, DEAD, FAILED = "ok", "moved", "dead", "failed"
# How bad a problem is: only ERROR makes the exit code 1.
ERROR, WARNING, COVERED = "error", "warning", "covered"

USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/131.0.0.0 Safari/537.36")
HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "nl-BE,nl;q=0.9,en;q=0.8",
}
PERMANENT = (301, 308)
GONE = {404: "niet gevonden", 410: "verdwenen"}
ARCHIVE = "https://web.archive.org/web/{year}/{url}"


# -- Where the addresses are ------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    """One place an external address is written."""

    path: str  # the file, relative to the project root
    line: int
    kind: str  # TEXT, FIELD (front-matter 'links'), PRINTED (a number in links.yml), REDIRECT
    cahier: str = ""  # slug, for a cahier's links
    number: int | None = None  # the link number on the cahier's links page
    lock: str = ""  # links.yml of a printed link (PRINTED, REDIRECT)
    lock_line: int = 0  # line of '- number: n' in links.yml
    redirect: str | None = None  # the redirect a printed link already has
    year: int | None = None  # when the link was known to work: for the archive suggestion


def body_links(markdown: str) -> list[tuple[int, str]]:
    """``(line offset, url)`` of each external link in Markdown text, in reading order.

    The collector's only reader of link syntax: the extractor that numbers the printed
    links, so the check and the numbering always agree on what a link is.
    """
    return [(offset, url) for offset, url, _ in links_in_markdown(markdown)]


def _source(root: Path, path: str):
    issues = IssueCollector(path)
    text = read_text((root / path).read_bytes(), issues)
    return split_front_matter(text or "", issues, required=False) if text else None


def _text_links(root: Path, path: str) -> list[tuple[int, str]]:
    source = _source(root, path)
    return [(source.body_line + offset, url) for offset, url in body_links(source.body)] if source else []


def _field_links(root: Path, path: str) -> list[tuple[int, str]]:
    """The ``links`` of a front-matter block, with the line of each url."""
    source = _source(root, path)
    items = source.meta.get("links") if source else None
    found = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        url = item if isinstance(item, str) else item.get("url") if isinstance(item, dict) else None
        if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
            line = source.lines.get(("links", index, "url")) or source.lines.get(("links", index), 1)
            found.append((line, url.strip()))
    return found


def _lock_lines(path: Path) -> tuple[dict[int, int], dict[int, int]]:
    """Line of each ``- number: n`` item in links.yml, and of its ``redirect:``."""
    items, redirects = {}, {}
    node = yaml.compose(path.read_text(encoding="utf-8"))
    for item in node.value if isinstance(node, yaml.SequenceNode) else []:
        values = {key.value: value for key, value in item.value} if isinstance(item, yaml.MappingNode) else {}
        if "number" in values and str(values["number"].value).isdigit():
            number = int(values["number"].value)
            items[number] = item.start_mark.line + 1
            if "redirect" in values:
                redirects[number] = values["redirect"].start_mark.line + 1
    return items, redirects


def collect(root: Path) -> dict[str, list[Place]]:
    """Every external address of the site -> the places it is written, in reading order.

    Raises ContentError when the content itself has problems (``make check`` first).
    """
    root = Path(root).resolve()
    site = build.load(root)
    numbered = build.numbered_links(site, root)
    places: dict[str, list[Place]] = defaultdict(list)
    for cahier in site.cahiers:
        links = {link.url: link for link in numbered[cahier.slug]}
        entries, _ = read_lock(root, cahier)
        printed = {entry["url"] for entry in entries or []} if cahier.published else set()
        lock = lock_path(root, cahier)
        lock_display = lock.relative_to(root).as_posix()
        item_lines, redirect_lines = _lock_lines(lock) if printed else ({}, {})

        def place(path: str, line: int, kind: str, url: str) -> Place:
            link = links.get(url)
            number = link.number if link else None
            if url in printed and link:
                return Place(path, line, PRINTED, cahier.slug, number, lock_display,
                             item_lines.get(number, 1), link.redirect, cahier.year)
            return Place(path, line, kind, cahier.slug, number, year=cahier.year)

        for path in [cahier.source] + [chapter.source for chapter in cahier.chapters]:
            for line, url in _text_links(root, path):
                places[url].append(place(path, line, TEXT, url))
        for line, url in _field_links(root, cahier.source):
            places[url].append(place(cahier.source, line, FIELD, url))
        for link in numbered[cahier.slug]:
            if link.redirect and link.url in printed:
                item_line = item_lines.get(link.number, 1)
                places[link.redirect].append(Place(
                    lock_display, redirect_lines.get(link.number, item_line), REDIRECT, cahier.slug, link.number,
                    lock_display, item_line, link.redirect, cahier.year))
    for practice in site.practices:
        for line, url in _text_links(root, practice.source):
            places[url].append(Place(practice.source, line, TEXT, year=practice.year))
        for line, url in _field_links(root, practice.source):
            places[url].append(Place(practice.source, line, FIELD, year=practice.year))
    docs = root / "docs"
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        relative = page.relative_to(docs).as_posix()
        if page.is_file() and not relative.startswith(THEME_FOLDER):
            path = page.relative_to(root).as_posix()
            for line, url in _text_links(root, path):
                places[url].append(Place(path, line, TEXT))
    return dict(places)


# -- Asking the web -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Result:
    url: str
    state: str  # OK, MOVED, DEAD, FAILED
    reason: str  # in Dutch, e.g. 'niet gevonden (404)'
    status: int | None = None  # the last HTTP status, if there was an answer
    new_url: str | None = None  # MOVED: where the permanent redirect leads


@dataclass(frozen=True)
class Settings:
    timeout: float = 15.0  # seconds, per connection, read and write
    delay: float = 1.0  # seconds between two requests to the same host
    workers: int = 8  # hosts checked at the same time
    retry_wait: float | None = None  # before the one retry; default: three times the delay

    @property
    def pause_before_retry(self) -> float:
        return self.retry_wait if self.retry_wait is not None else 3 * self.delay


class _Host:
    """Requests to one host, one at a time, at least ``delay`` seconds apart."""

    def __init__(self, delay: float):
        self.delay = delay
        self.last: float | None = None

    def wait(self) -> None:
        if self.last is not None:
            pause = self.last + self.delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self.last = time.monotonic()


def _request(client: httpx.Client, method: str, url: str, host: _Host) -> httpx.Response | Exception:
    host.wait()
    try:
        with client.stream(method, url) as response:  # status and headers only: the body is never read
            return response
    except (httpx.HTTPError, httpx.InvalidURL, UnicodeError) as error:
        return error


def _causes(error: BaseException):
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def _dns_failure(error: Exception) -> bool:
    if any(isinstance(cause, socket.gaierror) for cause in _causes(error)):
        return True
    text = str(error).lower()
    return any(words in text for words in ("name or service not known", "nodename nor servname",
                                           "getaddrinfo failed", "no address associated"))


def _permanent_target(response: httpx.Response, url: str) -> str | None:
    """Where the leading permanent redirects (301, 308) lead; None when the first is temporary."""
    hops = list(response.history)
    count = 0
    while count < len(hops) and hops[count].status_code in PERMANENT:
        count += 1
    if not count:
        return None
    target = str(([hop.url for hop in hops] + [response.url])[count])
    fragment = urlsplit(url).fragment
    if fragment and "#" not in target:
        target += "#" + fragment
    return target


def _after(response: httpx.Response) -> str:
    return f" na doorverwijzing naar {response.url}" if response.history else ""


def _classify(url: str, answer: httpx.Response | Exception) -> tuple[Result, bool]:
    """The result of one attempt, and whether a second attempt may change it."""
    if isinstance(answer, httpx.Response):
        status = answer.status_code
        if status in GONE:
            return Result(url, DEAD, f"{GONE[status]} ({status}){_after(answer)}", status), False
        if status >= 500:
            return Result(url, FAILED, f"serverfout ({status}), ook bij een tweede poging", status), True
        if status >= 400:
            return Result(url, FAILED, f"geweigerd ({status}){_after(answer)}; misschien weert de site "
                          "controleprogramma's", status), False
        moved = _permanent_target(answer, url)
        if moved and moved != url:
            return Result(url, MOVED, f"permanent verhuisd ({answer.history[0].status_code})", status, moved), False
        return Result(url, OK, "in orde", status), False
    if isinstance(answer, (httpx.InvalidURL, httpx.UnsupportedProtocol, UnicodeError)):
        return Result(url, FAILED, "geen geldig webadres"), False
    if _dns_failure(answer):
        return Result(url, DEAD, "de domeinnaam bestaat niet (DNS), ook bij een tweede poging"), True
    if isinstance(answer, httpx.TimeoutException):
        return Result(url, DEAD, "geen antwoord binnen de wachttijd, ook bij een tweede poging"), True
    if isinstance(answer, httpx.TooManyRedirects):
        return Result(url, FAILED, "te veel doorverwijzingen (een kringloop?)"), False
    if any(isinstance(cause, ssl.SSLError) for cause in _causes(answer)):
        return Result(url, FAILED, "de beveiligde verbinding mislukt (certificaat)"), False
    return Result(url, FAILED, f"onbereikbaar ({type(answer).__name__}), ook bij een tweede poging"), True


def _refused_head(answer: httpx.Response | Exception) -> bool:
    """Many servers refuse HEAD (405, 501, or any 4xx) or drop it: then GET decides."""
    if isinstance(answer, httpx.Response):
        return 400 <= answer.status_code < 500 or answer.status_code == 501
    return not isinstance(answer, (httpx.TimeoutException, httpx.InvalidURL)) and not _dns_failure(answer)


def check_url(client: httpx.Client, url: str, host: _Host, settings: Settings) -> Result:
    answer = _request(client, "HEAD", url, host)
    if _refused_head(answer):
        answer = _request(client, "GET", url, host)
    result, retry = _classify(url, answer)
    if retry:  # one server error or timeout is not yet a dead link
        time.sleep(settings.pause_before_retry)
        result, _ = _classify(url, _request(client, "GET", url, host))
    return result


def check(urls, settings: Settings = Settings(), transport: httpx.BaseTransport | None = None
          ) -> dict[str, Result]:
    """Each address once; hosts in parallel (``settings.workers``), one request at a time per host."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in dict.fromkeys(urls):
        by_host[urlsplit(url).netloc.lower()].append(url)
    found: dict[str, Result] = {}
    lock = threading.Lock()
    with httpx.Client(headers=HEADERS, timeout=settings.timeout, follow_redirects=True, max_redirects=10,
                      transport=transport) as client:

        def one_host(host_urls: list[str]) -> None:
            host = _Host(settings.delay)
            for url in host_urls:
                result = check_url(client, url, host, settings)
                with lock:
                    found[url] = result

        with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
            list(pool.map(one_host, by_host.values()))
    return found


# -- What to do about it ------------------------------------------------------------------------

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
    text: str = ""  # 'file:line' of a printed link in the cahier text

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
                  reason=result.reason, cahier=place.cahier, number=place.number, new_url=result.new_url, text=where)
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
    suggestion = f"  redirect: {archive_url(original, place.year, today)}"
    severity, state = (ERROR, "is dood") if result.state == DEAD else (WARNING, "geeft een fout")
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


# -- Report and command line ------------------------------------------------------------------

HEADINGS = {
    ERROR: "Dode gedrukte links (fout: los ze op met een omleiding in links.yml):",
    WARNING: "Waarschuwingen (dode, verhuisde of haperende links):",
    COVERED: "Al omgeleid (niets te doen):",
}


def offline(results: dict[str, Result]) -> bool:
    """No site of two or more answered at all: more likely this machine has no internet."""
    hosts = {urlsplit(url).netloc.lower() for url in results}
    return len(hosts) >= 2 and all(result.status is None and result.state != OK for result in results.values())


def exit_code(found: list[Problem]) -> int:
    return 1 if any(problem.severity == ERROR for problem in found) else 0


def text_report(places: dict[str, list[Place]], results: dict[str, Result], found: list[Problem]) -> str:
    count = sum(len(p) for p in places.values())
    lines = [f"Linkcontrole: {len(results)} webadressen op {count} plaatsen gecontroleerd."]
    for severity, heading in HEADINGS.items():
        these = [problem for problem in found if problem.severity == severity]
        if these:
            lines += ["", heading] + [problem.format() for problem in these]
    states = defaultdict(int)
    for result in results.values():
        states[result.state] += 1
    lines += ["", f"Samenvatting: {states[OK]} in orde, {states[MOVED]} verhuisd, {states[DEAD]} dood, "
              f"{states[FAILED]} met een andere fout."]
    errors = sum(problem.severity == ERROR for problem in found)
    if errors:
        noun = "gedrukte link is" if errors == 1 else "gedrukte links zijn"
        lines.append(f"{errors} {noun} dood en niet omgeleid: voeg de genoemde regels toe aan links.yml, "
                     "controleer met 'make check' en maak een pull request.")
    elif not any(problem.severity == WARNING for problem in found):
        lines.append("Alle links werken.")
    return "\n".join(lines)


def json_report(places: dict[str, list[Place]], results: dict[str, Result], found: list[Problem]) -> dict:
    return {
        "checked": len(results),
        "exit_code": exit_code(found),
        "problems": [asdict(problem) | {"text_line": problem.format()} for problem in found],
        "links": [asdict(results[url]) | {"places": [asdict(place) for place in url_places]}
                  for url, url_places in places.items()],
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m samsite linkcheck",
                                     description="Controleert elke externe link van de site.")
    parser.add_argument("root", nargs="?", default=".", help="de map van het project (standaard: .)")
    parser.add_argument("--json", nargs="?", const="-", metavar="BESTAND",
                        help="schrijf het rapport als JSON naar BESTAND (zonder naam: in plaats van de tekst)")
    parser.add_argument("--timeout", type=float, default=Settings.timeout, help="wachttijd per verzoek (s)")
    parser.add_argument("--delay", type=float, default=Settings.delay,
                        help="pauze tussen twee verzoeken aan dezelfde site (s)")
    parser.add_argument("--workers", type=int, default=Settings.workers, help="sites tegelijk")
    return parser


def main(argv: list[str]) -> int:
    options = _parser().parse_args(argv)
    root = Path(options.root).resolve()
    try:
        places = collect(root)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        print("De links zijn niet gecontroleerd: los eerst deze problemen op.", file=sys.stderr)
        return 2
    results = check(places, Settings(options.timeout, options.delay, options.workers))
    if offline(results):
        print(f"Geen enkele van de {len(results)} webadressen antwoordde: heeft deze computer wel internet? "
              "De links zijn niet beoordeeld; probeer opnieuw met een werkende verbinding.", file=sys.stderr)
        return 2
    found = problems(places, results)
    if options.json:
        report = json.dumps(json_report(places, results, found), ensure_ascii=False, indent=2)
        if options.json == "-":
            print(report)
            return exit_code(found)
        Path(options.json).write_text(report + "\n", encoding="utf-8")
    print(text_report(places, results, found))
    return exit_code(found)
