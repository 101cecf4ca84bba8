"""The images plugin on small in-test photos: sizes, formats, privacy, cache."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

GPS_IFD, ORIENTATION, ARTIST, SERIAL = 0x8825, 0x0112, 0x013B, 0xA431


def phone_photo(path: Path, size=(2000, 1000), orientation=6) -> None:
    """A 'phone photo': rotated by EXIF, with GPS, owner name and camera serial."""
    image = Image.new("RGB", size)
    # Left half red, right half blue: orientation is visible in the pixels.
    image.paste((200, 30, 30), (0, 0, size[0] // 2, size[1]))
    image.paste((30, 30, 200), (size[0] // 2, 0, size[0], size[1]))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[ARTIST] = "Camille Garnier"
    exif.get_ifd(0x8769)[SERIAL] = "SN-123456"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (45.0, 46.0, 12.0), 3: "E", 4: (4.0, 49.0, 55.0)})
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", exif=exif, quality=90)


def story(image: str, body: str = "") -> str:
    return (
        f"Title: Photo\nDate: 2025-03-01\nImage: {image}\nImage_alt: Une photo\n\n"
        f"{body or 'Texte.'}\n"
    )


def derivatives(output: Path) -> list[Path]:
    return sorted(
        p for p in (output / "media" / "images").iterdir() if re.search(r"-\d+\.\w{12}\.", p.name)
    )


@pytest.fixture
def photo_site(make_site):
    site = make_site(
        {
            "content/stories/photo.md": story(
                "images/pain.jpg", "![Le pain coupé](../images/pain.jpg)"
            )
        }
    )
    phone_photo(site.root / "content/images/pain.jpg")
    return site


def test_derivatives_are_sized_rotated_and_carry_no_exif(photo_site, golden) -> None:
    result = photo_site.build()
    assert result.ok, photo_site.messages(result)
    rows = []
    for path in derivatives(photo_site.output):
        with Image.open(path) as image:
            assert not image.getexif(), f"{path.name} keeps EXIF"
            assert "exif" not in image.info and "xmp" not in image.info
            rows.append(f"{path.name} {image.format} {image.size[0]}x{image.size[1]}")
            # Orientation 6 = rotated 90° clockwise: red is now on top.
            top, bottom = (
                image.convert("RGB").getpixel((10, 10)),
                image.convert("RGB").getpixel((10, image.size[1] - 10)),
            )
            assert top[0] > 150 and bottom[2] > 150
    golden("images/derivatives.txt", "\n".join(rows) + "\n")
    assert not (photo_site.output / "images/pain.jpg").exists(), "the original is published"


def test_pages_get_picture_markup_with_sizes(photo_site) -> None:
    assert photo_site.build().ok
    page = photo_site.page("histoires/photo/index.html")
    cover, body = re.findall(r"<picture>.*?</picture>", page, re.S)[:2]
    assert '<source type="image/webp" srcset="/media/images/pain-480.' in cover
    assert 'width="1000" height="2000"' in cover and 'fetchpriority="high"' in cover
    assert 'loading="lazy"' in body and 'alt="Le pain coupé"' in body
    assert "480w" in body and "1000w" in body and "1200w" not in body  # never upscaled


def cache_state(site) -> dict[str, int]:
    cache = site.root / "cache" / "comptoir-images"
    # Encoded photos only: not the manifest, nor the share cards' folder (comptoir.plugins.cards).
    return {
        p.name: p.stat().st_mtime_ns for p in cache.iterdir() if p.is_file() and p.suffix != ".json"
    }


def test_second_build_encodes_nothing_and_new_widths_only_add(photo_site) -> None:
    assert photo_site.build().ok
    first = cache_state(photo_site)
    assert len(first) == 6  # 3 widths x (webp, jpeg)
    assert photo_site.build().ok
    assert cache_state(photo_site) == first
    assert photo_site.build(IMAGE_WIDTHS=[480, 640, 800, 1200]).ok
    after = cache_state(photo_site)
    assert {k: v for k, v in after.items() if k in first} == first
    assert len(after) == len(first) + 2  # only 640 (webp + jpeg) was encoded


def test_publishing_originals_is_an_opt_in(photo_site) -> None:
    assert photo_site.build(IMAGES_PUBLISH_ORIGINALS=True).ok
    assert (photo_site.output / "images/pain.jpg").exists()
