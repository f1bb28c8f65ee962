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

A bundle with a file missing, empty or cut off breaks search for every reader, so none is
published: Pagefind hands over the files and the build writes them itself (``write_bundle``:
Pagefind's own writing could stop halfway, see ``pagefind_stream.py``), checks what Pagefind
gave (``incomplete``) and what is on disk, and records the size of every file; a bundle is
reused (from the last build or the cache) only while every file still has that size.
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
ENTRY_FILE = "pagefind-entry.json"  # the languages of the index and their metadata file
LOADER_FILE = "pagefind.js"  # what the browser imports
SIZES_FILE = "sizes.json"  # in the cache, beside the bundle: the size of every file in it
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


def title_order(files: dict[str, bytes]) -> bytes:
    """``ORDER_FILE`` of a bundle (its files by path): the ids of the pages with filters (the
    practices), A to Z by title.

    A search with filters and no search term lists practices in Pagefind's index order;
    /zoeken/ sorts them with this list instead (``assets/search/facets.js``). Pagefind's
    own sort would do the same, but it puts the order of every page in the metadata each
    first search downloads, from every page of the site; this file loads only there.
    """
    titled = []
    for path, content in files.items():
        folder, _, name = path.rpartition("/")
        if folder == "fragment" and name.endswith(".pf_fragment"):
            record = json.loads(gzip.decompress(content)[len(FRAGMENT_SIGNATURE):])
            if record.get("filters"):
                titled.append((sort_key(record.get("meta", {}).get("title", "")), name.removesuffix(".pf_fragment")))
    return json.dumps([page_id for _, page_id in sorted(titled)]).encode()


def incomplete(files: dict[str, bytes]) -> list[str]:
    """What is missing from a bundle (its files by path), in Dutch: an empty file, or a file
    that ``pagefind-entry.json`` (what the browser loads first) or the loader needs."""
    problems = [f"{path} is leeg" for path, content in files.items() if not content]
    try:
        languages = json.loads(files.get(ENTRY_FILE, b"")).get("languages") or {}
    except (ValueError, AttributeError):
        return [*problems, f"{ENTRY_FILE} ontbreekt of is geen geldige JSON"]
    needed = [LOADER_FILE]
    if not languages:
        problems.append(f"{ENTRY_FILE} noemt geen taal")
    for language in languages.values():
        needed.append(f"pagefind.{language.get('hash')}.pf_meta")
        if language.get("wasm"):
            needed.append(f"wasm.{language['wasm']}.pagefind")
    return problems + [f"{path} ontbreekt" for path in needed if path not in files]


def write_bundle(files: dict[str, bytes], output: Path) -> dict[str, int]:
    """Write a whole bundle (its files by path) into the empty folder ``output`` and check it on
    disk; the size of each file, to check it again before it is reused. Raises
    SearchIndexError rather than leave a bundle that would break search."""
    sizes = {path: len(content) for path, content in files.items()}
    problems = incomplete(files)
    if not problems:
        try:
            _write_files(files, output)
        except OSError as error:
            problems.append(f"{error.filename or output}: {error.strerror or error}")
    if not problems:
        problems = [f"{path} staat niet volledig op schijf" for path in cache.changed(output, sizes)]
    if problems:
        shutil.rmtree(output, ignore_errors=True)
        shown = "\n".join(f"- {problem}" for problem in problems[:10])
        more = f"\n- en nog {len(problems) - 10}" if len(problems) > 10 else ""
        raise SearchIndexError(f"De zoekindex (Pagefind) is onvolledig; de build stopt, want zo zou zoeken "
                               f"op de hele site stuk zijn:\n{shown}{more}")
    return sizes


def _write_files(files: dict[str, bytes], output: Path) -> None:
    made: set[Path] = set()
    for path, content in files.items():
        target = output / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        with open(target, "wb") as stream:
            stream.write(content)


def _cached(cache_dir: Path | None, key: str) -> dict[str, int] | None:
    """The sizes of the bundle in the cache if it was made with ``key`` and is whole."""
    if cache_dir is None:
        return None
    try:
        if (cache_dir / "key").read_text() != key:
            return None
        sizes = json.loads((cache_dir / SIZES_FILE).read_text())
    except (OSError, ValueError):
        return None
    return None if cache.changed(cache_dir / "bundle", sizes) else sizes


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
    sizes = _cached(cache_dir, key)
    if sizes is not None:
        pages.close()
        _copy(cache_dir / "bundle", output)
        if folders is not None:
            folders.written(OUTPUT_SUBDIR, key, sizes)
        return True
    stream, pages.stream = pages.stream, None
    if stream is None:  # an index to reuse was expected, but the site changed: all pages now
        stream = _stream()
        for dest_uri, text in pages.pages.items():
            stream.add(dest_uri, text)
    try:
        files = stream.finish()
    except PagefindError as error:
        raise SearchIndexError(f"De zoekindex (Pagefind) kon niet gemaakt worden:\n{error}") from None
    files[ORDER_FILE] = title_order(files)
    sizes = write_bundle(files, output)
    if folders is not None:
        folders.written(OUTPUT_SUBDIR, key, sizes)
    if cache_dir:
        try:
            shutil.rmtree(cache_dir, ignore_errors=True)
            _copy(output, cache_dir / "bundle")
            cache.write(cache_dir / SIZES_FILE, json.dumps(sizes))
            cache.write(cache_dir / "key", key)  # last: a cache without it is never read
        except OSError:
            pass  # no cache, no harm
    return False
