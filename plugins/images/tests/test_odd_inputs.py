"""Odd inputs: each handled correctly, or refused with a message naming the
file — never a traceback."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image


def story(image: str) -> str:
    return f"Title: Photo\nDate: 2025-03-01\nImage: {image}\nImage_alt: Une photo\n\nTexte.\n"


def build_with(make_site, name: str, data: bytes):
    site = make_site({"content/stories/photo.md": story(f"images/{name}")})
    path = site.root / "content/images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return site, site.build()


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def outputs(site) -> list[Path]:
    return sorted(
        p for p in (site.output / "media" / "images").glob("*") if re.search(r"\.\w{12}\.", p.name)
    )


def refused(site, result) -> str:
    assert not result.ok
    [problem] = result.errors
    assert problem.path == "content/stories/photo.md" and problem.key == "image"
    assert "Traceback" not in problem.message
    return problem.message


def test_truncated_jpeg_is_refused_by_name(make_site) -> None:
    data = encoded(Image.new("RGB", (900, 600), "tan"), "JPEG", quality=95)
    _, result = build_with(make_site, "coupee.jpg", data[: len(data) // 2])
    # A truncated file may open (header intact) and fail while decoding.
    assert not result.ok
    text = "\n".join(p.format() for p in result.errors)
    assert "coupee.jpg" in text and "abîmée ou incomplète" in text
    assert "Traceback" not in text


def test_text_renamed_jpg_is_refused(make_site) -> None:
    site, result = build_with(make_site, "texte.jpg", b"Ceci n'est pas une photo.\n")
    assert "n’est pas une image que Comptoir sait lire" in refused(site, result)


def test_heic_gets_the_export_advice(make_site) -> None:
    site, result = build_with(make_site, "iphone.heic", b"\x00\x00\x00\x18ftypheic")
    message = refused(site, result)
    assert "HEIC" in message and "JPEG" in message and "Le plus compatible" in message


def test_other_formats_are_refused(make_site) -> None:
    site, result = build_with(make_site, "scan.bmp", encoded(Image.new("RGB", (50, 50)), "BMP"))
    assert "format BMP" in refused(site, result)


def test_decompression_bomb_is_an_error(make_site) -> None:
    huge = encoded(Image.new("1", (12000, 9000)), "PNG")  # 108 Mpx, a tiny file
    site, result = build_with(make_site, "bombe.png", huge)
    assert "beaucoup trop grande" in refused(site, result)


def test_cmyk_jpeg_becomes_rgb(make_site) -> None:
    site, result = build_with(
        make_site, "cmjn.jpg", encoded(Image.new("CMYK", (600, 400), (0, 255, 255, 0)), "JPEG")
    )
    assert result.ok, site.messages(result)
    for path in outputs(site):
        with Image.open(path) as image:
            assert image.mode == "RGB"
            red, green, blue = image.getpixel((5, 5))
            assert red > 200 and green < 60 and blue < 60


def test_16_bit_greyscale_png_is_scaled_not_clipped(make_site) -> None:
    grey = Image.new("I;16", (300, 200), 32768)  # mid grey in 16 bits
    site, result = build_with(make_site, "seize.png", encoded(grey, "PNG"))
    assert result.ok, site.messages(result)
    with Image.open(outputs(site)[0]) as image:
        value = image.convert("L").getpixel((5, 5))
        assert 120 <= value <= 135


def test_palette_with_transparency_keeps_alpha_with_png_fallback(make_site) -> None:
    palette = Image.new("P", (200, 100), 0)
    palette.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    palette.paste(1, (100, 0, 200, 100))
    site, result = build_with(make_site, "palette.png", encoded(palette, "PNG", transparency=0))
    assert result.ok, site.messages(result)
    formats = {p.suffix for p in outputs(site)}
    assert formats == {".png", ".webp"}
    with Image.open(next(p for p in outputs(site) if p.suffix == ".png")) as image:
        assert image.mode == "RGBA" and image.getpixel((5, 5))[3] == 0


def test_rgba_png_keeps_transparency(make_site) -> None:
    site, result = build_with(
        make_site, "logo.png", encoded(Image.new("RGBA", (300, 300), (0, 0, 0, 0)), "PNG")
    )
    assert result.ok
    with Image.open(next(p for p in outputs(site) if p.suffix == ".webp")) as image:
        assert image.mode == "RGBA" and image.getpixel((5, 5))[3] == 0


def test_animated_gif_stays_animated(make_site) -> None:
    frames = [Image.new("RGB", (120, 80), colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=120, loop=0)
    site, result = build_with(make_site, "anime.gif", buffer.getvalue())
    assert result.ok, site.messages(result)
    made = outputs(site)
    assert {p.suffix for p in made} == {".gif", ".webp"}
    for path in made:
        with Image.open(path) as image:
            assert image.n_frames == 3 and image.size == (120, 80)


def test_missing_image_in_the_text_names_it(make_site) -> None:
    site = make_site(
        {"content/stories/photo.md": "Title: A\nDate: 2025-03-01\n\n![x](images/nope.jpg)\n"}
    )
    result = site.build()
    [problem] = result.errors
    assert problem.path == "content/stories/photo.md"
    assert "images/nope.jpg" in problem.message


@pytest.mark.parametrize("mode", ["L", "LA"])
def test_greyscale_modes(make_site, mode: str) -> None:
    fmt = "JPEG" if mode == "L" else "PNG"
    site, result = build_with(
        make_site, f"gris.{fmt.lower()}", encoded(Image.new(mode, (300, 200)), fmt)
    )
    assert result.ok, site.messages(result)
