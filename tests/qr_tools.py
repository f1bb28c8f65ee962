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
