"""MkDocs adapter: translates MkDocs events into calls on the ``samsite`` core.

Listed under ``hooks:`` in mkdocs.yml, first: ``content_hooks.py`` (the HTML safety net)
must see the HTML this module finishes, so the order of that list matters. Holds no
content logic of its own; what it keeps from one event to the next is one ``BuildState``.

The events of one build, in MkDocs' order:

- ``on_startup``: once per command (`mkdocs serve` previews skip the local-address warning);
- ``on_config``: mkdocs-macros may render the team's pages in ``docs/`` only;
- ``on_pre_build``: a new state; the folders kept between builds are set aside; Pagefind
  starts when there is no index to reuse;
- ``on_files``: the generated pages and files, the published images; the kept folders are
  written by a process of their own from here on;
- ``on_nav`` / ``on_env``: the theme's navigation shared by pages outside the nav
  (``theme_chrome.py``); the kept page folders back in place, pruned;
- ``on_page_content`` / ``on_post_page``: fragments filled in; each page handed to search;
- ``on_post_build``: the kept folders finished, the search index finished.

What this relies on in MkDocs beyond its documented events, each covered by a test:

- ``config.plugins.events["page_markdown"]`` is the list of handlers MkDocs calls; mkdocs-macros'
  handler is wrapped there (``on_config``). ``tests/test_safety.py`` builds a practice full of
  template syntax with macros rendering by default and finds it shown literally.
- MkDocs empties the site folder right after ``on_pre_build`` and leaves names that start
  with a dot alone (``mkdocs.utils.clean_directory``): the kept folders wait there. It reads
  every page before ``on_env`` and writes files only after it, opening each for writing
  whether or not it exists (``mkdocs.utils.write_file``, ``File.copy_file``).
  ``tests/test_site_folders.py`` builds twice and finds the same files (inodes) in place.
- ``File.generated(...)`` pages carry ``generated_by``; a ``File`` subclass may override
  ``copy_file(dirty)`` (``_CachedFile``). The byte-for-byte build tests cover both.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, os.path.dirname(__file__))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402
from samsite import cache  # noqa: E402
from samsite.build import pipeline  # noqa: E402
from samsite.build.site_folders import (
    OWN_FOLDERS,
    PAGE_FOLDERS,
    SiteFolders,
    SiteFoldersError,
    owned,  # noqa: E402
)
from samsite.errors import ContentError, internal_error_report  # noqa: E402
from samsite.pages.fragments import fill  # noqa: E402
from samsite.pages.tables import row_headers  # noqa: E402
from samsite.reading.images import image_attributes  # noqa: E402
from samsite.search import search_index  # noqa: E402
from samsite.search.search_index import (
    OUTPUT_SUBDIR,
    SearchIndexError,
    SearchPages,
    build_index,  # noqa: E402
)
from samsite.text.footnotes import place_at_chapter_ends  # noqa: E402
from theme_chrome import shared_chrome  # noqa: E402

log = logging.getLogger("mkdocs.hooks.sam")


class BuildState:
    """What the adapter holds from one MkDocs event to the next, for one build.

    Made anew in ``on_pre_build`` (``mkdocs serve`` builds again and again in one process).
    Everything in it comes from the core; the events below only hand it on.
    """

    def __init__(self, folders: SiteFolders, command: str = "build"):
        self.fragments: dict[str, dict[str, str]] = {}  # src_uri -> HTML fragments of a generated page
        self.page_urls: dict[str, str | None] = {}  # src_uri -> site URL of the page, for fragment links
        self.search = SearchPages()  # the indexed part of each page written in this build
        self.image_sizes: dict[str, tuple[int, int]] = {}  # published content image -> width, height
        self.folders = folders  # the short links, QR codes and search index, kept between builds
        self.nav_urls: list[str] = []  # URLs of the pages in the nav (the theme's shared chrome)
        self.command = command  # 'build' or 'serve' (on_startup), kept from build to build

    def close(self) -> None:
        """Stop what runs beside a build that stopped halfway (Pagefind, the folder writer).
        MkDocs calls ``on_build_error`` only for some errors (not for ``Abort``), so the next
        build closes the last state too: `mkdocs serve` never keeps a stray process."""
        self.search.close()
        try:
            self.folders.finish_writing()
        except SiteFoldersError:
            pass  # the build already failed; its own error is the one to show


_state = BuildState(SiteFolders(Path("site"), Path(".")))  # on_pre_build makes the real one


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command: str, dirty: bool) -> None:
    _state.command = command


def _base_url(config) -> str:
    """The absolute URL QR codes encode; warns when a build for publishing cannot reach
    readers' phones (`mkdocs serve` always encodes its own local address: a preview)."""
    site_url = config.site_url or ""
    host = urlsplit(site_url).hostname or ""
    local = not site_url or host in ("localhost", "127.0.0.1", "0.0.0.0", "::1")
    if local and _state.command != "serve":
        # Printed, not logged: a strict build must still succeed for local previews.
        print(f"\nLET OP: de QR-codes verwijzen naar '{site_url or '(geen site_url)'}'. Dat adres werkt "
              "niet op de telefoon van een lezer.\nZet voor de publieke site SITE_URL, bv. "
              "SITE_URL=https://www.voorbeeld.be/ make build\n", file=sys.stderr)
    return site_url or "http://127.0.0.1:8000/"


