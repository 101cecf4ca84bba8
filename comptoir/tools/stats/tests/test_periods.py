"""The period without --since/--until (the last 30 days the logs reach,
against the 30 before when they reach them), and the memory a hostile
log meets: a scanner's thousands of missing paths and user agents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from comptoir.tools.stats import agents
from comptoir.tools.stats.model import NOT_FOUND_KEPT, Missing
from comptoir.tools.stats.tests.test_counting import BROWSER, day, line, run


def _days_of_logs(first: dt.date, count: int) -> list[str]:
    """One visitor a day, then a second one on the last 30 days."""
    rows = []
    for n in range(count):
        when = first + dt.timedelta(days=n)
        rows.append(line(when, ip="203.0.113.1"))
        if n >= count - 30:
            rows.append(line(when, ip="203.0.113.2"))
    return rows


def test_by_default_the_last_30_days_against_the_30_before(tmp_path: Path) -> None:
    # 2 Oct to 30 Nov, 60 days, in two files read newest first (as rotated).
    rows = _days_of_logs(dt.date(2026, 10, 2), 60)
    newer, older = tmp_path / "access.log", tmp_path / "access.log.1"
    newer.write_text("".join(rows[30:]) + line(day(10), "/perdu/", status=404), "utf-8")
    older.write_text(
        "".join(rows[:30]) + line(dt.date(2026, 10, 9), "/vieux/", status=404), "utf-8"
    )
    figures, _ = run(tmp_path, [str(newer), str(older)])
    assert figures["period"] == {"start": "2026-11-01", "end": "2026-11-30"}
    assert (figures["views"], figures["visitors"], len(figures["days"])) == (60, 60, 30)
    assert figures["previous"] == {
        "start": "2026-10-02",
        "end": "2026-10-31",
        "views": 30,
        "visitors": 30,
    }
    # The 404 of 9 October is before the period: not in it.
    assert figures["not_found"] == [{"path": "/perdu/", "hits": 1}]
    assert figures["not_found_hits"] == 1 and figures["statuses"] == {"200": 60, "404": 1}


def test_by_default_a_shorter_reach_gives_no_comparison(tmp_path: Path) -> None:
    # 45 days, oldest file first: the last 30 are counted, the 30 before
    # are not all in the logs, so no comparison.
    rows = _days_of_logs(dt.date(2026, 10, 17), 45)
    older, newer = tmp_path / "access.log.1", tmp_path / "access.log"
    older.write_text("".join(rows[:40]), "utf-8")
    newer.write_text("".join(rows[40:]), "utf-8")
    figures, _ = run(tmp_path, [str(older), str(newer)])
    assert figures["period"] == {"start": "2026-11-01", "end": "2026-11-30"}
    assert (figures["views"], figures["visitors"], figures["previous"]) == (60, 60, None)
    # 20 days: every one of them, no comparison.
    newer.write_text("".join(_days_of_logs(day(11), 20)), "utf-8")
    figures, _ = run(tmp_path, [str(newer)])
    assert figures["period"] == {"start": "2026-11-11", "end": "2026-11-30"}
    assert (figures["views"], figures["previous"]) == (40, None)


def test_a_scanners_flood_of_404s_stays_in_bounded_memory() -> None:
    missing = Missing()
    for n in range(100_000):
        missing.add(f"/scan/{n}", None)
        if n % 50 == 0:
            missing.add("/ancien/", "/histoires/a/")
    assert missing.hits == 102_000
    assert len(missing.paths) <= 2 * NOT_FOUND_KEPT
    # A link hit once in fifty 404s is held all along: its count is exact.
    assert missing.top(1) == [("/ancien/", 2_000, "/histoires/a/")]


def test_a_flood_of_user_agents_stays_in_bounded_memory(monkeypatch) -> None:
    monkeypatch.setattr(agents, "AGENT_MEMORY", 100)
    known = agents.Agents()
    for n in range(1_000):
        assert known(f"Scanner-{n}/1.0 Firefox/{n}") == agents.Agent(False, None, None)
        assert known(BROWSER).robot is False  # in use: stays remembered
        assert (
            known.browser(f"Mozilla/5.0 (X11; rv:{n}.0) Gecko/20100101 Firefox/{n}.0") == "Firefox"
        )
    assert len(known.known) + len(known._known_before) <= 200
    assert len(known.browsers) + len(known._browsers_before) <= 200
    assert BROWSER in known.known or BROWSER in known._known_before
