"""QR codes for print: SVG (path factory) and PNG, cached on disk by content and settings.

Settings: error correction M, quiet zone of 4 modules. qrcode needs 7-18 ms per code,
so every code is made once and read back from the cache on later builds.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from dataclasses import dataclass
from pathlib import Path

BORDER = 4
ERROR_CORRECTION = "M"  # qrcode.constants.ERROR_CORRECT_M; qrcode is imported only to make a code
MIN_PNG_PIXELS = 1000
PRINT_MM = 45  # printed width of a code (without its quiet zone): sheets, and the PNG's DPI
SETTINGS_KEY = f"v2|{ERROR_CORRECTION}|border={BORDER}|svg-path|png>={MIN_PNG_PIXELS}|{PRINT_MM}mm"


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

    def get(self, data: str, png: bool = False) -> QrCode:
        """The code for ``data``; ``png``: also a PNG for download (only links pages offer
        one: a PNG costs more to make than the SVG, and a sheet needs none)."""
        key = self._key(data)
        svg_path = self.directory / f"{key}.svg"
        png_path = self.directory / f"{key}.png"
        meta_path = self.directory / f"{key}.txt"
        if not (svg_path.is_file() and meta_path.is_file()):
            self._make_svg(data, svg_path, meta_path)
        version, modules = (int(n) for n in meta_path.read_text().split())
        if png and not png_path.is_file():
            self._make_png(data, version, png_path)
        return QrCode(data, version, modules, svg_path.read_text(encoding="utf-8"), png_path, svg_path)

    def _make_svg(self, data: str, svg_path: Path, meta_path: Path) -> None:
        import qrcode.image.svg  # here, not at the top: a warm build reads every code from the cache

        self.directory.mkdir(parents=True, exist_ok=True)
        code = _qr_code(border=BORDER, image_factory=qrcode.image.svg.SvgPathImage)
        code.add_data(data)
        code.make(fit=True)
        svg = code.make_image().to_string(encoding="unicode")
        svg_path.write_text(svg.replace(' id="qr-path"', ""), encoding="utf-8")
        meta_path.write_text(f"{code.version} {code.modules_count}")
        self.made += 1

    def _make_png(self, data: str, version: int, png_path: Path) -> None:
        modules = 17 + 4 * version
        code = _qr_code(version=version, border=BORDER,
                        box_size=math.ceil(MIN_PNG_PIXELS / (modules + 2 * BORDER)))
        code.add_data(data)
        code.make(fit=False)
        tmp_png = png_path.with_suffix(".tmp")
        image = code.make_image(fill_color="black", back_color="white").get_image()
        image.save(tmp_png, format="PNG", dpi=(png_dpi(code.box_size, modules),) * 2)
        tmp_png.replace(png_path)


def png_dpi(box_size: int, modules: int) -> int:
    """The resolution at which the symbol (without quiet zone) prints PRINT_MM wide."""
    return round(box_size * modules * 25.4 / PRINT_MM)


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