def on_files(files: Files, config) -> Files:
    """The generated pages and files and the published images join the site's files."""
    root = _root(config)
    try:
        # /bijdragen/, the form that proposes a practice, leads to the repository of the edit links
        pages, extra_files = pipeline.cached_outputs(root, _base_url(config), config.site_name,
                                                  config.site_description or "",
                                                  urljoin(config.repo_url or "", config.edit_uri or ""))
        site = pipeline.load(root)  # the model the outputs came from (kept in memory, not read again)
        # The header search (docs/overrides/partials/search.html) names the taxonomies one can filter on.
        config.extra["sam_filters"] = site.vocabulary.names()
        images = pipeline.images(root)
    except Exception as error:  # an editor gets a Dutch message, never a traceback
        _state.close()
        if isinstance(error, ContentError):
            raise Abort(error.report()) from None
        if os.environ.get("SAMSITE_DEBUG"):
            raise
        raise Abort(internal_error_report(error)) from None
    _add_images(files, images, root, config)
    _state.folders.start_writing(item for item in extra_files if owned(item))  # while pages render
    _add_generated(files, [item for item in extra_files if not owned(item)], pages, config)
    for file in files.documentation_pages():
        if file.abs_src_path and file.edit_uri:
            file.edit_uri = f"docs/{file.src_uri}"
    return files


def _add_images(files: Files, images, root: Path, config) -> None:
    """Beside cahiers and practices: the original, or a light copy of a large photo."""
    for image in images:
        _state.image_sizes[image.dest_uri] = (image.width, image.height)
        if image.path == root / image.dest_uri:
            files.append(File(image.dest_uri, src_dir=str(root), dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls))
        else:
            _replace(files, _CachedFile.generated(config, image.dest_uri, abs_src_path=str(image.path)))


def _add_generated(files: Files, extra_files, pages, config) -> None:
    """Generated files and pages as ordinary MkDocs files: search, nav and theme treat them
    like any other; a generated page takes the place of a hand-written one at its path."""
    for item in extra_files:
        _replace(files, _CachedFile.generated(config, item.dest_uri, abs_src_path=str(item.path))
                 if item.path is not None else File.generated(config, item.dest_uri, content=item.content))
    for page in pages:
        if page.fragments:
            _state.fragments[page.src_uri] = page.fragments
        generated = File.generated(config, page.src_uri, content=page.markdown)
        generated.edit_uri = page.source  # the real source file, or None for listings
        _replace(files, generated)


