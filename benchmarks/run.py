"""Benchmark: our full build against a plain Material build of the same practice pages.

For each N it generates N synthetic practices in the real content format (valid
vocabulary ids, ~300 words of body) next to the real content, in a temporary copy of
the project, and then measures:

- our full site (hooks, generated pages, Pagefind): a cold build (no site dir, no
  caches) and a warm one (the same build again);
- a plain Material site in another temporary folder: the same practice files as plain
  Markdown in docs/, only the home page in the nav, Material's search plugin on, and
  our Markdown extensions (both sites render the same Markdown);
- wall time (warm: the median of --repeat alternating runs), peak memory (max RSS of the build process and its children, via wait4),
  site size, average HTML per practice page, and the transfer (gzip) of one practice
  page view in headless Chromium (and, for our site, with a first search).

Not a test: run it by hand and put the table in the README.

    .venv/bin/python benchmarks/run.py                 # N = 1000 10000 (about 30 minutes)
    .venv/bin/python benchmarks/run.py 100 1000        # chosen N
    .venv/bin/python benchmarks/run.py --quick         # N = 100, warm builds only, no browser
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

from samsite.cache import CACHE_ROOT  # noqa: E402
from samsite.reading.vocabulary_file import load_vocabulary  # noqa: E402

TARGET_RATIO = 1.15  # warm build, ours / plain Material
TARGET_COLD_RATIO = 2.0  # cold build (no site, no caches), ours / plain Material
TARGET_HTML = 30 * 1024
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

WORDS = (
    "sociaal werk buurt bewoners beleid gemeente coalitie armoede wonen huur energie jongeren "
    "samenwerking partners signalen onrecht stem rechten opvang netwerk middelen tijd vertrouwen "
    "actie campagne debat media verkiezingen kwestie structureel verandering lokaal Vlaams federaal "
    "ervaring verhaal gesprek vergadering achterban trekkers vrijwilligers professionals organisatie "
    "onderzoek cijfers dossier voorstel oplossing praktijk vorming team aanpak doel resultaat"
).split()
HEADINGS = ("De kwestie", "Wie doet mee", "Hoe ze politiseren", "Wat je ervan kan leren")
REGIONS = ("Gent", "Antwerpen", "Brussel", "Leuven", "Hasselt", "Brugge", "Kortrijk", "Mechelen", "Aalst", "Genk")


# --- content -------------------------------------------------------------------------------

def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    return " ".join(words).capitalize() + "."


def practice_text(index: int, ids: dict[str, list[str]]) -> str:
    rng = random.Random(index)
    pick = lambda key, most: rng.sample(ids[key], rng.randint(1, min(most, len(ids[key]))))  # noqa: E731
    body = []
    for heading in HEADINGS:  # ~300 words
        body.append(f"## {heading}\n\n" + " ".join(sentence(rng) for _ in range(rng.randint(5, 7))))
    links = ""
    if index % 3 == 0:
        links = f"links:\n  - title: Website van praktijk {index}\n    url: https://www.voorbeeld.be/praktijk-{index}/\n"
    return (
        "---\n"
        f"title: Synthetische praktijk {index:05d} {rng.choice(WORDS)}\n"
        f"summary: {sentence(rng)} {sentence(rng)}\n"
        f"organisation: Organisatie {index % 97}\n"
        f"region: {rng.choice(REGIONS)}\n"
        f"strategy: [{', '.join(pick('strategy', 2))}]\n"
        f"sector: [{', '.join(pick('sector', 2))}]\n"
        f"level: [{', '.join(pick('level', 2))}]\n"
        f"year: {rng.randint(2015, 2025)}\n"
        f"{links}"
        "---\n\n" + "\n\n".join(body) + "\n"
    )


def markdown_extensions() -> str:
    """Our mkdocs.yml's Markdown extensions: both sites render the same Markdown the same way,
    so the comparison measures what our hooks, theme overrides and search index add."""
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    start = lines.index("markdown_extensions:")
    end = next(i for i in range(start + 1, len(lines)) if lines[i] and not lines[i][0].isspace())
    return "\n".join(lines[start:end]).rstrip() + "\n"


def make_projects(base: Path, n: int) -> tuple[Path, Path, str]:
    """Our project (a copy with N synthetic practices) and the plain Material project."""
    ours = base / "ours"
    ours.mkdir(parents=True)
    for name in ("mkdocs.yml", "vocabulaire.yml"):
        shutil.copy(ROOT / name, ours / name)
    ignore = shutil.ignore_patterns("__pycache__", CACHE_ROOT.name)
    for folder in ("hooks", "docs", "cahiers", "praktijken"):
        shutil.copytree(ROOT / folder, ours / folder, ignore=ignore)
    vocabulary = load_vocabulary(ROOT / "vocabulaire.yml", "vocabulaire.yml")
    ids = {taxonomy.key: taxonomy.ids() for taxonomy in vocabulary.taxonomies}
    slugs = []
    for index in range(n):
        slug = f"synthetische-praktijk-{index:05d}"
        (ours / "praktijken" / f"{slug}.md").write_text(practice_text(index, ids), encoding="utf-8")
        slugs.append(slug)

    plain = base / "plain"
    (plain / "docs" / "praktijken").mkdir(parents=True)
    (plain / "docs" / "index.md").write_text("# Politiserend werken\n\nDe praktijken.\n", encoding="utf-8")
    for path in (ours / "praktijken").glob("*.md"):
        shutil.copy(path, plain / "docs" / "praktijken" / path.name)
    (plain / "mkdocs.yml").write_text(
        "site_name: Politiserend werken\n"
        "site_url: https://www.voorbeeld.be/\n"
        "theme:\n  name: material\n  language: nl\n"
        "plugins:\n  - search:\n      lang: nl\n"
        "nav:\n  - Home: index.md\n"
        "validation:\n  nav:\n    omitted_files: info\n"
        + markdown_extensions(),
        encoding="utf-8")
    return ours, plain, slugs[n // 2]


# --- measuring -----------------------------------------------------------------------------

@dataclass
class Build:
    seconds: float
    peak_mb: float


@dataclass
class Row:
    n: int
    ours_cold: Build | None = None
    ours_warm: Build | None = None
    plain_cold: Build | None = None
    plain_warm: Build | None = None
    pair_ratios: list[float] = field(default_factory=list)  # ours / plain, per back-to-back pair
    sizes: dict = field(default_factory=dict)


def build_measured(project: Path, site: Path) -> Build:
    """Like build(), but with the peak RSS of this one build (process and children)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL="https://www.voorbeeld.be/")
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    with open(os.devnull, "wb") as devnull, tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=env, stdout=devnull, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            raise SystemExit(f"build of {project} failed:\n{errors.read().decode()[-3000:]}")
    return Build(seconds, usage.ru_maxrss / 1024)


