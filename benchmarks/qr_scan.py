"""Measure how well the printed QR codes scan: versions, printed sizes, decode rates.

Builds the real content for a site address (default: 45 characters), prints every sheet
(cahier, strategy, a selection, worksheets) to A4 in Chromium, renders the PDF at 150 dpi
and decodes under a range of conditions with zxing-cpp (whole page) and zbar (whole page,
and each symbol cut out as a phone frames one card). Not a test: run it by hand.

    .venv/bin/python benchmarks/qr_scan.py [SITE_URL]
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, copy_project, run_build  # noqa: E402
from gzip_server import serve  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402
from qr_tools import blurred, decode, decode_zbar, downscaled, symbol_crops, version_of  # noqa: E402

DPI = 150
SHEETS = ["cahiers/samen-het-verschil-maken/qr/", "strategieen/collectiviseren/qr/", "strategieen/agenderen/qr/",
          "strategieen/verandering-eisen/qr/", "strategieen/verandering-realiseren/qr/",
          "zoeken/afdrukken/?strategy=agenderen&sector=wonen", "cahiers/samen-het-verschil-maken/oefeningen/"]


def jpeg(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue()))


def photo(image: Image.Image) -> Image.Image:
    """A rough handheld shot: slight rotation, blur, uneven light, JPEG."""
    gray = image.convert("L").rotate(4, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    width, height = gray.size
    light = Image.linear_gradient("L").resize((width, height)).point(lambda v: 255 - v // 4)
    gray = Image.composite(gray, Image.new("L", gray.size, 0), light).filter(ImageFilter.GaussianBlur(1.5))
    return jpeg(gray, 60)


CONDITIONS = {
    "scherp (150 dpi)": lambda im: im,
    "2 px onscherp": lambda im: blurred(im, 2),
    "3 px onscherp": lambda im: blurred(im, 3),
    "60 dpi": lambda im: downscaled(im, DPI, 60),
    "45 dpi": lambda im: downscaled(im, DPI, 45),
    "handfoto (4°, 1.5 px, licht, JPEG 60)": photo,
    "verder weg (75 dpi, 1 px, JPEG 50)": lambda im: jpeg(blurred(downscaled(im, DPI, 75), 1), 50),
}


def main() -> None:
    base = sys.argv[1] if len(sys.argv) > 1 else "https://www.sam-vzw.be/politiserend-werken12/"
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="sam-qr-") as temp:
        project = copy_project(Path(temp) / "project")
        result = run_build(project, Path(temp) / "site", SITE_URL=base)
        if result.returncode:
            sys.exit(result.stderr)
        url, server = serve(Path(temp) / "site")
        pages, expected = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            for number, path in enumerate(SHEETS):
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                if "afdrukken" in path:
                    page.wait_for_selector("#sam-selectie[data-klaar]", state="attached")
                expected += page.eval_on_selector_all(".sam-qr", "codes => codes.map(c => c.dataset.qr)")
                pdf = Path(temp) / f"{number}.pdf"
                page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
                subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(Path(temp) / f"{number}")], check=True)
                pages += [Image.open(p) for p in sorted(Path(temp).glob(f"{number}-*.png"))]
            browser.close()
        server.shutdown()
        crops = [crop for image in pages for crop in symbol_crops(image, DPI)]
        clean = [r for image in pages for r in decode(image)]
        sizes = []
        for r in clean:
            c = r.position
            width = ((c.top_right.x - c.top_left.x) ** 2 + (c.top_right.y - c.top_left.y) ** 2) ** 0.5
            sizes.append(width / DPI * 25.4)  # zxing's corners are the symbol's outer corners
        versions = sorted({version_of(r) for r in clean})
        print(f"Adres: {base} ({len(base)} tekens); {len(expected)} codes op {len(pages)} A4-bladzijden")
        print(f"Versies: {versions}; symbool gedrukt {min(sizes):.1f}-{max(sizes):.1f} mm; "
              f"module {min(sizes) / (17 + 4 * max(versions)):.2f} mm")
        print(f"{'conditie':42} {'zxing blad':>10} {'zbar blad':>10} {'zbar kaart':>10} {'zxing kaart':>11}")
        for name, transform in CONDITIONS.items():
            zx = len([r for im in pages for r in decode(transform(im)) if r.text in expected])
            zb = len([t for im in pages for t in decode_zbar(transform(im)) if t in expected])
            zbc = len([t for c in crops for t in decode_zbar(transform(c)) if t in expected])
            zxc = len([r for c in crops for r in decode(transform(c)) if r.text in expected])
            n = len(expected)
            print(f"{name:42} {zx:>5}/{n:<4} {zb:>5}/{n:<4} {zbc:>5}/{n:<4} {zxc:>6}/{n:<4}")


if __name__ == "__main__":
    main()
