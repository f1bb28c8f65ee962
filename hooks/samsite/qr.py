"""QR codes for print: SVG (one path) and PNG, cached on disk by content and settings.

Settings: error correction M, quiet zone of 4 modules. qrcode needs 7-18 ms per code
(mostly choosing the best of its eight masks), so every code is made once and read back
from the cache on later builds, and a cold build draws the missing codes of the whole
site at once on every core (``QrCache.prepare``).

The SVG is written here from qrcode's module matrix: one ``<path>`` with a run per row
of dark modules. It renders like qrcode's SVG path factory (the rect factories render
blank inline in Chromium) at half the bytes and a third less time.
"""

from __future__ import annotations

import hashlib
import html
import math
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

BORDER = 4
ERROR_CORRECTION = "M"  # qrcode.constants.ERROR_CORRECT_M; qrcode is imported only to make a code
MIN_PNG_PIXELS = 1000
SETTINGS_KEY = f"v2|{ERROR_CORRECTION}|border={BORDER}|svg-runs|png>={MIN_PNG_PIXELS}"
POOL_FROM = 24  # missing codes from which a pool of processes pays for its start-up


@dataclass(frozen=True)
class QrCode:
    data: str
    version: int
    modules: int  # modules per side, without the quiet zone
    svg: str  # standalone SVG document, ids neutral
    png_path: Path
    svg_path: Path


class QrCache:
    """Makes each code once; later builds read it back from ``directory``."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.made = 0  # codes generated (not read from cache) by this instance

    def _key(self, data: str) -> str:
        return hashlib.sha256(f"{SETTINGS_KEY}|{data}".encode()).hexdigest()[:24]

    def _paths(self, data: str) -> tuple[Path, Path]:
        key = self._key(data)
        return self.directory / f"{key}.svg", self.directory / f"{key}.png"

    def prepare(self, wanted: dict[str, bool]) -> None:
        """Draw every missing code of ``wanted`` (data -> PNG too?) now, in parallel when
        there are many (a cold build of a large site): ``get`` then only reads files."""
        jobs, new_svgs = [], 0
        for data, png in wanted.items():
            svg_path, png_path = self._paths(data)
            need_svg, need_png = not svg_path.is_file(), png and not png_path.is_file()
            if need_svg or need_png:
                jobs.append((data, svg_path, png_path if need_png else None))
                new_svgs += need_svg
        if not jobs:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        workers = min(len(jobs) // POOL_FROM, os.cpu_count() or 1)
        if workers < 2:
            for job in jobs:
                _draw(job)
        else:
            # forkserver, not fork: `mkdocs serve` has threads, and forking those is unsafe.
            context = multiprocessing.get_context("forkserver")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                list(pool.map(_draw, jobs, chunksize=max(1, len(jobs) // (workers * 8))))
        self.made += new_svgs

    def get(self, data: str, png: bool = False) -> QrCode:
        """The code for ``data``; ``png``: also a PNG for download (only links pages offer
        one: a PNG costs more to make than the SVG, and a sheet needs none)."""
        svg_path, png_path = self._paths(data)
        if not svg_path.is_file() or (png and not png_path.is_file()):
            self.prepare({data: png})
        svg = svg_path.read_text(encoding="utf-8")
        modules = int(_VIEWBOX.search(svg).group(1)) - 2 * BORDER
        return QrCode(data, (modules - 17) // 4, modules, svg, png_path, svg_path)


class QrPlan:
    """Stands in for a ``QrCache`` in a dry run of the page generators: records which codes
    they ask for, so ``QrCache.prepare`` can draw them all at once."""

    def __init__(self, cache: QrCache):
        self.cache = cache
        self.wanted: dict[str, bool] = {}

    def get(self, data: str, png: bool = False) -> QrCode:
        self.wanted[data] = self.wanted.get(data, False) or png
        svg_path, png_path = self.cache._paths(data)
        return QrCode(data, 1, 21, '<svg viewBox="0 0 29 29"></svg>', png_path, svg_path)


_VIEWBOX = re.compile(r'viewBox="0 0 (\d+) ')


def _draw(job: tuple[str, Path, Path | None]) -> None:
    """Write the SVG (and, if asked, the PNG) of one code; runs in a worker process."""
    data, svg_path, png_path = job
    code = _qr_code(border=BORDER)
    code.add_data(data)
    code.make(fit=True)
    if not svg_path.is_file():
        _write(svg_path, svg_document(code.modules).encode())
    if png_path is not None:
        _write_png(data, code.version, png_path)


def svg_document(matrix: list[list[bool]]) -> str:
    """One path, a run per row of dark modules; 1 module = 1 mm, quiet zone included."""
    n, runs = len(matrix), []
    for y, row in enumerate(matrix):
        x = 0
        while x < n:
            if row[x]:
                start = x
                while x < n and row[x]:
                    x += 1
                runs.append(f"M{start + BORDER} {y + BORDER}h{x - start}v1h{start - x}z")
            else:
                x += 1
    size = n + 2 * BORDER
    return (f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{size}mm" height="{size}mm" '
            f'viewBox="0 0 {size} {size}" shape-rendering="crispEdges"><path d="{"".join(runs)}"/></svg>')


def _write(path: Path, content: bytes) -> None:
    """Via a temporary file: a build that stops halfway never leaves half a code."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(content)
    temporary.replace(path)


def _write_png(data: str, version: int, png_path: Path) -> None:
    modules = 17 + 4 * version
    code = _qr_code(version=version, border=BORDER,
                    box_size=math.ceil(MIN_PNG_PIXELS / (modules + 2 * BORDER)))
    code.add_data(data)
    code.make(fit=False)
    temporary = png_path.with_name(f"{png_path.name}.{os.getpid()}.tmp")
    code.make_image(fill_color="black", back_color="white").save(temporary, format="PNG")
    temporary.replace(png_path)


def _qr_code(**settings):
    import qrcode
    from qrcode import constants

    return qrcode.QRCode(error_correction=getattr(constants, f"ERROR_CORRECT_{ERROR_CORRECTION}"), **settings)


def inline_svg(code: QrCode, element_id: str, label: str) -> str:
    """The code as inline SVG with a unique id and an accessible name; scales with CSS."""
    svg = re.sub(r'\s(width|height)="[^"]*"', "", code.svg, count=2)
    title_id = f"{element_id}-titel"
    return svg.replace(
        "<svg ",
        f'<svg id="{element_id}" class="sam-qr" role="img" aria-labelledby="{title_id}" '
        f'data-qr="{html.escape(code.data, quote=True)}" preserveAspectRatio="xMidYMid meet" ',
        1,
    ).replace(">", f'><title id="{title_id}">{html.escape(label)}</title>', 1)