def median(builds: list[Build]) -> Build:
    ordered = sorted(builds, key=lambda b: b.seconds)
    return Build(ordered[len(ordered) // 2].seconds, max(b.peak_mb for b in builds))


def cold(project: Path, site: Path) -> Build:
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(project / CACHE_ROOT, ignore_errors=True)
    for cache in project.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)
    subprocess.run(["sync"], check=False)
    return build_measured(project, site)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def html_per_practice(site: Path) -> float:
    sizes = [p.stat().st_size for p in (site / "praktijken").glob("*/index.html")]
    return sum(sizes) / len(sizes)


def page_view(site: Path, path: str, search: str | None = None) -> tuple[int, int | None, list[str]]:
    """Bytes transferred (gzip) for a first view of ``path`` in a fresh context, and with a
    first search from the header field; plus every host other than the site's own."""
    from urllib.parse import urlsplit

    from gzip_server import serve
    from playwright.sync_api import sync_playwright

    url, server = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
            finished, hosts = [], set()
            context.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
            context.on("requestfinished", lambda r: finished.append(r))
            page = context.new_page()
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)

            def total() -> int:
                return sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in finished)

            first = total()
            with_search = None
            if search:
                page.locator(".sam-search-button").click()
                page.locator("input.md-search__input").press_sequentially(search)
                page.locator("#sam-search-list .md-search-result__item").first.wait_for(timeout=30000)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)
                with_search = total()
            browser.close()
    finally:
        server.shutdown()
    return first, with_search, sorted(hosts - {urlsplit(url).netloc})


def measure(n: int, quick: bool, repeat: int, cold_repeat: int = 1) -> Row:
    row = Row(n)
    with tempfile.TemporaryDirectory(prefix=f"sam-bench-{n}-") as tmp:
        ours, plain, slug = make_projects(Path(tmp), n)
        ours_site, plain_site = Path(tmp) / "ours-site", Path(tmp) / "plain-site"
        print(f"N={n}: building ...", file=sys.stderr, flush=True)
        if quick:  # untimed: warm builds start with the caches a previous build left
            build_measured(plain, plain_site)
            build_measured(ours, ours_site)
        else:
            plain_colds, ours_colds = [], []
            for _ in range(cold_repeat):  # alternating, the median counts
                plain_colds.append(cold(plain, plain_site))
                ours_colds.append(cold(ours, ours_site))
                print(f"  cold: plain {plain_colds[-1].seconds:.2f} s, ours {ours_colds[-1].seconds:.2f} s",
                      file=sys.stderr, flush=True)
            row.plain_cold, row.ours_cold = median(plain_colds), median(ours_colds)
        # Warm builds alternate and the median counts: a shared machine makes single runs noisy.
        plain_runs, ours_runs = [], []
        for _ in range(repeat):
            plain_runs.append(build_measured(plain, plain_site))
            ours_runs.append(build_measured(ours, ours_site))
            print(f"  warm: plain {plain_runs[-1].seconds:.2f} s, ours {ours_runs[-1].seconds:.2f} s",
                  file=sys.stderr, flush=True)
        row.plain_warm, row.ours_warm = median(plain_runs), median(ours_runs)
        row.pair_ratios = sorted(o.seconds / p.seconds for p, o in zip(plain_runs, ours_runs))
        row.sizes = {
            "ours_site": folder_size(ours_site), "plain_site": folder_size(plain_site),
            "ours_html": html_per_practice(ours_site), "plain_html": html_per_practice(plain_site),
        }
        if not quick:
            path = f"praktijken/{slug}/"
            row.sizes["ours_view"], row.sizes["ours_search"], row.sizes["ours_other_hosts"] = \
                page_view(ours_site, path, search="coalitie")
            row.sizes["plain_view"], _, row.sizes["plain_other_hosts"] = page_view(plain_site, path)
    return row


