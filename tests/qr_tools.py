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
