"""Fitting titles with the real card font: wrapping, long words, no-break spaces."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import ImageFont

from comptoir.plugins.cards.draw import LEADING, TITLE_SIZES
from comptoir.plugins.cards.layout import fit, wrap

FONT = Path(__file__).resolve().parents[3] / "theme" / "fonts" / "Lato-Bold.ttf"


@pytest.fixture(scope="module")
def fonts() -> dict[int, ImageFont.FreeTypeFont]:
    return {size: ImageFont.truetype(str(FONT), size) for size in TITLE_SIZES}


def test_short_title_keeps_the_largest_size(fonts) -> None:
    fitted = fit("Une nuit au fournil", fonts, 592, 300, LEADING)
    assert fitted.size == TITLE_SIZES[0]
    assert fitted.lines == ("Une nuit au fournil",)


def test_every_line_fits_and_no_word_is_lost(fonts) -> None:
    title = "Pourquoi notre pain de campagne au levain naturel se garde une semaine entière"
    fitted = fit(title, fonts, 592, 300, LEADING)
    font = fonts[fitted.size]
    assert fitted.size < TITLE_SIZES[0]
    assert all(font.getlength(line) <= 592 for line in fitted.lines)
    assert " ".join(fitted.lines) == title
    assert len(fitted.lines) * fitted.size * LEADING <= 300


def test_a_word_wider_than_the_box_breaks_with_a_hyphen(fonts) -> None:
    font = fonts[68]
    lines = wrap("Anticonstitutionnellement", font, 300)
    assert len(lines) > 1
    assert all(font.getlength(line) <= 300 for line in lines)
    assert all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.removesuffix("-") for line in lines) == "Anticonstitutionnellement"


def test_a_compound_breaks_after_its_own_hyphens_first(fonts) -> None:
    font = fonts[68]
    lines = wrap("Saint-Jean-de-Maurienne", font, 420)
    assert lines[0].endswith("-") and "".join(lines) == "Saint-Jean-de-Maurienne"
    assert all(font.getlength(line) <= 420 for line in lines)


def test_no_break_at_french_no_break_spaces(fonts) -> None:
    title = "Le pain\u202f? «\u00a0Un art\u00a0»\u00a0: vraiment\u202f!"
    for width in (200, 300, 400, 500):
        for line in wrap(title, fonts[56], width):
            # A line never starts with the punctuation a no-break space holds.
            assert not line.startswith(("?", "!", ":", "»"))


def test_a_title_too_long_for_the_box_ends_with_an_ellipsis(fonts) -> None:
    title = " ".join(["boulangerie"] * 60)
    fitted = fit(title, fonts, 592, 300, LEADING)
    font = fonts[fitted.size]
    assert fitted.size == min(TITLE_SIZES)
    assert fitted.lines[-1].endswith("…")
    assert all(font.getlength(line) <= 592 for line in fitted.lines)
    assert len(fitted.lines) * fitted.size * LEADING <= 300
