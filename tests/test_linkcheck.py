"""make linkcheck against a local web server: dead, moved and refused links, with the fix.

No test here reaches the internet: the links point at a server on 127.0.0.1, and the
checker runs with tests/loopback_guard on its PYTHONPATH, which refuses every connection
that is not to a loopback address and every name look-up (a failed look-up is how a
domain that no longer exists looks), and logs each attempt.
"""

from __future__ import annotations

import datetime
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from content_factory import ContentTree, cahier_text, practice_text
from helpers import ROOT, samsite
from samsite.numbering.links import write_lock
from samsite.reading.loader import load_site
from samsite.tools import linkcheck

GUARD = Path(__file__).parent / "loopback_guard"
TIMEOUT = 1.0  # the checker's timeout in these tests (seconds)
SLOW = 6.0  # how long /traag takes to answer
DNS_FAILURE = "https://bestaat-niet.invalid/pagina"
CAHIER = "cahiers/proef"


class Handler(http.server.BaseHTTPRequestHandler):
    """200, 301 and 308 to a 200, a temporary 302, 404, 410, a HEAD-refusing 405, a 503 that
    recovers, and a page too slow to wait for."""

    protocol_version = "HTTP/1.1"
    MOVES = {"/oud": (301, "/nieuw"), "/verplaatst": (308, "/nieuw"), "/tijdelijk": (302, "/goed"),
             "/kring": (301, "/kring"), "/keten": (301, "/tussen"), "/tussen": (302, "/goed"),
             "/naar-weg": (301, "/weg")}
    FIXED = {"/goed": 200, "/nieuw": 200, "/nieuw-adres": 200, "/weg": 404, "/opgeheven": 410,
             "/verboden": 403, "/stuk": 500}

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.answer()

    def do_GET(self):
        self.answer()

    def answer(self):
        server, path = self.server, self.path.split("?")[0]
        with server.lock:
            earlier = sum(1 for request in server.requests if request["path"] == path)
            request = {"method": self.command, "path": path, "client": self.client_address[0],
                       "user_agent": self.headers.get("User-Agent", ""), "at": time.monotonic()}
            server.requests.append(request)
        location = None
        if path in self.MOVES:
            status, location = self.MOVES[path]
        elif path in self.FIXED:
            status = self.FIXED[path]
        elif path == "/geen-head":
            status = 405 if self.command == "HEAD" else 200
        elif path == "/hapert":
            status = 503 if earlier == 0 else 200  # down once, then back
        elif path == "/traag":
            status = 200
        else:
            status = 404
        request["status"] = status
        if path == "/traag":
            time.sleep(SLOW)  # long past the checker's timeout
        body = b"" if self.command == "HEAD" else f"<p>{status}</p>".encode()
        try:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(f"<p>{status}</p>")))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the checker stopped waiting (/traag)


def start_server() -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)  # a free port
    server.daemon_threads = True
    server.lock = threading.Lock()
    server.requests = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def server():
    server = start_server()
    yield server
    server.shutdown()
    server.server_close()