class _CachedFile(File):
    """A file from the build cache (a resized photo, a PNG download): linked into the site
    (``cache.link_or_copy``), not copied."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        cache.link_or_copy(self.abs_src_path, self.abs_dest_path)


def _replace(files: Files, new: File) -> None:
    """Add a generated file; it takes the place of a hand-written one at the same path."""
    existing = files.get_file_from_path(new.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(new)


def on_config(config):
    """mkdocs-macros only ever sees the team's pages in docs/: contributor and generated
    pages never become a template, whatever their front-matter says (and skipping them
    keeps large builds fast)."""
    macros = config.plugins.get("macros")
    events = config.plugins.events["page_markdown"]
    events[:] = [_team_pages_only(method) if macros is not None and getattr(method, "__self__", None) is macros else method
                 for method in events]
    return config


def _team_pages_only(render):
    def on_page_markdown(markdown, page, config, files):
        if page.file.generated_by is not None:
            return markdown
        return render(markdown, page=page, config=config, files=files)
    return on_page_markdown


def on_pre_build(config) -> None:
    """A new state; the folders kept between builds are moved out of the way of MkDocs,
    which empties the site folder right after this event (except names with a dot)."""
    global _state
    _state.close()  # a last build that stopped halfway
    _state = BuildState(SiteFolders(Path(config.site_dir), _root(config)), _state.command)
    _state.folders.set_aside([*OWN_FOLDERS, OUTPUT_SUBDIR, *PAGE_FOLDERS])
    try:
        _state.search = search_index.start(search_index.reusable(_search_cache(config), _state.folders))
    except SearchIndexError as error:
        raise Abort(str(error)) from None


def on_build_error(error) -> None:
    """A build that stops halfway stops Pagefind and the folder writer too (what is aside
    waits for the next build)."""
    _state.close()


def _search_cache(config) -> Path:
    return _root(config) / cache.SEARCH_DIR


def on_nav(nav, config, files):
    _state.nav_urls = [page.url for page in nav.pages]
    return nav


def on_env(env, config, files):
    """The theme's shared navigation; the page folders kept from the last build go back in
    place (every page is read by now, none written yet), without what this build will not write."""
    env.globals["sam_chrome"] = shared_chrome(_state.nav_urls)
    for name in PAGE_FOLDERS:
        _state.folders.restore_pruned(name, (file.dest_uri for file in files if file.dest_uri.startswith(name + "/")))
    return env


def on_page_content(html: str, page, config, files: Files) -> str:
    """Put the generated HTML fragments (listings, facts card) in place of their placeholders;
    content images get their width, height and loading="lazy"; bold first cells of tables
    become row headers."""
    html = row_headers(image_attributes(html, page.file.url, _state.image_sizes))
    html = place_at_chapter_ends(html)  # a cahier's footnotes at the end of their chapter
    fragments = _state.fragments.get(page.file.src_uri)
    if not fragments:
        return html

    def resolve(uri: str) -> str | None:
        if uri not in _state.page_urls:
            target = files.get_file_from_path(uri)
            _state.page_urls[uri] = target.url if target else None
        url = _state.page_urls[uri]
        return None if url is None else get_relative_url(url, page.file.url)

    def missing(uri: str) -> None:
        log.warning("%s: link naar '%s', maar die pagina bestaat niet", page.file.src_uri, uri)

    return fill(html, fragments, resolve, missing)


def on_post_page(output: str, page, config) -> str:
    _state.search.add(page.file.dest_uri, output)
    return output


def on_post_build(config) -> None:
    """The short links and QR codes (kept from the last build where unchanged), then the
    search index (Pagefind); also on every rebuild of `make serve`."""
    folders = _state.folders
    started = time.perf_counter()
    try:
        folders.finish_writing()
        reused = build_index(_state.search, Path(config.site_dir), _search_cache(config), folders)
    except (SearchIndexError, SiteFoldersError) as error:
        raise Abort(str(error)) from None
    finally:
        folders.done()
    log.info("Zoekindex (Pagefind) %s in %.2f s", "hergebruikt" if reused else "gemaakt",
             time.perf_counter() - started)
