"""Images in the content folders: checked, and published as a light copy.

An editor uploads what the phone made: a 4000x3000 photo of several MB, often rotated
by an EXIF tag and carrying the place it was taken. The original stays in the repository
untouched; the site publishes, at the same address, a copy at most ``MAX_WIDTH`` pixels
wide and high, upright, without metadata, re-encoded until it is under ``TARGET_BYTES`` (made
once with Pillow and cached by content, like the QR codes). Small images are published
as they are. Every image's bytes must match its extension, and its size is bounded
before anything is decoded (a 60000x60000 PNG of a few KB would fill the memory).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ..cache import replacing, write
from ..errors import ContentIssue

MAX_WIDTH = 1600  # pixels on the long side: a phone screen at 3x, a desktop column at 2x
TARGET_BYTES = 250_000
MAX_SOURCE_BYTES = 20_000_000
MAX_PIXELS = 60_000_000  # a 50-megapixel phone photo fits; a decompression bomb does not
SETTINGS_KEY = f"v1|w<={MAX_WIDTH}|<{TARGET_BYTES}"
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}
IMAGE_SUFFIXES = frozenset(FORMATS)  # what this module can check and publish
_DUTCH = {"PNG": "PNG", "JPEG": "JPG", "GIF": "GIF", "WEBP": "WebP"}


def sniff(head: bytes) -> str | None:
    """The format the bytes are, whatever the name says."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WEBP"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml", b"<!doctype svg")) or b"<svg" in text[:512]:
        return "SVG"
    if text.startswith((b"<!doctype html", b"<html")):
        return "HTML"
    return None


def _open(path: Path):
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # the size is checked here, from the header, before decoding
    return Image.open(path)


def check_image(root: Path, relative: str) -> list[ContentIssue]:
    path = Path(root) / relative

    def issue(where: str, message: str, hint: str) -> list[ContentIssue]:
        return [ContentIssue(where, 1, "afbeelding", message, hint)]

    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        return issue(relative, f"het bestand is te groot: {size / 1e6:.0f} MB (hoogstens {MAX_SOURCE_BYTES // 1_000_000} MB)",
                     "verklein de foto, bv. tot 2000 pixels breed (de site toont hem hoogstens "
                     f"{MAX_WIDTH} pixels breed)")
    with path.open("rb") as stream:
        head = stream.read(1024)
    expected = FORMATS[path.suffix.lower()]
    found = sniff(head)
    if found != expected:
        what = {"SVG": "een SVG-tekening (die kan code bevatten)", "HTML": "een webpagina", None: "geen afbeelding"}
        shown = what.get(found, f"een {_DUTCH.get(found, found)}-afbeelding")
        return issue(relative, f"'{path.name}' is geen echt {_DUTCH[expected]}-bestand: de inhoud is {shown}",
                     f"open de afbeelding en bewaar ze opnieuw als {_DUTCH[expected]} ('Exporteren' of 'Opslaan als')"
                     + (f", of geef het bestand de extensie van een {_DUTCH[found]}-bestand" if found in _DUTCH else ""))
    try:
        with _open(path) as image:
            width, height = image.size
    except Exception:  # noqa: BLE001 - any unreadable image gets the same Dutch message
        return issue(relative, f"de afbeelding '{path.name}' kan niet gelezen worden",
                     "open ze en bewaar ze opnieuw als JPG of PNG")
    if width * height > MAX_PIXELS:
        return issue(relative, f"de afbeelding is te groot: {width} x {height} pixels (hoogstens "
                     f"{MAX_PIXELS // 1_000_000} miljoen pixels)",
                     "verklein de afbeelding, bv. tot 2000 pixels breed")
    return []


def check_images(root: Path, assets: list[str]) -> list[ContentIssue]:
    found = []
    for relative in assets:
        found += check_image(root, relative)
    return found


@dataclass(frozen=True)
class PublishedImage:
    dest_uri: str  # where it lands in the site (the same path as in the repository)
    path: Path  # the file to publish: the original, or the cached light copy
    width: int
    height: int


