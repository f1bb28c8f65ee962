"""What the generators produce: Markdown pages, and files that are not Markdown pages
(QR downloads, short-link redirects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where the page lives, e.g. 'praktijken/swan.md'
    markdown: str
    source: str | None = None  # the content file it renders, for edit links; None if generated
    # HTML put in place of '<!-- sam:name -->' after the Markdown is converted (fragments.py)
    fragments: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class GeneratedFile:
    dest_uri: str  # where it lands in the built site, e.g. 'l/1-2/index.html'
    content: str | None = None
    path: Path | None = None  # a file on disk to copy instead of content