def base(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def make_project(root: Path, u: str) -> ContentTree:
    """A published cahier, a practice and a team page whose links point at the local server."""
    tree = ContentTree(root)
    tree.write(f"{CAHIER}/index.md", cahier_text(title="Proefcahier", extra="published: true\n",
                                                 body="Inleiding.\n"))
    tree.write(f"{CAHIER}/01-start.md",
               f"# Start\n\nLees [de goede pagina]({u}/goed) en [het oude adres]({u}/oud).\n\n"
               f"Dit adres bestaat niet meer: [weg]({u}/weg).\n")
    tree.write(f"{CAHIER}/02-verder.md",
               f"# Verder\n\n[Opgeheven]({u}/opgeheven), <{u}/geen-head> en [een haperende site][h].\n\n"
               f"[Een trage site]({u}/traag) en [tijdelijk elders]({u}/tijdelijk).\n\n[h]: {u}/hapert\n")
    tree.write("praktijken/proef.md", practice_text(
        title="Proefpraktijk",
        extra=(f"links:\n  - title: Opgeheven\n    url: {u}/opgeheven\n"
               f"  - title: Verplaatst\n    url: {u}/verplaatst\n"),
        body=f"Het verhaal. Zie [weg]({u}/weg) en [een site die niet bestaat]({DNS_FAILURE}).\n"))
    tree.write("docs/over.md", f"# Over\n\nMeer op [de oude site]({u}/oud).\n")
    site = load_site(root)
    message, issues = write_lock(site.cahiers[0], root)  # what `make links` does when a cahier is printed
    assert not issues and "8 links vastgelegd" in message
    return tree


def guarded_env(log: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if "proxy" not in key.lower()}
    env.update(PYTHONPATH=os.pathsep.join([str(ROOT / "hooks"), str(GUARD)]), LOOPBACK_GUARD_LOG=str(log),
               NO_MKDOCS_2_WARNING="1")
    return env


FAST = ["--timeout", str(TIMEOUT), "--delay", "0.02"]


def run_linkcheck(project: Path, log: Path, *args: str) -> subprocess.CompletedProcess:
    guard = guarded_env(log)
    return samsite("linkcheck", project, *FAST, *args, timeout=120, PYTHONPATH=guard["PYTHONPATH"],
                   LOOPBACK_GUARD_LOG=guard["LOOPBACK_GUARD_LOG"])


def run_make_linkcheck(project: Path, log: Path, args: str) -> subprocess.CompletedProcess:
    """`make linkcheck` with the project's Makefile, in the test project, with this Python."""
    return subprocess.run(
        ["make", "-s", "-f", str(ROOT / "Makefile"), "-C", str(project), "linkcheck",
         "-o", ".venv/.site-installed", f"PY={sys.executable}",
         f"PYTHONPATH={guarded_env(log)['PYTHONPATH']}", f"LINKCHECK_ARGS={' '.join(FAST)} {args}"],
        env=guarded_env(log), capture_output=True, text=True, timeout=120)


def lock_line(project: Path, number: int) -> int:
    lines = (project / CAHIER / "links.yml").read_text(encoding="utf-8").split("\n")
    return lines.index(f"- number: {number}") + 1


def add_under(project: Path, number: int, new_lines) -> None:
    """What the report tells an editor: put these lines under '- number: n' in links.yml."""
    path = project / CAHIER / "links.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index(f"- number: {number}") + 1
    path.write_text("\n".join(lines[:at] + list(new_lines) + lines[at:]), encoding="utf-8")


def summary(problem: dict) -> tuple:
    return (problem["severity"], problem["path"], problem["line"], problem["url"], problem["state"],
            problem["number"], problem["new_url"], tuple(problem["add_lines"]))


@pytest.mark.slow
def test_reports_exactly_the_dead_and_moved_links_with_file_number_and_fix(server, tmp_path):
    u, project, log = base(server), tmp_path / "project", tmp_path / "guard.log"
    project.mkdir()
    make_project(project, u)
    today = datetime.date.today().isoformat()
    since = f"  redirect_since: {today}"
    report = tmp_path / "rapport.json"

    result = run_linkcheck(project, log, "--json", str(report))
    assert result.returncode == 1, result.stdout + result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["exit_code"] == 1 and data["checked"] == 10
    archive = "https://web.archive.org/web/2025/"  # the cahier's year: the page worked then
    lock = f"{CAHIER}/links.yml"
    assert sorted(summary(p) for p in data["problems"]) == sorted([
        ("error", lock, lock_line(project, 3), f"{u}/weg", "dead", 3, None,
         (f"  redirect: {archive}{u}/weg", since)),
        ("error", lock, lock_line(project, 4), f"{u}/opgeheven", "dead", 4, None,
         (f"  redirect: {archive}{u}/opgeheven", since)),
        # a reference link is numbered where the reader meets it ([h] before /traag)
        ("error", lock, lock_line(project, 7), f"{u}/traag", "dead", 7, None,
         (f"  redirect: {archive}{u}/traag", since)),
        ("warning", lock, lock_line(project, 2), f"{u}/oud", "moved", 2, f"{u}/nieuw",
         (f"  redirect: {u}/nieuw", since)),
        ("warning", "praktijken/proef.md", 11, f"{u}/opgeheven", "dead", None, None, ()),
        ("warning", "praktijken/proef.md", 13, f"{u}/verplaatst", "moved", None, f"{u}/nieuw", ()),
        ("warning", "praktijken/proef.md", 16, f"{u}/weg", "dead", None, None, ()),
        ("warning", "praktijken/proef.md", 16, DNS_FAILURE, "dead", None, None, ()),
        ("warning", "docs/over.md", 3, f"{u}/oud", "moved", None, f"{u}/nieuw", ()),
    ])
    states = {link["url"]: (link["state"], link["reason"]) for link in data["links"]}
    assert states[f"{u}/goed"][0] == states[f"{u}/geen-head"][0] == states[f"{u}/hapert"][0] == "ok"
    assert states[f"{u}/tijdelijk"][0] == "ok"  # a temporary redirect is the site's own business
    assert states[f"{u}/weg"][1] == "niet gevonden (404)" and states[f"{u}/opgeheven"][1] == "verdwenen (410)"
    assert "wachttijd" in states[f"{u}/traag"][1] and "DNS" in states[DNS_FAILURE][1]

    # The text report: one Dutch line per problem, with where it is and the exact fix.
    text = result.stdout
    assert text.startswith("Linkcontrole: 10 webadressen op 13 plaatsen gecontroleerd.")
    assert (f"{lock}:{lock_line(project, 3)}: gedrukte link 3 ({u}/weg, in de tekst op {CAHIER}/01-start.md:5) "
            f"is dood: niet gevonden (404); oplossing: zet in {lock} onder '- number: 3' de regels "
            f"'  redirect: {archive}{u}/weg' en '{since}'") in text
    assert (f"{lock}:{lock_line(project, 7)}: gedrukte link 7 ({u}/traag, in de tekst op {CAHIER}/02-verder.md:5) "
            "is dood: geen antwoord binnen de wachttijd") in text
    assert (f"{lock}:{lock_line(project, 2)}: gedrukte link 2 ({u}/oud, in de tekst op {CAHIER}/01-start.md:3) "
            f"is verhuisd: permanent verhuisd (301) naar {u}/nieuw; oplossing: zet in {lock} onder "
            f"'- number: 2' de regels '  redirect: {u}/nieuw' en '{since}'") in text
    assert (f"praktijken/proef.md:13: de link in 'links' {u}/verplaatst is verhuisd: permanent verhuisd (308); "
            f"oplossing: vervang het adres door {u}/nieuw") in text
    assert (f"praktijken/proef.md:16: de link {DNS_FAILURE} is dood: de domeinnaam bestaat niet (DNS)") in text
    assert f"docs/over.md:3: de link {u}/oud is verhuisd" in text
    assert "3 gedrukte links zijn dood en niet omgeleid" in text
    problem_lines = [line for line in text.split("\n") if re.match(r"^[\w/.-]+:\d+: ", line)]
    assert len(problem_lines) == 9
    assert sorted(problem_lines) == sorted(p["report_line"] for p in data["problems"])
    assert {p["in_text"] for p in data["problems"] if p["kind"] == "printed"} == {
        f"{CAHIER}/01-start.md:3", f"{CAHIER}/01-start.md:5", f"{CAHIER}/02-verder.md:3", f"{CAHIER}/02-verder.md:5"}

    # Each address once, however often it is written; HEAD first, GET when HEAD is refused,
    # one retry after a server error or a timeout; redirects followed.
    asked: dict[str, list] = {}
    for request in server.requests:
        asked.setdefault(request["path"], []).append((request["method"], request["status"]))
    assert asked["/goed"] == [("HEAD", 200), ("HEAD", 200)]  # also where /tijdelijk leads
    assert asked["/tijdelijk"] == [("HEAD", 302)]
    assert asked["/oud"] == [("HEAD", 301)]  # also in docs/over.md: asked once
    assert asked["/weg"] == [("HEAD", 404), ("GET", 404)]  # HEAD may lie: GET decides
    assert asked["/opgeheven"] == [("HEAD", 410), ("GET", 410)]
    assert asked["/geen-head"] == [("HEAD", 405), ("GET", 200)]
    assert asked["/hapert"] == [("HEAD", 503), ("GET", 200)]
    assert [method for method, _ in asked["/traag"]] == ["HEAD", "GET"]
    assert sorted(asked["/nieuw"]) == [("HEAD", 200), ("HEAD", 200)]  # via /oud and /verplaatst
    assert all(r["user_agent"].startswith("Mozilla/5.0 (") and "Chrome/" in r["user_agent"]
               for r in server.requests)

    # Fixing: the archive address for link 3, new addresses the editor found for 4 and 7.
    fixes = {p["number"]: p["add_lines"] for p in data["problems"] if p["severity"] == "error"}
    add_under(project, 3, fixes[3])
    add_under(project, 4, [f"  redirect: {u}/nieuw-adres", since])
    add_under(project, 7, [f"  redirect: {u}/nieuw-adres", since])
    again = run_linkcheck(project, log)
    assert again.returncode == 1, again.stdout + again.stderr
    # The archive cannot be reached from here (the guard refuses the look-up), so the new target
    # of link 3 counts as dead: the check follows a redirect to where the short link now leads.
    assert (f"{lock}:{lock_line(project, 3) + 1}: de omleiding van gedrukte link 3 ({archive}{u}/weg) is dood: "
            "de domeinnaam bestaat niet (DNS), ook bij een tweede poging; oplossing: vervang deze regel door "
            "'redirect: ' met het nieuwe adres van de organisatie zelf") in again.stdout
    assert f"gedrukte link 4 ({u}/opgeheven, in de tekst op {CAHIER}/02-verder.md:3) is dood (verdwenen (410)), " \
           f"maar is al omgeleid naar {u}/nieuw-adres" in again.stdout
    assert "1 gedrukte link is dood en niet omgeleid" in again.stdout

    path = project / CAHIER / "links.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(f"{archive}{u}/weg", f"{u}/nieuw-adres"),
                    encoding="utf-8")
    fixed = run_make_linkcheck(project, log, f"--json {tmp_path / 'na.json'}")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    after = json.loads((tmp_path / "na.json").read_text(encoding="utf-8"))
    assert not [p for p in after["problems"] if p["severity"] == "error"]
    assert sorted(p["number"] for p in after["problems"] if p["severity"] == "covered") == [3, 4, 7]
    assert "Al omgeleid (niets te doen):" in fixed.stdout and "Dode gedrukte links" not in fixed.stdout
    assert len([p for p in after["problems"] if p["severity"] == "warning"]) == 6  # unchanged warnings

    # Every request went to loopback: the server saw only 127.0.0.1, the guard only connections
    # to 127.0.0.1 and the two names it refused to look up.
    assert {r["client"] for r in server.requests} == {"127.0.0.1"}
    assert set(log.read_text(encoding="utf-8").split("\n")) - {""} == {
        "connect 127.0.0.1", "lookup bestaat-niet.invalid", "lookup web.archive.org"}


