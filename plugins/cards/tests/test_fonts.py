"""The cards are drawn with their fonts' copies without hinting (fonts.py):
the same glyphs, the same look, none of FreeType's hinting work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageChops

from comptoir.plugins.cards.draw import Job, draw
from comptoir.plugins.cards.fonts import unhinted
from comptoir.plugins.cards.registry import Cards

from .test_cards import story

FONTS = Path(__file__).resolve().parents[3] / "theme" / "fonts"
HINTING = ("fpgm", "prep", "cvt ")


def test_the_copy_has_every_glyph_and_no_hinting(tmp_path: Path) -> None:
    for name in ("Lato-Bold.ttf", "Lato-Regular.ttf"):
        source, copy = FONTS / name, tmp_path / name
        assert unhinted(str(source), copy)
        before, after = TTFont(source), TTFont(copy)
        assert all(table in before for table in HINTING)  # Lato ships hinted
        assert not any(table in after for table in HINTING)
        assert after["maxp"].maxSizeOfInstructions == 0
        glyphs = [after["glyf"][name] for name in after.getGlyphOrder()]
        assert not any(g.program.getBytecode() for g in glyphs if hasattr(g, "program"))
        assert after.getGlyphOrder() == before.getGlyphOrder()
        assert after.getBestCmap() == before.getBestCmap()
        assert after["hmtx"].metrics == before["hmtx"].metrics
        assert set(after.keys()) >= {"GPOS", "GSUB", "kern"} & set(before.keys())


def _card(target: Path, title: str, fonts: dict[str, str]) -> Image.Image:
    job = Job(
        str(target),
        "card",
        title=title,
        label="Histoire",
        footer="www.example.fr",
        title_font=fonts["Lato-Bold.ttf"],
        text_font=fonts["Lato-Regular.ttf"],
    )
    assert draw(job) is None
    with Image.open(target) as card:
        return card.convert("L").crop((0, 20, 1200, 630))  # below the bar


def _apart(one: Image.Image, other: Image.Image) -> tuple[int, int, float]:
    """How far the ink's box moved (px), how many rows have ink in one and
    not the other, and the mean difference of grey (0-255)."""
    ink = [ImageChops.invert(card).point(lambda v: 255 if v > 128 else 0) for card in (one, other)]
    boxes = [mask.getbbox() or (0, 0, 0, 0) for mask in ink]
    moved = max(abs(a - b) for a, b in zip(*boxes, strict=True))
    rows = [[mask.crop((0, y, mask.width, y + 1)).getbbox() is not None for y in range(mask.height)]
            for mask in ink]  # fmt: skip
    differing = sum(a != b for a, b in zip(*rows, strict=True))
    histogram = ImageChops.difference(one, other).histogram()
    return moved, differing, sum(i * n for i, n in enumerate(histogram)) / (one.width * one.height)


def test_a_card_drawn_with_the_copy_looks_the_same(tmp_path: Path) -> None:
    """Hinting moves an edge by a pixel at most at a card's sizes: the text
    stands where it stood, on the same lines. A card with one word changed
    is the yardstick of "different"."""
    copies = {}
    for name in ("Lato-Bold.ttf", "Lato-Regular.ttf"):
        copies[name] = str(tmp_path / name)
        assert unhinted(str(FONTS / name), Path(copies[name]))
    shipped = {name: str(FONTS / name) for name in copies}
    title = "La fournée de minuit : croissants, pains au chocolat et « chouquettes »"
    hinted = _card(tmp_path / "hinted.jpg", title, shipped)
    plain = _card(tmp_path / "plain.jpg", title, copies)
    other = _card(tmp_path / "other.jpg", title.replace("minuit", "midi"), shipped)
    moved, rows, mean = _apart(hinted, plain)
    assert moved <= 2 and rows <= 4 and mean < 1.2, (moved, rows, mean)
    moved, rows, mean = _apart(hinted, other)
    assert mean > 2.0, (moved, rows, mean)


def test_a_font_fonttools_cannot_read_is_left_as_it_is(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00" + b"not a font" * 10)
    assert not unhinted(str(broken), tmp_path / "copy.ttf")
    assert not (tmp_path / "copy.ttf").exists()


def test_a_build_draws_with_copies_made_once(make_site) -> None:
    site = make_site({"content/stories/pain.md": story("Le pain", image="")})
    result = site.build()
    assert result.ok, site.messages(result)
    cards = result.build.part(Cards)
    copies = sorted(cards.cache_dir.glob("font-*-unhinted.ttf"))
    assert len(copies) == 2
    assert cards.drawing_font(cards.fonts["title"]) in map(str, copies)
    assert "fpgm" not in TTFont(copies[0])
    made = [path.stat().st_mtime_ns for path in copies]
    site.write({"content/stories/levain.md": story("Le levain", image="")})
    result = site.build()
    assert result.stats["cards"]["drawn"] == 1
    assert [path.stat().st_mtime_ns for path in copies] == made


def test_the_fonts_are_rewritten_outside_the_builds_process(make_site) -> None:
    """fontTools takes 50 MB to rewrite a font: the build's own process
    must not load it (its peak memory is the build's)."""
    site = make_site({"content/stories/pain.md": story("Le pain", image="")})
    code = (
        "import sys; from comptoir.core.build.driver import build; "
        "result = build('pelicanconf.py'); "
        "print(result.ok, result.stats['cards']['drawn'], 'fontTools.subset' in sys.modules)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=site.root, capture_output=True, text=True, check=True
    )
    assert run.stdout.split() == ["True", "1", "False"], run.stderr
    assert len(list(site.root.glob("cache/**/font-*-unhinted.ttf"))) == 2
