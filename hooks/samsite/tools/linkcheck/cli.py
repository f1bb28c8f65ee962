"""``python -m samsite linkcheck``: the text report for people, the JSON report for tools."""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

from ...errors import ContentError
from .fixes import COVERED, ERROR, WARNING, Problem, problems
from .sources import Place, collect
from .web import DEAD, FAILED, MOVED, OK, Result, Settings, check

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
        "problems": [asdict(problem) | {"report_line": problem.format()} for problem in found],
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
