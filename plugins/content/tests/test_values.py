"""Parsing what owners write in metadata headers."""

import datetime as dt

import pytest

from comptoir.plugins.content.values import (
    ValueProblem,
    parse_bool,
    parse_choice,
    parse_date,
    parse_duration,
    parse_list,
    parse_rating,
    parse_video,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-03-14 07:30", dt.datetime(2025, 3, 14, 7, 30)),
        ("2025-03-14", dt.datetime(2025, 3, 14)),
        ("2025-03-14T07:30:15", dt.datetime(2025, 3, 14, 7, 30, 15)),
        ("14/03/2025 07:30", dt.datetime(2025, 3, 14, 7, 30)),
    ],
)
def test_dates(raw: str, expected: dt.datetime) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["2025-02-30", "demain", "2025-13-01 10:00", "14 mars 2025"])
def test_bad_dates_name_the_value(raw: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_date(raw)
    assert caught.value.values == {"value": raw}


@pytest.mark.parametrize(
    ("raw", "minutes"),
    [
        ("1 h 30", 90),
        ("1h30", 90),
        ("45 min", 45),
        ("2 h", 120),
        ("1 h 30 min", 90),
        ("PT1H30M", 90),
        ("PT45M", 45),
        ("P1DT2H", 26 * 60),
        ("90 minutes", 90),
    ],
)
def test_durations(raw: str, minutes: int) -> None:
    assert parse_duration(raw) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize("raw", ["longtemps", "0 min", "PT", "1 h et quart", ""])
def test_bad_durations(raw: str) -> None:
    with pytest.raises(ValueProblem):
        parse_duration(raw)


@pytest.mark.parametrize("raw", ["0", "6", "4.5", "cinq", "-1"])
def test_ratings_are_whole_numbers_from_1_to_5(raw: str) -> None:
    with pytest.raises(ValueProblem):
        parse_rating(raw)
    assert parse_rating(" 5 ") == 5


def test_choices_lists_and_booleans() -> None:
    assert parse_choice("Recipe", ("howto", "recipe")) == "recipe"
    with pytest.raises(ValueProblem) as caught:
        parse_choice("recette", ("howto", "recipe"))
    assert caught.value.values == {"value": "recette", "choices": "howto, recipe"}
    assert parse_list("a; b ;; c", ";") == ["a", "b", "c"]
    assert parse_bool("oui") is True and parse_bool("false") is False
    with pytest.raises(ValueProblem):
        parse_bool("peut-être")


@pytest.mark.parametrize(
    ("raw", "provider", "video_id"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://m.youtube.com/shorts/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "vimeo", "76979871"),
    ],
)
def test_videos(raw: str, provider: str, video_id: str) -> None:
    video = parse_video(raw)
    assert (video.provider, video.id) == (provider, video_id)
    assert video.embed_url.startswith(
        ("https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/")
    )


@pytest.mark.parametrize(
    "raw",
    [
        "https://evil.example/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
    ],
)
def test_other_video_addresses_are_refused(raw: str) -> None:
    with pytest.raises(ValueProblem):
        parse_video(raw)
