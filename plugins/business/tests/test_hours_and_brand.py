"""Opening hours the French way, and brand colour contrast."""

import datetime as dt

import pytest
from babel import Locale

from comptoir.plugins.business import hours_lines
from comptoir.plugins.business.brand import (
    contrast,
    contrast_failures,
    palette,
    readable_on,
    surface,
)
from comptoir.plugins.business.hours import HoursError, parse_hours


def t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def test_french_hours() -> None:
    openings = parse_hours("lun-ven 7:00-19:30; sam 7h-13h30, 15h-19h; dim 7:30-12:30")
    assert [o.days for o in openings] == [(0, 1, 2, 3, 4), (5,), (6,)]
    assert openings[0].ranges == ((t("07:00"), t("19:30")),)
    assert openings[1].ranges == ((t("07:00"), t("13:30")), (t("15:00"), t("19:00")))


def test_day_lists_long_names_and_wrapping_ranges() -> None:
    assert parse_hours("lundi, mercredi 8:00-12:00")[0].days == (0, 2)
    assert parse_hours("sam-lun 8:00-12:00")[0].days == (5, 6, 0)
    assert parse_hours("mon-fri 8:00-17:00")[0].days == (0, 1, 2, 3, 4)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("lun-vendr 7:00-19:00", "vendr"),
        ("lun 19:00-7:00", "19:00-7:00"),
        ("lun 25:00-26:00", "25:00"),
        ("lun sept heures", "lun sept heures"),
    ],
)
def test_bad_hours_say_which_part(text: str, part: str) -> None:
    with pytest.raises(HoursError) as caught:
        parse_hours(text)
    assert part in caught.value.values["part"]


def test_hours_are_shown_in_the_page_language() -> None:
    openings = parse_hours("mar-ven 7:00-13:30, 15:30-19:30; dim 7:30-12:30")
    assert hours_lines(openings, Locale.parse("fr")) == [
        ("Mardi – vendredi", "07:00–13:30, 15:30–19:30"),
        ("Dimanche", "07:30–12:30"),
    ]
    assert hours_lines(openings, Locale.parse("en"))[1][0] == "Sunday"


def test_contrast_ratios_match_wcag() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_weak_brand_colours_are_named() -> None:
    brand = {
        "primary": "#f4c542",
        "on_primary": "#ffffff",
        "background": "#ffffff",
        "text": "#222222",
    }
    failing = [(fore, back) for fore, back, _ in contrast_failures(brand)]
    assert failing == [("primary", "background"), ("on_primary", "primary")]


def test_dark_mode_accent_is_derived_readable() -> None:
    colours = palette(
        {"primary": "#8a3b12", "on_primary": "#ffffff", "background": "#fffaf3", "text": "#2b1d14"}
    )
    dark, back = colours["dark_primary"], colours["dark_background"]
    assert contrast(dark, back) >= 4.5
    # Cards are the background tinted with the accent itself (site.css --surface).
    assert contrast(dark, surface(back, dark)) >= 4.5
    assert contrast(readable_on("#8a3b12", "#000000"), "#000000") >= 4.5