# --- report --------------------------------------------------------------------------------

def table(rows: list[Row]) -> str:
    kb, mb = 1024, 1024 * 1024

    def t(b: Build | None) -> str:
        return f"{b.seconds:.1f}" if b else "–"

    lines = [
        "| N | ours cold (s) | ours warm (s) | plain cold (s) | plain warm (s) | cold ratio | warm ratio "
        "| peak RSS cold ours / plain (MB) | peak RSS warm ours / plain (MB) "
        "| site ours / plain (MB) | HTML per practice ours / plain (KB) | practice page view ours / plain (KB gzip) "
        "| ours + first search (KB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        s = r.sizes
        ratio = r.ours_warm.seconds / r.plain_warm.seconds
        rss = f"{r.ours_warm.peak_mb:.0f} / {r.plain_warm.peak_mb:.0f}"
        cold_rss = f"{r.ours_cold.peak_mb:.0f} / {r.plain_cold.peak_mb:.0f}" if r.ours_cold else "–"
        cold_ratio = f"{r.ours_cold.seconds / r.plain_cold.seconds:.2f}x" if r.ours_cold else "–"
        view = f"{s['ours_view'] / kb:.0f} / {s['plain_view'] / kb:.0f}" if "ours_view" in s else "–"
        search = f"{s['ours_search'] / kb:.0f}" if s.get("ours_search") else "–"
        lines.append(
            f"| {r.n:,} | {t(r.ours_cold)} | {t(r.ours_warm)} | {t(r.plain_cold)} | {t(r.plain_warm)} | {cold_ratio} "
            f"| {ratio:.2f}x | {cold_rss} | {rss} | {s['ours_site'] / mb:.1f} / {s['plain_site'] / mb:.1f} "
            f"| {s['ours_html'] / kb:.1f} / {s['plain_html'] / kb:.1f} | {view} | {search} |")
    return "\n".join(lines)


def verdict(rows: list[Row]) -> str:
    notes = []
    for r in rows:
        ratio = r.ours_warm.seconds / r.plain_warm.seconds
        pairs = r.pair_ratios
        spread = (f" (back-to-back pairs: median {pairs[len(pairs) // 2]:.2f}x, "
                  f"range {pairs[0]:.2f}x-{pairs[-1]:.2f}x over {len(pairs)} pairs)") if pairs else ""
        if r.ours_cold:
            cold = r.ours_cold.seconds / r.plain_cold.seconds
            notes.append(f"- N={r.n:,}: cold ratio {cold:.2f}x (target ≤ {TARGET_COLD_RATIO}x) "
                         f"{'OK' if cold <= TARGET_COLD_RATIO else 'OVER'}")
        notes.append(f"- N={r.n:,}: warm ratio {ratio:.2f}x{spread} (target ≤ {TARGET_RATIO}x) "
                     f"{'OK' if ratio <= TARGET_RATIO else 'OVER'}; HTML per practice "
                     f"{r.sizes['ours_html'] / 1024:.1f} KB (target ≤ 30 KB) "
                     f"{'OK' if r.sizes['ours_html'] <= TARGET_HTML else 'OVER'}")
        if r.sizes.get("ours_other_hosts") or r.sizes.get("plain_other_hosts"):
            notes.append(f"  other hosts requested: ours {r.sizes.get('ours_other_hosts')}, "
                         f"plain {r.sizes.get('plain_other_hosts')}")
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        per = [(r.n, r.ours_warm.seconds / r.n * 1000) for r in rows]
        slope = (last.ours_warm.seconds - first.ours_warm.seconds) / (last.n - first.n) * 1000
        notes.append("- linearity: ms per practice (warm, ours) " + ", ".join(f"N={n:,}: {ms:.1f}" for n, ms in per)
                     + f"; marginal cost {slope:.1f} ms per added practice")
    return "\n".join(notes)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="*", type=int, help="numbers of synthetic practices (default 100 1000 5000)")
    parser.add_argument("--quick", action="store_true", help="N=100 unless given; warm builds only, no browser")
    parser.add_argument("--repeat", type=int, default=5, help="warm builds per site; the median counts (default 5)")
    parser.add_argument("--cold-repeat", type=int, default=1, help="cold builds per site; the median counts (default 1)")
    args = parser.parse_args(argv)
    sizes = args.n or ([100] if args.quick else [1000, 10000])
    rows = []
    for n in sizes:
        rows.append(measure(n, args.quick, args.repeat, args.cold_repeat))
        print(table(rows[-1:]), file=sys.stderr, flush=True)
    print(table(rows))
    print()
    print(verdict(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
