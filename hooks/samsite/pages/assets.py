"""Files that are not Markdown pages: QR downloads, short-link redirects."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GeneratedFile:
    dest_uri: str  # where it lands in the built site, e.g. 'l/1-2/index.html'
    content: str | None = None
    path: Path | None = None  # a file on disk to copy instead of content
