"""MkDocs adapter: translates MkDocs events into calls on the ``samsite`` core.

Listed under ``hooks:`` in mkdocs.yml. Holds no content logic of its own.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, os.path.dirname(__file__))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from samsite import build  # noqa: E402
from samsite.errors import ContentError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.sam")


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _base_url(config) -> str:
    """The absolute URL QR codes encode; warns when it cannot be the deployed site."""
    site_url = config.site_url or ""
    host = urlsplit(site_url).hostname or ""
    if not site_url or host in ("localhost", "127.0.0.1", "0.0.0.0", "::1"):
        # Printed, not logged: a strict build must still succeed for local previews.
        print(f"\nLET OP: de QR-codes verwijzen naar '{site_url or '(geen site_url)'}'. Dat adres werkt "
              "niet op de telefoon van een lezer.\nZet voor de publieke site SITE_URL, bv. "
              "SITE_URL=https://www.voorbeeld.be/ make build\n", file=sys.stderr)
    return site_url or "http://127.0.0.1:8000/"


def on_files(files: Files, config) -> Files:
    try:
        pages, extra_files = build.outputs(_root(config), _base_url(config))
    except ContentError as error:
        raise Abort(error.report()) from None
    for item in extra_files:
        existing = files.get_file_from_path(item.dest_uri)
        if existing is not None:
            files.remove(existing)
        if item.path is not None:
            files.append(File.generated(config, item.dest_uri, abs_src_path=str(item.path)))
        else:
            files.append(File.generated(config, item.dest_uri, content=item.content))
    for page in pages:
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        generated = File.generated(config, page.src_uri, content=page.markdown)
        generated.edit_uri = page.source  # the real source file, or None for listings
        files.append(generated)
    for file in files.documentation_pages():
        if file.abs_src_path and file.edit_uri:
            file.edit_uri = f"docs/{file.src_uri}"
    return files
