"""The theme's navigation (sidebar and tabs), rendered once per folder for pages outside
the nav instead of once per page. Used by ``mkdocs_hooks.py`` (``on_nav``, ``on_env``).

A practice page is not in the nav, so its sidebar and tabs are the same as those of
every other practice page: nothing in them is active, and their links are relative to
the same folder. Material renders them anew for each page all the same, which at a
thousand practices was the largest cost our theme adds to a build. The templates
(``docs/overrides/main.html``) ask ``sam_chrome`` for a stored copy first.

Set ``SAM_NAV_CACHE=0`` to render every page in full (a test builds the site both
ways and compares every page byte for byte).
"""

from __future__ import annotations

import os
import posixpath


class SharedChrome(dict):
    """Rendered theme parts, keyed by part and folder, for one build."""

    def __init__(self, nav_urls: list[str], enabled: bool = True):
        super().__init__()
        self.nav_urls = nav_urls
        self.enabled = enabled

    def key(self, part: str, page) -> str | None:
        """The key under which ``part`` of ``page`` is shared, or None if it is the page's own."""
        if not self.enabled or page is None or page.url in self.nav_urls:
            return None
        url = page.url
        if url and any(other.startswith(url) for other in self.nav_urls):  # a nav page below it
            return None
        folder = posixpath.dirname(url.rstrip("/"))
        return f"{part}|{folder}|{url.endswith('/')}"

    def keep(self, key: str | None, html: str) -> str:
        if key is not None:
            self[key] = html
        return html


def shared_chrome(nav_urls: list[str]) -> SharedChrome:
    """The store for one build; ``SAM_NAV_CACHE=0`` turns sharing off."""
    return SharedChrome(nav_urls, os.environ.get("SAM_NAV_CACHE", "1") != "0")
