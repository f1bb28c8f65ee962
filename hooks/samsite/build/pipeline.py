"""The entry points a site generator calls: load the content, produce the pages.

Kept free of MkDocs so another generator can call the same two functions.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import cache
from ..errors import ContentError
from ..model.content import Site
from ..numbering.links import CahierLink, cahier_links
from ..numbering.practice_numbers import Numbering, practice_numbers
from ..pages.contribution_page import contribution_page
from ..pages.feed import FEED_URI, rss
from ..pages.generate import generate_pages
from ..pages.generated import GeneratedFile, GeneratedPage
from ..printed.print_outputs import print_outputs
from ..printed.qr import QrCache
from ..reading import history
from ..reading.content_files import Layout
from ..reading.images import ImageCache, PublishedImage, published_images
from ..reading.loader import load_site

_cache: dict[Path, tuple[tuple, Site]] = {}
_told: set[Path] = set()  # projects whose missing history was reported


def fingerprint(root: Path) -> tuple:
    """Names, sizes and modification times of every file the content model is read from."""
    return tuple(cache.stat_key(Layout(root).content_files()))


def load(root: Path) -> Site:
    """Load the site, reusing the last result while no content file changed."""
    root = Path(root).resolve()
    key = (fingerprint(root), history.state(root))  # the commit too: it dates the pages
    cached = _cache.get(root)
    if cached and cached[0] == key:
        return cached[1]
    # Across builds too (warm builds, `make serve`): the same files and code give the same model.
    disk_key = cache.digest(key, cache.code_key())
    site = cache.load(root, "site", disk_key)
    if site is None:
        site = load_site(root)
        site.history = history.read(root)
        cache.store(root, "site", disk_key, site)
    if not site.history.available and root not in _told:
        _told.add(root)
        print(f"\nGeen datums (toegevoegd, bijgewerkt): {site.history.reason}.\n", file=sys.stderr)
    _cache[root] = (key, site)
    return site


def numbered_links(site: Site, root: Path) -> dict[str, list[CahierLink]]:
    """The numbered links of every cahier; raises ContentError if a printed number would change."""
    return numbered(site, root)[0]


def numbered(site: Site, root: Path) -> tuple[dict[str, list[CahierLink]], Numbering]:
    """Cahier links and practice numbers; raises ContentError if a printed number would change."""
    found, issues = {}, []
    for cahier in site.cahiers:
        found[cahier.slug], cahier_issues = cahier_links(cahier, Path(root))
        issues += cahier_issues
    numbering, practice_issues = practice_numbers(site, Path(root))
    issues += practice_issues
    if issues:
        raise ContentError(issues)
    return found, numbering


def check(root: Path):
    """Everything a build checks, without building: raises ContentError. Returns the site
    and its practice numbering (``make check`` reports the practices without a number)."""
    site = load(root)
    return site, numbered(site, root)[1]


def outputs(root: Path, base_url: str, site_name: str = "", site_description: str = "", edit_url: str = ""
            ) -> tuple[list[GeneratedPage], list[GeneratedFile]]:
    """All generated pages and files of the site (feed included), for an absolute ``base_url``:
    the one place they are put together (``urls.site_pages`` lists the same pages).
    ``edit_url`` is where the edit links lead (the form on /bijdragen/ proposes a file there)."""
    root = Path(root).resolve()
    site = load(root)
    links, numbering = numbered(site, root)
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    qr = QrCache(root / cache.QR_DIR)
    extra_pages, files = print_outputs(site, links, numbering, base_url, qr)
    qr.save()
    files.append(GeneratedFile(FEED_URI, content=rss(site, base_url, site_name, site_description)))
    return [*generate_pages(site), *extra_pages, contribution_page(site, edit_url)], files


def cached_outputs(root: Path, base_url: str, site_name: str = "", site_description: str = "",
                   edit_url: str = "") -> tuple[list[GeneratedPage], list[GeneratedFile]]:
    """``outputs``, reused from the last build while no input file and no code changed."""
    root = Path(root).resolve()
    key = cache.digest(cache.stat_key(Layout(root).input_files()), cache.code_key(), history.state(root),
                       base_url, site_name, site_description, edit_url)
    stored = cache.load(root, "outputs", key)
    if stored is not None and all(item.path is None or Path(item.path).is_file() for item in stored[1]):
        return stored
    result = outputs(root, base_url, site_name, site_description, edit_url)
    cache.store(root, "outputs", key, result)
    return result


def images(root: Path) -> list[PublishedImage]:
    """The images of the content folders as the site publishes them (light copies of large
    photos, made once and cached; the originals are never changed)."""
    root = Path(root).resolve()
    return published_images(root, Layout(root).assets(), ImageCache(root / cache.IMAGE_DIR))
