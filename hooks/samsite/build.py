"""The entry points a site generator calls: load the content, produce the pages.

Kept free of MkDocs so another generator can call the same two functions.
"""

from __future__ import annotations

from pathlib import Path

from .loader import Layout, load_site
from .model import Site
from .pages import GeneratedPage, generate_pages

_cache: dict[Path, tuple[tuple, Site]] = {}


def fingerprint(root: Path) -> tuple:
    """Names, sizes and modification times of every file a build reads."""
    stats = []
    for path in Layout(root).content_files():
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        stats.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(stats)


def load(root: Path) -> Site:
    """Load the site, reusing the last result while no content file changed."""
    root = Path(root).resolve()
    key = fingerprint(root)
    cached = _cache.get(root)
    if cached and cached[0] == key:
        return cached[1]
    site = load_site(root)
    _cache[root] = (key, site)
    return site


def pages(root: Path) -> list[GeneratedPage]:
    return generate_pages(load(root))
