"""QR codes for print: SVG (one path) and PNG, cached on disk by content and settings.

Settings: error correction M (higher levels made codes worse at a fixed printed size),
quiet zone of 4 modules, the smallest version that holds the data, and the mask chosen
by the standard's penalty rules.

The encoder is zxing-cpp's writer (the C library Zint inside a well-kept wheel; the tests
decode with zxing-cpp's reader and with zbar). It makes a code in ~0.4 ms, where the pure
Python ``qrcode`` package needed 7-18 ms, most of it choosing among the eight masks: at
1,000 practices that was 10 s of a cold build on its own. Codes are still cached on disk
(``.cache/qr/``), so a build after a one-practice change draws one code: the SVGs in one
file (``svg.pickle``; 10,000 files of their own cost 4 s to write on a cold build, and the
site gets its own copy anyway), the few PNG downloads each in a file.

The SVG is written here from the module matrix: one ``<path>`` with a run per row of dark
modules, 1 module = 1 mm. A single path renders inline in Chromium (separate ``<rect>``s
once rendered blank there) and is half the bytes of a path with one square per module.
"""

from __future__ import annotations

import hashlib
import html
import math
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

from ..cache import replacing

BORDER = 4
ERROR_CORRECTION = "M"
MIN_PNG_PIXELS = 1000
PRINT_MM = 45  # printed width of a code (without its quiet zone): sheets, and the PNG's DPI
SETTINGS_KEY = f"v3|zint|{ERROR_CORRECTION}|border={BORDER}|svg-runs|png>={MIN_PNG_PIXELS}|{PRINT_MM}mm"


@dataclass(frozen=True)
class QrCode:
    data: str
    version: int
    modules: int  # modules per side, without the quiet zone
    svg: str  # standalone SVG document, ids neutral
    png_path: Path
    name: str  # '<key>.svg': a file name that changes with the code (sheets link to qr/<name>)


class QrCache:
    """Makes each code once; later builds read it back from ``directory`` (call ``save``)."""

    STORE = "svg.pickle"  # key -> SVG of every code made so far

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.made = 0  # codes generated (not read from cache) by this instance
        self._seen: dict[tuple[str, bool], QrCode] = {}  # a code asked again in this build (several sheets)
        self._svgs: dict[str, str] | None = None  # the store, read on the first code asked

    def _key(self, data: str) -> str:
        return hashlib.sha256(f"{SETTINGS_KEY}|{data}".encode()).hexdigest()[:24]

    def get(self, data: str, png: bool = False) -> QrCode:
        """The code for ``data``; ``png``: also a PNG for download (only links pages offer
        one: a PNG costs more to make than the SVG, and a sheet needs none)."""
        if (data, png) in self._seen:
            return self._seen[data, png]
        key = self._key(data)
        png_path = self.directory / f"{key}.png"
        rows = None  # the code's modules, encoded at most once
        svgs = self._store()
        svg = svgs.get(key)
        if svg is None:
            rows = matrix(data)
            svg = svgs[key] = svg_document(rows)
            self.made += 1
        if png and not png_path.is_file():
            self.directory.mkdir(parents=True, exist_ok=True)
            _write_png(rows or matrix(data), png_path)
        modules = int(_VIEWBOX.search(svg).group(1)) - 2 * BORDER
        code = self._seen[data, png] = QrCode(data, (modules - 17) // 4, modules, svg, png_path, f"{key}.svg")
        return code

    def save(self) -> None:
        """Keep the codes made by this instance for later builds (nothing to do if none)."""
        if not self.made:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with replacing(self.directory / self.STORE) as temporary, temporary.open("wb") as stream:
                pickle.dump(self._svgs, stream, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:
            pass  # a read-only checkout still builds, just without the cache
        self.made = 0

    def _store(self) -> dict[str, str]:
        if self._svgs is None:
            try:
                with (self.directory / self.STORE).open("rb") as stream:
                    self._svgs = pickle.load(stream)
            except (OSError, EOFError, pickle.UnpicklingError, ValueError):
                self._svgs = {}
        return self._svgs


_VIEWBOX = re.compile(r'viewBox="0 0 (\d+) ')


def png_dpi(box_size: int, modules: int) -> int:
    """The resolution at which the symbol (without quiet zone) prints PRINT_MM wide."""
    return round(box_size * modules * 25.4 / PRINT_MM)


def matrix(data: str) -> list[bytes]:
    """The rows of modules of the code for ``data``, without the quiet zone: one byte per
    module, 0 dark and 255 light (as zxing-cpp draws them)."""
    import zxingcpp  # here, not at the top: a warm build reads every code from the cache

    code = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level=ERROR_CORRECTION)
    pixels = memoryview(code.to_image(scale=1, add_quiet_zones=False))
    size = pixels.shape[0]
    flat = pixels.tobytes()
    return [flat[y * size:(y + 1) * size] for y in range(size)]


_DARK_RUN = re.compile(rb"[\x00-\x7f]+")


def svg_document(rows: list[bytes]) -> str:
    """One path, a run per row of dark modules; 1 module = 1 mm, quiet zone included."""
    runs = [f"M{run.start() + BORDER} {y + BORDER}h{run.end() - run.start()}v1h{run.start() - run.end()}z"
            for y, row in enumerate(rows) for run in _DARK_RUN.finditer(row)]
    size = len(rows) + 2 * BORDER
    return (f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{size}mm" height="{size}mm" '
            f'viewBox="0 0 {size} {size}" shape-rendering="crispEdges"><path d="{"".join(runs)}"/></svg>')


def _write_png(rows: list[bytes], png_path: Path) -> None:
    """At least MIN_PNG_PIXELS wide, whole pixels per module, black on white."""
    from PIL import Image, ImageOps

    modules = len(rows)
    size = modules + 2 * BORDER
    box = math.ceil(MIN_PNG_PIXELS / size)
    image = ImageOps.expand(Image.frombytes("L", (modules, modules), b"".join(rows)), border=BORDER, fill=255)
    dpi = png_dpi(box, modules)
    with replacing(png_path) as temporary:  # a build that stops halfway never leaves half a code
        image.convert("1").resize((size * box, size * box), Image.NEAREST).save(temporary, format="PNG",
                                                                                dpi=(dpi, dpi))


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


def printed_width(modules: int) -> float:
    """Width of the image in mm for a symbol of PRINT_MM: the SVG holds a quiet zone of BORDER
    modules on each side (white space that also keeps the card's edge away from the code)."""
    return round(PRINT_MM * (modules + 2 * BORDER) / modules, 2)
