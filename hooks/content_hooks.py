"""MkDocs hooks that hold contributor pages to the content rules once MkDocs has built them.

Listed under ``hooks:`` in mkdocs.yml after mkdocs_hooks.py, so they see each page's
final HTML. The rules themselves live in ``samsite.reading.safety_net``.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))

from mkdocs.exceptions import Abort, PluginError  # noqa: E402
from samsite.errors import ContentError  # noqa: E402
from samsite.reading.safety_net import check_page_html, missing_anchor_issues  # noqa: E402


def _root(config) -> Path:
    return _project_root(config.config_file_path)


@functools.lru_cache(maxsize=8)
def _project_root(config_file: str) -> Path:
    return Path(config_file).resolve().parent


def on_page_content(html: str, page, config, files) -> str:
    """Safety net: a contributor page whose HTML holds script or a bad link stops the build."""
    issues = check_page_html(_root(config), page.file.edit_uri, html)
    if issues:
        raise PluginError(ContentError(issues).report())
    return html


def on_env(env, config, files):
    """Links to anchors that do not exist, in contributor content: a Dutch report, not a warning."""
    issues = []
    for file in files.documentation_pages():
        page = file.page
        missing = [link for target, links in ((page.links_to_anchors or {}).items() if page else ())
                   for anchor, link in links.items()
                   if target.page and target.page.present_anchor_ids is not None
                   and anchor not in target.page.present_anchor_ids]
        issues += missing_anchor_issues(_root(config), file.edit_uri, missing)
    if issues:
        raise Abort(ContentError(issues).report())
    return env
