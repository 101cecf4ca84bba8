"""Times the site's time zone skips (refused) or shows twice (told)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from comptoir.plugins.content.localtime import nearest, twice

PARIS = ZoneInfo("Europe/Paris")
SUMMARY = "Summary: Une histoire écrite la nuit où les horloges changent d'heure.\n"


@pytest.mark.parametrize(
    ("zone", "written", "before", "after"),
    [
        ("Europe/Paris", "2025-03-30 02:30", "01:59", "03:00"),
        ("Europe/Paris", "2025-03-30 02:00", "01:59", "03:00"),
        ("America/New_York", "2025-03-09 02:15", "01:59", "03:00"),
        # Half an hour only, on Lord Howe Island.
        ("Australia/Lord_Howe", "2025-10-05 02:10", "01:59", "02:30"),
    ],
)
def test_a_time_the_clocks_skip_has_its_nearest_neighbours(zone, written, before, after) -> None:
    found = nearest(dt.datetime.fromisoformat(written), ZoneInfo(zone))
    assert found is not None
    assert (found[0].strftime("%H:%M"), found[1].strftime("%H:%M")) == (before, after)


@pytest.mark.parametrize("written", ["2025-03-30 01:59", "2025-03-30 03:00", "2025-06-01 02:30"])
def test_ordinary_times_happen_once(written: str) -> None:
    value = dt.datetime.fromisoformat(written)
    assert nearest(value, PARIS) is None and not twice(value, PARIS)


def test_the_hour_the_clocks_go_back_happens_twice() -> None:
    assert twice(dt.datetime(2025, 10, 26, 2, 30), PARIS)
    assert not twice(dt.datetime(2025, 10, 26, 3, 0), PARIS)
    assert not twice(dt.datetime(2025, 10, 26, 2, 30), ZoneInfo("UTC"))


def test_a_date_that_does_not_exist_stops_the_build_naming_file_line_and_times(make_site) -> None:
    site = make_site({"content/stories/nuit.md": "Title: La nuit\nDate: 2025-03-30 02:30\n\nx\n"})
    result = site.build()
    assert site.messages(result) == [
        "content/stories/nuit.md:2: date — 2025-03-30 02:30 n’existe pas dans le fuseau "
        "Europe/Paris\u00a0: cette nuit-là, les horloges sautent par-dessus. Écrivez 01:59 ou "
        "03:00, les heures les plus proches qui existent."
    ]


def test_a_time_shown_twice_is_the_first_one_and_check_says_so(make_site) -> None:
    site = make_site(
        {"content/stories/nuit.md": f"Title: La nuit\nDate: 2025-10-26 02:30\n{SUMMARY}\nx\n"}
    )
    built = site.build()
    assert built.ok and built.problems == []
    assert 'datetime="2025-10-26T02:30:00+02:00"' in site.page("histoires/nuit/index.html")
    checked = site.build(strict=False, COMPTOIR_CHECK=True)
    assert site.messages(checked) == [
        "content/stories/nuit.md:2: date — 2025-10-26 02:30 arrive deux fois dans le fuseau "
        "Europe/Paris, la nuit où l’on recule les horloges\u00a0: c’est la première qui est "
        "retenue (UTC+02:00). Écrivez une autre heure pour lever le doute."
    ]
    assert [p.severity for p in checked.problems] == ["warning"]
