"""Images and limits: bytes that match the extension, bounded sizes, light copies of phone
photos; texts, titles and numbers of a sensible size; names the site uses itself.

Bad inputs go through the real command line (`make check`) like test_check.py; the phone
photo goes through the real strict build.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from content_factory import cahier_text
from helpers import jpeg, png, run_build, snapshot
from PIL import Image, ImageFilter
from samsite.cache import IMAGE_DIR
from test_check import (
    BAD,
    CAHIER,
    Case,
    case_tests,
    make_project,
    practice,
    run_check,
    story,
    template,  # noqa: F401 (the fixture the case tests ask for)
)

IMG = "praktijken/afbeeldingen"


def png_header_only(width: int, height: int) -> bytes:
    """A valid PNG signature and IHDR claiming a huge size, a few dozen bytes long (a bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 10)) + chunk(b"IEND", b"")


def with_image(name: str, content: bytes) -> dict:
    return {f"{IMG}/{name}": content, BAD: story(f"![Foto](afbeeldingen/{name})")}


NOT_REAL = "is geen echt"
CASES = [
    Case("svg-named-png", with_image("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>"),
         f"{IMG}/logo.png", 1, "'logo.png' is geen echt PNG-bestand: de inhoud is een SVG-tekening", "bewaar ze opnieuw als PNG",
         build=True),
    Case("svg-with-xml-header-named-jpg", with_image("x.jpg", b'<?xml version="1.0"?>\n<svg/>'), f"{IMG}/x.jpg", 1,
         "geen echt JPG-bestand: de inhoud is een SVG-tekening", "opnieuw als JPG"),
    Case("html-named-gif", with_image("x.gif", b"<!DOCTYPE html><html><script>x</script></html>"), f"{IMG}/x.gif", 1,
         "de inhoud is een webpagina", "opnieuw als GIF"),
    Case("jpeg-named-png", with_image("foto.png", jpeg()), f"{IMG}/foto.png", 1,
         "de inhoud is een JPG-afbeelding", "geef het bestand de extensie van een JPG-bestand"),
    Case("png-named-webp", with_image("foto.webp", png()), f"{IMG}/foto.webp", 1, NOT_REAL, "opnieuw als WebP"),
    Case("text-named-jpeg", with_image("foto.jpeg", b"Dit is geen foto.\n"), f"{IMG}/foto.jpeg", 1,
         "de inhoud is geen afbeelding", "opnieuw als JPG"),
    Case("empty-image", with_image("leeg.png", b""), f"{IMG}/leeg.png", 1, "de inhoud is geen afbeelding", "opnieuw"),
    Case("truncated-png", with_image("kapot.png", b"\x89PNG\r\n\x1a\n\x00\x00"), f"{IMG}/kapot.png", 1,
         "de afbeelding 'kapot.png' kan niet gelezen worden", "bewaar ze opnieuw"),
    Case("decompression-bomb", with_image("bom.png", png_header_only(60000, 60000)), f"{IMG}/bom.png", 1,
         "de afbeelding is te groot: 60000 x 60000 pixels", "verklein de afbeelding", build=True),
    Case("very-wide-image", with_image("breed.png", png_header_only(200000, 400)), f"{IMG}/breed.png", 1,
         "de afbeelding is te groot: 200000 x 400 pixels", "2000 pixels breed"),
    Case("image-too-many-bytes", with_image("groot.jpg", jpeg() + b"\x00" * 21_000_000), f"{IMG}/groot.jpg", 1,
         "het bestand is te groot: 21 MB (hoogstens 20 MB)", "verklein de foto"),
    Case("unused-bad-image-in-cahier", {"cahiers/testcahier/schema.png": b"<svg/>"}, "cahiers/testcahier/schema.png", 1,
         "geen echt PNG-bestand", "opnieuw als PNG"),
    # -- limits ----------------------------------------------------------------------------------
    Case("huge-story", {BAD: practice(body="Een zin die blijft duren. " * 200_000 + "\n")}, BAD, 1,
         "het bestand is te groot: 5200 KB (hoogstens 200 KB)", "verdeel een lange cahiertekst"),
    Case("huge-chapter", {"cahiers/testcahier/02-lang.md": "# Lang\n\n" + "x " * 150_000}, "cahiers/testcahier/02-lang.md",
         1, "het bestand is te groot", "meer hoofdstukken"),
    Case("long-title", {BAD: practice(title="Titel " * 400)}, BAD, 2, "de tekst is te lang: 2399 tekens (hoogstens 150)",
         "een titel of naam is kort"),
    Case("long-summary", {BAD: practice().replace("Een korte samenvatting.", "Lang. " * 200)}, BAD, 3,
         "de tekst is te lang: 1199 tekens (hoogstens 600)", "één of twee zinnen"),
    Case("long-region", {BAD: practice().replace("region: Gent", "region: " + "Gent " * 50)}, BAD, 5,
         "de tekst is te lang", "kort"),
    Case("long-cahier-number", {CAHIER: cahier_text(number="12345678901234567890123")}, CAHIER, 3,
         "het nummer is te groot (hoogstens 999)", "bv. number: 3"),
    Case("reserved-name-afbeeldingen", {"praktijken/afbeeldingen.md": practice()}, "praktijken/afbeeldingen.md", 1,
         "de naam 'afbeeldingen' is al de naam van een map in praktijken/", "hetzelfde webadres"),
    Case("name-of-a-folder", {"praktijken/fotos.md": practice(), "praktijken/fotos/a.png": png()},
         "praktijken/fotos.md", 1, "de naam 'fotos' is al de naam van een map", "naam van de praktijk"),
]


