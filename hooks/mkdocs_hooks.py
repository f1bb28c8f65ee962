"""MkDocs adapter: translates MkDocs events into calls on the ``samsite`` core.

Listed under ``hooks:`` in mkdocs.yml. Holds no content logic of its own.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from samsite import build  # noqa: E402
from samsite.errors import ContentError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.sam")


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_files(files: Files, config) -> Files:
    try:
        pages = build.pages(_root(config))
    except ContentError as error:
        raise Abort(error.report()) from None
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