def test_refusals_loops_and_lasting_server_errors_warn_without_calling_the_link_dead(server):
    u = base(server)
    urls = [f"{u}/verboden", f"{u}/kring", f"{u}/stuk", f"{u}/keten", f"{u}/naar-weg", f"{u}/oud#deel"]
    results = linkcheck.check(urls, linkcheck.Settings(timeout=2, delay=0.01))
    got = {url.removeprefix(u): (r.state, r.reason, r.new_url) for url, r in results.items()}
    assert got["/verboden"][:2] == ("failed", "geweigerd (403); misschien weert de site controleprogramma's")
    assert got["/kring"][:2] == ("failed", "te veel doorverwijzingen (een kringloop?)")
    assert got["/stuk"][:2] == ("failed", "serverfout (500), ook bij een tweede poging")
    assert got["/keten"] == ("moved", "permanent verhuisd (301)", f"{u}/tussen")  # up to the temporary hop
    assert got["/naar-weg"][:2] == ("dead", f"niet gevonden (404) na doorverwijzing naar {u}/weg")
    assert got["/oud#deel"] == ("moved", "permanent verhuisd (301)", f"{u}/nieuw#deel")
    methods = [(r["method"], r["path"]) for r in server.requests if r["path"] == "/stuk"]
    assert methods == [("HEAD", "/stuk"), ("GET", "/stuk")]  # one retry, then it counts