class ImageCache:
    """Makes each light copy once; later builds read it back from ``directory``."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def publish(self, root: Path, relative: str) -> PublishedImage:
        source = Path(root) / relative
        stat = source.stat()
        # A warm build only stats the file; its bytes are read (and hashed) once per change.
        seen = self.directory / ("stat-" + hashlib.sha256(
            f"{SETTINGS_KEY}|{relative}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:24] + ".txt")
        if seen.is_file():
            kind, width, height, key = seen.read_text().split()
            copy = self.directory / f"{key}{source.suffix.lower()}"
            if kind == "original" or copy.is_file():
                return PublishedImage(relative, copy if kind == "copy" else source, int(width), int(height))
        key = hashlib.sha256(SETTINGS_KEY.encode() + source.read_bytes()).hexdigest()[:24]
        copy, meta = self.directory / f"{key}{source.suffix.lower()}", self.directory / f"{key}.txt"
        if meta.is_file() and (meta.read_text().startswith("original") or copy.is_file()):
            kind, width, height = meta.read_text().split()
        else:
            self.directory.mkdir(parents=True, exist_ok=True)
            kind, width, height = self._make(source, stat.st_size, copy)
            write(meta, f"{kind} {width} {height}")
        write(seen, f"{kind} {width} {height} {key}")
        return PublishedImage(relative, copy if kind == "copy" else source, int(width), int(height))

    def _make(self, source: Path, size: int, copy: Path) -> tuple[str, int, int]:
        from PIL import ImageOps

        with _open(source) as image:
            fmt = image.format
            orientation = image.getexif().get(0x0112, 1) if fmt in ("JPEG", "WEBP", "PNG") else 1
            width, height = image.size
            if orientation in (5, 6, 7, 8):
                width, height = height, width
            animated = getattr(image, "is_animated", False)
            if animated or (max(width, height) <= MAX_WIDTH and size <= TARGET_BYTES):
                return "original", width, height
            if fmt == "JPEG":
                image.draft("RGB", (MAX_WIDTH * 2, MAX_WIDTH * 2))  # decode at a fraction: fast, little memory
            image = ImageOps.exif_transpose(image)
            image.thumbnail((MAX_WIDTH, MAX_WIDTH))
            with replacing(copy) as temporary:
                self._save(image, fmt, temporary)
                if fmt == "PNG" and temporary.stat().st_size > TARGET_BYTES and image.mode in ("RGB", "L"):
                    # A photo saved as PNG: a palette keeps it a PNG at a fraction of the size.
                    self._save(image.quantize(256), fmt, temporary)
            return "copy", image.width, image.height

    @staticmethod
    def _save(image, fmt: str, target: Path) -> None:
        if fmt == "JPEG":
            image = image.convert("RGB")
            for quality in (80, 70, 60, 50):
                image.save(target, "JPEG", quality=quality, optimize=True, progressive=True)
                if target.stat().st_size <= TARGET_BYTES:
                    return
        elif fmt == "WEBP":
            for quality in (80, 65, 50):
                image.save(target, "WEBP", quality=quality, method=4)
                if target.stat().st_size <= TARGET_BYTES:
                    return
        elif fmt == "GIF":
            image.save(target, "GIF", optimize=True)
        else:
            image.save(target, "PNG", optimize=True)


def published_images(root: Path, assets: list[str], cache: ImageCache) -> list[PublishedImage]:
    return [cache.publish(root, relative) for relative in assets]


_IMG = re.compile(r"<img\b([^>]*?)(\s*/?)>")
_SRC = re.compile(r'\ssrc="([^"]*)"')


def image_attributes(page_html: str, page_url: str, sizes: dict[str, tuple[int, int]]) -> str:
    """Give every content image its size (the page does not jump while it loads) and
    ``loading="lazy"`` (a long story loads its photos only as the reader gets there)."""
    if "<img" not in page_html:
        return page_html
    base = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")

    def add(match: re.Match) -> str:
        attributes, end = match.group(1), match.group(2)
        src = _SRC.search(attributes)
        if not src or "://" in src.group(1) or src.group(1).startswith(("/", "data:")):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(base, unquote(src.group(1).split("#")[0].split("?")[0])))
        size = sizes.get(target)
        if size is None:
            return match.group(0)
        if " width=" not in attributes and " height=" not in attributes:
            attributes += f' width="{size[0]}" height="{size[1]}"'
        if " loading=" not in attributes:
            attributes += ' loading="lazy"'
        if " decoding=" not in attributes:
            attributes += ' decoding="async"'
        return f"<img{attributes}{end}>"

    return _IMG.sub(add, page_html)
