"""The search index: Pagefind, run over the built HTML after every build.

What gets indexed is decided in the HTML, not here:

- every page's ``<article>`` carries ``data-pagefind-body`` (``docs/overrides/main.html``)
  unless its front-matter says ``search: {exclude: true}`` (the overviews and /zoeken/:
  they only list other pages), so pages without it (404, overviews) stay out;
- listings inside a page (``.sam-list``, ``.sam-terms``, the chapter index) carry
  ``data-pagefind-ignore``: a practice is found on its own page, not on every page
  that links to it;
- a practice page carries one hidden, ignored block with its filters (strategy, sector,
  level: vocabulary ids) and metadata (kind, organisation, region), see
  ``pages/practice_pages.py``. Only practices have filters, so any active filter
  narrows the results to practices.

The index is written to ``<site>/pagefind/``; the browser fetches only the small
chunks a query needs (``docs/assets/search/``). Pagefind reads only the indexed part of
each page (``SearchPages``), and an unchanged site reuses the last index (the one the
last build left in the site folder, or the one in the cache). With no index to reuse,
Pagefind indexes each page while the build writes the next ones (``pagefind_stream.py``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from pathlib import Path

from .. import cache, urls
from ..build.site_folders import SiteFolders
from ..text.slugs import sort_key
from .pagefind_stream import PagefindError, PagefindStream

OUTPUT_SUBDIR = urls.SEARCH_INDEX
ORDER_FILE = "sam-volgorde.json"  # practices A to Z, for results without a search term
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # what a gunzipped Pagefind fragment starts with
LANGUAGE = "nl"
BODY_START = "<div data-pagefind-body>"
BODY_END = "</article>"  # the body wrapper closes right before it (docs/overrides/main.html)
LEAN_PAGE = '<!doctype html><html lang="{lang}"><head><meta charset="utf-8"></head><body>{body}</body></html>'
# Theme chrome inside the indexed body: the heading permalinks (¶) and the edit button.
EXCLUDE_SELECTORS = (".headerlink", ".md-content__button")


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message is Dutch (editors read build output)."""


