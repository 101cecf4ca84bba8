"""The example site's pictures (issue 14, point 11): drawings made for the kit
(content/illustrations/*.svg, brand palette), drawn into the JPEGs the
content uses by ``invoke illustrations``; each one credited; nothing off-brand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from comptoir.tools.illustrations import SIZE, IllustrationError, render, render_all

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
DRAWINGS = sorted((CONTENT / "illustrations").glob("*.svg"))
# What the first example site showed, and no bakery should.
OFF_BRAND = ("chat", "cat", "brique", "brick", "herbe", "grass", "trefle", "pissenlit")


def used_images() -> dict[str, list[str]]:
    """Image file -> the content files whose cover or photo it is."""
    used: dict[str, list[str]] = {}
    for text_file in sorted(CONTENT.rglob("*.md")):
        text = text_file.read_text(encoding="utf-8")
        for name in re.findall(r"^(?:Image|Photo): images/(\S+)$", text, flags=re.M):
            used.setdefault(name, []).append(text_file.relative_to(ROOT).as_posix())
    return used


def test_there_are_drawings_of_the_shop_and_its_bread() -> None:
    names = {d.stem for d in DRAWINGS}
    assert {"miche-de-campagne", "croissants-et-cafe", "four-a-bois", "devanture"} <= names


@pytest.mark.parametrize("drawing", DRAWINGS, ids=lambda d: d.stem)
def test_each_jpeg_is_its_drawing_as_drawn_now(drawing: Path) -> None:
    # A drawing edited without `invoke illustrations` leaves a stale JPEG.
    jpeg = CONTENT / "images" / f"{drawing.stem}.jpg"
    assert jpeg.is_file(), f"run `invoke illustrations`: {jpeg.name} is missing"
    committed = Image.open(jpeg)
    assert committed.size == SIZE and committed.mode == "RGB"
    assert not committed.getexif() and "icc_profile" not in committed.info
    difference = ImageChops.difference(render(drawing), committed.convert("RGB"))
    # JPEG's own loss is about 1 level in 255 on average on flat drawings.
    assert max(ImageStat.Stat(difference).mean) < 2.5, f"run `invoke illustrations` ({jpeg.name})"


@pytest.mark.parametrize("drawing", DRAWINGS, ids=lambda d: d.stem)
def test_drawings_are_self_contained_and_wordless(drawing: Path) -> None:
    svg = drawing.read_text(encoding="utf-8")
    # Nothing fetched from elsewhere, no words (the site speaks two languages).
    assert "<image" not in svg and 'href="http' not in svg and "@import" not in svg
    assert "<text" not in svg and "<foreignObject" not in svg
    assert re.search(r'viewBox="0 0 1800 1200"', svg)


def test_every_picture_the_content_shows_is_on_brand_and_credited() -> None:
    credits = (CONTENT / "images" / "CREDITS").read_text(encoding="utf-8")
    used = used_images()
    assert len(used) >= 8
    for name, files in used.items():
        assert (CONTENT / "images" / name).is_file(), (name, files)
        assert not any(word in name for word in OFF_BRAND), (name, files)
        assert re.search(rf"^{re.escape(name)}$", credits, flags=re.M), f"{name} not in CREDITS"
    # No picture lies unused, and the credits name nothing that is gone.
    pictures = {p.name for p in (CONTENT / "images").glob("*.jpg")}
    assert pictures == set(used)
    listed = set(re.findall(r"^(\S+\.(?:jpg|png))$", credits, flags=re.M))
    assert listed == pictures


def test_a_drawing_of_the_wrong_size_is_refused_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "carre.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900" viewBox="0 0 900 900">'
        '<rect width="900" height="900" fill="#8a3b12"/></svg>',
        encoding="utf-8",
    )
    with pytest.raises(IllustrationError) as caught:
        render_all(tmp_path, tmp_path / "images")
    message = caught.value.translated({"DEFAULT_LANG": "fr"})
    assert (
        message == f"{tmp_path / 'carre.svg'} mesure 900×900\u00a0: dessinez-le en 1800×1200 (3:2)."
    )
    assert not (tmp_path / "images").exists()


def test_render_all_writes_each_drawing_once(tmp_path: Path) -> None:
    drawings = tmp_path / "dessins"
    drawings.mkdir()
    for name, colour in (("a", "#8a3b12"), ("b", "#e0b04a")):
        (drawings / f"{name}.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="1800" height="1200"'
            f' viewBox="0 0 1800 1200"><rect width="1800" height="1200" fill="{colour}"/></svg>',
            encoding="utf-8",
        )
    written = render_all(drawings, tmp_path / "images")
    assert [p.name for p in written] == ["a.jpg", "b.jpg"]
    assert Image.open(written[1]).getpixel((900, 600)) == pytest.approx((224, 176, 74), abs=3)
    assert sorted(p.name for p in (tmp_path / "images").iterdir()) == ["a.jpg", "b.jpg"]