@pytest.mark.slow
def test_without_any_answer_it_blames_the_connection_not_the_links(tmp_path):
    (tmp_path / "project").mkdir()
    tree = ContentTree(tmp_path / "project")
    tree.practice("offline", body="Zie [een](https://een.invalid/) en [twee](https://twee.invalid/).\n")
    result = run_linkcheck(tmp_path / "project", tmp_path / "guard.log")
    assert result.returncode == 2
    assert "Geen enkele van de 2 webadressen antwoordde: heeft deze computer wel internet?" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_content_errors_are_reported_before_any_request(tmp_path, server):
    (tmp_path / "project").mkdir()
    tree = ContentTree(tmp_path / "project")
    tree.write("praktijken/kapot.md", f"---\ntitle: Kapot\n---\n\n[x]({base(server)}ok)\n")
    log = tmp_path / "guard.log"
    result = run_linkcheck(tmp_path / "project", log)
    assert result.returncode == 2
    assert "praktijken/kapot.md:" in result.stderr and "De links zijn niet gecontroleerd" in result.stderr
    assert server.requests == [] and not log.exists()  # nothing was asked, of the server or anyone


def test_hosts_are_checked_side_by_side_and_each_host_politely(tmp_path):
    import httpx

    sent: dict[str, list[float]] = {}

    class Recording(httpx.HTTPTransport):  # the real transport; notes when each request leaves
        def handle_request(self, request):
            sent.setdefault(request.url.netloc.decode(), []).append(time.monotonic())
            return super().handle_request(request)

    one, two = start_server(), start_server()
    try:
        urls = [f"{base(server)}/goed?{n}" for server in (one, two) for n in range(3)]
        delay = 0.3
        results = linkcheck.check(urls + urls[:2], linkcheck.Settings(timeout=5, delay=delay, workers=4),
                                  transport=Recording())
        assert {url: r.state for url, r in results.items()} == {url: "ok" for url in urls}
        assert sorted(len(server.requests) for server in (one, two)) == [3, 3]  # duplicates asked once
        spans = []
        for times in sent.values():
            assert len(times) == 3
            assert all(b - a >= delay * 0.9 for a, b in zip(times, times[1:]))  # the pause per host
            spans.append((times[0], times[-1]))
        assert len(spans) == 2
        assert max(s[0] for s in spans) < min(s[1] for s in spans)  # the two hosts overlapped in time
    finally:
        for server in (one, two):
            server.shutdown()
            server.server_close()


def test_every_markdown_link_syntax_is_collected_with_its_line(tmp_path):
    tree = ContentTree(tmp_path)
    tree.practice("syntaxis", body=(
        "Inline [a](https://a.example/x) en met titel [b](https://b.example/ \"Titel\").\n"
        "Autolink <https://c.example/>.\n\n"
        "Referentie [d][ref] en `[geen](https://code.example/)` in code.\n\n"
        "```\n[ook geen](https://fenced.example/)\n```\n\n"
        "[ref]: https://d.example/\n"))
    places = linkcheck.collect(tmp_path)
    found = {url: [(p.path, p.line, p.kind) for p in ps] for url, ps in places.items()}
    source = "praktijken/syntaxis.md"
    assert found == {
        "https://a.example/x": [(source, 11, "text")],
        "https://b.example/": [(source, 11, "text")],
        "https://c.example/": [(source, 12, "text")],
        "https://d.example/": [(source, 20, "text")],
    }