def executable() -> str:
    """The Pagefind binary, found as Pagefind's own Python package finds it (``pagefind[bin]``,
    an extended build, ``PAGEFIND_BINARY_PATH`` or one on PATH)."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise SearchIndexError("Pagefind ontbreekt: installeer de vereisten opnieuw "
                               "(make build doet dat, of pip install -r requirements.txt)")
    return str(found)


class SearchPages:
    """The indexed part of every built page, collected while the site is written.

    Pagefind then reads small pages (just the ``data-pagefind-body`` element) instead of
    every full page of the site: listings, QR sheets and theme chrome are never parsed.
    Their text also keys the cache: an unchanged site reuses the previous index.
    """

    def __init__(self, stream: PagefindStream | None = None) -> None:
        self.pages: dict[str, str] = {}
        self.stream = stream  # Pagefind, fed each page as it is written (a build with no index to reuse)

    def add(self, dest_uri: str, page_html: str) -> None:
        start = page_html.find(BODY_START)
        if start < 0:
            return
        end = page_html.find(BODY_END, start)
        lean = self.pages[dest_uri] = LEAN_PAGE.format(lang=LANGUAGE, body=page_html[start:end if end > 0 else None])
        if self.stream is not None:
            self.stream.add(dest_uri, lean)

    def close(self) -> None:
        """Stop a Pagefind still running (a build that stopped halfway)."""
        if self.stream is not None:
            self.stream.close()
            self.stream = None

    def key(self) -> str:
        """Every indexed text, the Pagefind command and our code: the same key, the same index."""
        texts = hashlib.sha256()
        for dest_uri, text in sorted(self.pages.items()):  # fed in pieces: no copy of the whole site
            texts.update(f"{len(dest_uri)}:{dest_uri}{len(text)}:".encode())
            texts.update(text.encode())
        return cache.digest(texts.hexdigest(), CONFIG, cache.code_key())


CONFIG = {"force_language": LANGUAGE, "exclude_selectors": list(EXCLUDE_SELECTORS)}  # Pagefind's options


def command(site_dir: Path, output: Path) -> list[str]:
    """The same index from the command line, for pages on disk (the tests compare the two)."""
    excludes = [arg for selector in CONFIG["exclude_selectors"] for arg in ("--exclude-selectors", selector)]
    return [executable(), "--site", str(site_dir), "--output-path", str(output),
            "--force-language", CONFIG["force_language"], *excludes, "--silent"]


def start(reusable: bool) -> SearchPages:
    """The pages of a new build. With no index to reuse (``reusable``: a first or a cold
    build), Pagefind starts now and indexes each page while the others are written."""
    return SearchPages(None if reusable else _stream())


def _stream() -> PagefindStream:
    try:
        return PagefindStream(executable(), CONFIG)
    except (OSError, PagefindError) as error:
        raise SearchIndexError(f"De zoekindex (Pagefind) kon niet starten: {error}") from None


def reusable(cache_dir: Path | None, folders: SiteFolders | None) -> bool:
    """Whether the last build left an index that an unchanged site can reuse."""
    return bool((folders is not None and folders.has(OUTPUT_SUBDIR))
                or (cache_dir is not None and (cache_dir / "key").is_file()))


def _copy(source: Path, target: Path) -> None:
    """A whole bundle, file by file through ``cache.link_or_copy``."""
    shutil.copytree(source, target, copy_function=cache.link_or_copy)


def write_title_order(output: Path) -> None:
    """``ORDER_FILE``: the ids of the pages with filters (the practices), A to Z by title.

    A search with filters and no search term lists practices in Pagefind's index order;
    /zoeken/ sorts them with this list instead (``assets/search/facets.js``). Pagefind's
    own sort would do the same, but it puts the order of every page in the metadata each
    first search downloads, from every page of the site; this file loads only there.
    """
    titled = []
    for path in (output / "fragment").glob("*.pf_fragment"):
        record = json.loads(gzip.decompress(path.read_bytes())[len(FRAGMENT_SIGNATURE):])
        if record.get("filters"):
            titled.append((sort_key(record.get("meta", {}).get("title", "")), path.stem))
    (output / ORDER_FILE).write_text(json.dumps([page_id for _, page_id in sorted(titled)]), encoding="utf-8")


def build_index(pages: SearchPages, site_dir: Path, cache_dir: Path | None = None,
                folders: SiteFolders | None = None) -> bool:
    """Write the search bundle to ``<site_dir>/pagefind``; True if it came from the last
    build (``folders``) or the cache."""
    output = Path(site_dir) / OUTPUT_SUBDIR
    key = pages.key()
    if folders is not None and folders.keep(OUTPUT_SUBDIR, key):
        pages.close()
        return True
    shutil.rmtree(output, ignore_errors=True)
    cached = cache_dir / "bundle" if cache_dir else None
    if cached and (cache_dir / "key").is_file() and (cache_dir / "key").read_text() == key:
        pages.close()
        _copy(cached, output)
        if folders is not None:
            folders.written(OUTPUT_SUBDIR, key)
        return True
    stream, pages.stream = pages.stream, None
    if stream is None:  # an index to reuse was expected, but the site changed: all pages now
        stream = _stream()
        for dest_uri, text in pages.pages.items():
            stream.add(dest_uri, text)
    try:
        stream.finish(output.resolve())
    except PagefindError as error:
        raise SearchIndexError(f"De zoekindex (Pagefind) kon niet gemaakt worden:\n{error}") from None
    if not (output / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind schreef geen zoekindex in {output}")
    write_title_order(output)
    if folders is not None:
        folders.written(OUTPUT_SUBDIR, key)
    if cache_dir:
        try:
            shutil.rmtree(cache_dir, ignore_errors=True)
            _copy(output, cached)
            (cache_dir / "key").write_text(key)
        except OSError:
            pass  # no cache, no harm
    return False
