"""Lighthouse 12 (mobile) on every page type, against the site served with gzip.

    .venv/bin/python benchmarks/lighthouse.py            # build, then 3 runs per page
    .venv/bin/python benchmarks/lighthouse.py --runs 2 --site site   # an existing build

Not part of `make test`: Lighthouse comes from npm (``lighthouse@12.2.3``, installed on
first use into ``benchmarks/.lighthouse/``, which git ignores) and runs Debian's
Chromium (``CHROME_PATH=/usr/bin/chromium``). Its mobile preset simulates a slow 4G
network and a CPU four times slower than this machine's, so the scores move with the
load on the machine: each page is measured ``--runs`` times and the best run is
reported (Lighthouse's own advice for noisy machines), with the worst beside it.
The site is built with the real strict build and served by ``tests/gzip_server.py``
(gzip level 6, like a web host).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "hooks"))

from gzip_server import serve  # noqa: E402

VERSION = "12.2.3"
TOOL_DIR = ROOT / "benchmarks" / ".lighthouse"
BIN = TOOL_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP",
           "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS", "speed-index": "SI"}
PAGES = {
    "home": "",
    "praktijk": "praktijken/gentse-wooncoalitie/",
    "strategie": "strategieen/agenderen/",
    "sector": "sectoren/wonen/",
    "praktijken (overzicht)": "praktijken/",
    "cahier": "cahiers/samen-het-verschil-maken/",
    "linkpagina cahier": "cahiers/samen-het-verschil-maken/links/",
    "QR-blad": "cahiers/samen-het-verschil-maken/qr/",
    "redactiegids": "redactiegids/",
    "zoeken (leeg)": "zoeken/",
    "zoeken ?q=wonen&strategy=agenderen": "zoeken/?q=wonen&strategy=agenderen",
}


def install() -> None:
    if BIN.exists():
        return
    TOOL_DIR.mkdir(parents=True, exist_ok=True)
    print(f"Lighthouse {VERSION} installeren in {TOOL_DIR.relative_to(ROOT)}/ ...", file=sys.stderr)
    subprocess.run(["npm", "install", "--prefix", str(TOOL_DIR), "--no-audit", "--no-fund", "-E",
                    f"lighthouse@{VERSION}"], check=True, env=dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1"))


def build(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "hooks"))
    env.pop("SITE_URL", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                   cwd=ROOT, env=env, check=True)


def lighthouse(url: str, out: Path) -> dict:
    subprocess.run([str(BIN), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
                   check=True, env=dict(os.environ, CHROME_PATH=CHROME), timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    result = {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}
    for audit, short in METRICS.items():
        result[short] = report["audits"][audit]["numericValue"]
    return result


def fmt(run: dict) -> str:
    return (f"{run['FCP'] / 1000:.1f} s | {run['LCP'] / 1000:.1f} s | {run['TBT']:.0f} ms | "
            f"{run['CLS']:.3f} | {run['SI'] / 1000:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the best is reported (default 3)")
    parser.add_argument("--site", type=Path, help="an existing build to measure instead of a fresh one")
    parser.add_argument("--page", action="append", help="only these page names (see PAGES)")
    args = parser.parse_args()
    install()
    work = Path(tempfile.mkdtemp(prefix="sam-lighthouse-"))
    try:
        site = args.site or work / "site"
        if not args.site:
            build(site)
        url, server = serve(site)
        rows = []
        try:
            for name, path in PAGES.items():
                if args.page and name not in args.page:
                    continue
                runs = [lighthouse(url + path, work / f"run{i}.json") for i in range(args.runs)]
                runs.sort(key=lambda run: run["performance"], reverse=True)
                best = runs[0]
                print(f"{name}: performance {[run['performance'] for run in runs]}", file=sys.stderr)
                rows.append(f"| {name} | **{best['performance']}** ({runs[-1]['performance']}) | "
                            f"{best['accessibility']} | {best['best-practices']} | {best['seo']} | {fmt(best)} |")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"Lighthouse {VERSION}, mobile, best of {args.runs} (worst in brackets)\n")
    print("| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | SI |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