test_check_names_file_line_and_hint, test_strict_build_stops_with_the_same_report = case_tests(CASES)


def phone_photo() -> bytes:
    """A 4000x3000 photo as a phone saves it: detail everywhere, EXIF rotation and a GPS tag."""
    noise = Image.effect_noise((4000, 3000), 60).filter(ImageFilter.GaussianBlur(1.2))
    gradient = Image.linear_gradient("L").resize((4000, 3000))
    photo = Image.merge("RGB", (noise, gradient, Image.blend(noise, gradient, 0.5)))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° when shown: the phone was held upright
    exif[0x8825] = {1: "N", 2: (51.0, 3.0, 0.0)}  # GPS: where the photo was taken
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


@pytest.mark.slow
def test_a_phone_photo_is_published_as_a_light_upright_copy(template, tmp_path):
    original = phone_photo()
    assert len(original) > 1_500_000
    case = Case("photo", {f"{IMG}/actie.jpg": original, f"{IMG}/klein.png": png(),
                          BAD: story("![Actie aan het stadhuis](afbeeldingen/actie.jpg)", "",
                                     "![Klein](afbeeldingen/klein.png)")}, "", 0, "", "")
    project = make_project(template, tmp_path / "project", case)
    assert run_check(project).returncode == 0
    before = snapshot(project)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert snapshot(project) == before  # the original stays as it is
    published = tmp_path / "site" / IMG / "actie.jpg"
    assert published.stat().st_size < 300_000
    with Image.open(published) as image:
        assert image.size == (1200, 1600)  # upright, at most 1600 pixels on the long side here
        assert 0x8825 not in image.getexif() and image.getexif().get(0x0112, 1) == 1
    assert (tmp_path / "site" / IMG / "klein.png").read_bytes() == png()  # small: as it is
    html = (tmp_path / "site" / "praktijken" / "fout" / "index.html").read_text(encoding="utf-8")
    assert 'src="../afbeeldingen/actie.jpg" width="1200" height="1600" loading="lazy"' in html
    assert 'src="../afbeeldingen/klein.png" width="40" height="30" loading="lazy"' in html
    # cached: a second build makes no new copy
    copies = sorted((project / IMAGE_DIR).glob("*.jpg"))
    assert len(copies) == 1
    made = copies[0].stat().st_mtime_ns
    again = run_build(project, tmp_path / "site2")
    assert again.returncode == 0
    assert copies[0].stat().st_mtime_ns == made
    assert (tmp_path / "site2" / IMG / "actie.jpg").read_bytes() == published.read_bytes()


def test_image_attributes_leave_other_images_alone():
    from samsite.reading.images import image_attributes

    sizes = {"praktijken/afbeeldingen/a.png": (10, 20)}
    html = ('<img alt="a" src="../afbeeldingen/a.png" /><img src="https://x.example/b.png">'
            '<img src="../afbeeldingen/a.png" width="5" loading="eager">')
    out = image_attributes(html, "praktijken/x/", sizes)
    assert '<img alt="a" src="../afbeeldingen/a.png" width="10" height="20" loading="lazy" decoding="async" />' in out
    assert '<img src="https://x.example/b.png">' in out
    assert '<img src="../afbeeldingen/a.png" width="5" loading="eager" decoding="async">' in out


def test_the_limits_leave_the_real_content_alone():
    from helpers import ROOT
    from samsite.reading.loader import load_site

    assert load_site(Path(ROOT)).practices
