"""Asking the web about each address: ``check``. The only module that makes requests."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from urllib.parse import urldefrag, urlsplit

import httpx

# What an address does.
OK, MOVED, DEAD, FAILED = "ok", "moved", "dead", "failed"

USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/131.0.0.0 Safari/537.36")
HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "nl-BE,nl;q=0.9,en;q=0.8",
}
PERMANENT = (301, 308)
GONE = {404: "niet gevonden", 410: "verdwenen"}


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


def _permanent_target(response: httpx.Response) -> str | None:
    """Where the leading permanent redirects (301, 308) lead; None when the first is temporary."""
    hops = list(response.history)
    count = 0
    while count < len(hops) and hops[count].status_code in PERMANENT:
        count += 1
    if not count:
        return None
    return str(([hop.url for hop in hops] + [response.url])[count])


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
        moved = _permanent_target(answer)
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
    urls = list(dict.fromkeys(urls))
    pages = list(dict.fromkeys(urldefrag(url).url for url in urls))  # '#part' is not sent to the server
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in pages:
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
    return {url: _with_fragment(found[urldefrag(url).url], url) for url in urls}


def _with_fragment(result: Result, url: str) -> Result:
    """The result for the page, told for the address as written (with its '#part')."""
    fragment = urlsplit(url).fragment
    new_url = result.new_url
    if new_url and fragment and "#" not in new_url:
        new_url += "#" + fragment
    return replace(result, url=url, new_url=new_url)
