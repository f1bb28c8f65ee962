"""A preview build (SAM_VOORBEELD=1: `extra.voorbeeld` in mkdocs.yml) is never indexed: every
theme page carries a noindex meta (docs/overrides/main.html), the redirect pages already do
(samsite.printed.link_pages), and no sitemap.xml is written. The published main site's sitemap is
built from main alone, so it never lists a preview."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from samsite.urls import SITEMAP  # noqa: E402


def on_config(config):
    if config.extra.get("voorbeeld"):
        config.theme.static_templates.discard(SITEMAP)  # not rendered ...
    return config


def on_files(files, config):
    if config.extra.get("voorbeeld"):
        template = files.get_file_from_path(SITEMAP)  # ... and not copied as a plain file either
        if template is not None:
            files.remove(template)
    return files
