"""Real QR decoding for tests: zxing-cpp on rendered images."""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image


def decode(image: Image.Image) -> list:
    return zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)


def decode_png_bytes(data: bytes) -> list:
    return decode(Image.open(io.BytesIO(data)))


def quiet_zone_modules(image: Image.Image, version: int) -> float:
    """Smallest white margin around the symbol, measured in modules."""
    gray = image.convert("L")
    dark = gray.point(lambda value: 255 if value < 128 else 0)
    left, top, right, bottom = dark.getbbox()
    module = (right - left) / (17 + 4 * version)
    width, height = gray.size
    return min(left, top, width - right, height - bottom) / module


def version_of(result) -> int:
    """The symbol version zxing-cpp read (1..40)."""
    return int(result.extra["Version"])


def decode_zbar(image: Image.Image) -> list[str]:
    """A second decoder (zbar, via pyzbar): the texts of every QR code it finds."""
    from pyzbar import pyzbar

    return [symbol.data.decode("utf-8") for symbol in
            pyzbar.decode(image.convert("L"), symbols=[pyzbar.ZBarSymbol.QRCODE])]


def decode_both(image: Image.Image) -> tuple[list[str], list[str]]:
    """Texts found by zxing-cpp and by zbar."""
    return [result.text for result in decode(image)], decode_zbar(image)


def blurred(image: Image.Image, pixels: float = 2) -> Image.Image:
    """A phone photo slightly out of focus: a Gaussian blur of ``pixels``."""
    from PIL import ImageFilter

    return image.convert("L").filter(ImageFilter.GaussianBlur(pixels))


def downscaled(image: Image.Image, from_dpi: int, to_dpi: int) -> Image.Image:
    """The same page seen at a lower resolution (a photo from further away)."""
    width, height = image.size
    return image.convert("L").resize((round(width * to_dpi / from_dpi), round(height * to_dpi / from_dpi)),
                                     Image.Resampling.LANCZOS)


def symbol_crops(image: Image.Image, dpi: int, min_mm: float = 30, margin_mm: float = 8) -> list[Image.Image]:
    """Each QR symbol on a rendered page, cut out with a margin: what a phone frames when it
    scans one card. Found without a decoder: squares of dense dark 2 mm blocks at least
    ``min_mm`` wide (text lines and card borders are too thin to count)."""
    gray = image.convert("L")
    block = max(2, round(2 * dpi / 25.4))
    columns, rows = gray.size[0] // block, gray.size[1] // block
    small = gray.resize((columns, rows), Image.Resampling.BOX)  # mean grey of each block
    dense = {(x, y) for y in range(rows) for x in range(columns) if small.getpixel((x, y)) < 200}
    crops, seen = [], set()
    for start in sorted(dense):
        if start in seen:
            continue
        stack, component = [start], []
        seen.add(start)
        while stack:
            x, y = stack.pop()
            component.append((x, y))
            for dx in (-1, 0, 1):  # neighbours, also across one light block (a white module row)
                for dy in (-1, 0, 1):
                    for step in (1, 2):
                        cell = (x + dx * step, y + dy * step)
                        if cell in dense and cell not in seen:
                            seen.add(cell)
                            stack.append(cell)
        xs, ys = [c[0] for c in component], [c[1] for c in component]
        width_mm = (max(xs) - min(xs) + 1) * block / dpi * 25.4
        height_mm = (max(ys) - min(ys) + 1) * block / dpi * 25.4
        if width_mm >= min_mm and height_mm >= min_mm and 0.7 < width_mm / height_mm < 1.4:
            margin = round(margin_mm * dpi / 25.4)
            crops.append(gray.crop((max(0, min(xs) * block - margin), max(0, min(ys) * block - margin),
                                    min(gray.size[0], (max(xs) + 1) * block + margin),
                                    min(gray.size[1], (max(ys) + 1) * block + margin))))
    return crops
