"""What the tally keeps beside the pages read: the other hosts a log names,
the partners' page (no embed), feed readers' means rounded once, the
owner's own requests by period, and the subscribers' curve starting from
each aggregator's count before the period. Exact figures throughout."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from comptoir.core.i18n import language
from comptoir.tools.stats.figures import figures, other_hosts
from comptoir.tools.stats.model import HOSTS_KEPT, Hit
from comptoir.tools.stats.run import Options, stats
from comptoir.tools.stats.tally import Scope, Tally
from comptoir.tools.stats.tests.test_counting import BROWSER, day, facts, line, run

HOST = "www.lesdeuxepis.example"  # SITEURL's host in test_counting.facts
OWN = f"https://{HOST}"
FEEDLY = (
    "Feedly/1.0 (+http://www.feedly.com/fetcher.html; {n} subscribers; like FeedFetcher-Google)"
)
NETNEWSWIRE = "NetNewsWire (RSS Reader; https://netnewswire.com/)"


def vhost(host: str, when: dt.date | None = None) -> str:
    return f"{host} " + line(when or day(1))


def views(first: dt.date, count: int) -> list[str]:
    """One page view a day from ``first``, ``count`` days."""
    return [line(first + dt.timedelta(days=n)) for n in range(count)]


def feedly(when: dt.date, subscribers: int, moment: str = "10:00:00") -> str:
    return line(
        when, "/rss.xml", ip="198.51.100.7", agent=FEEDLY.format(n=subscribers), moment=moment
    )


# Other hosts ----------------------------------------------------------------------


def test_other_hosts_are_told_with_the_five_most_asked_for(tmp_path: Path) -> None:
    log = tmp_path / "vhost.log"
    rows = [vhost(f"{HOST}:443")] * 2 + [vhost("_:80")] * 5
    # One site under three spellings (port, www.), as --site groups them.
    rows += [vhost("autre.example:443")] * 2 + [
        vhost("www.autre.example:80"),
        vhost("AUTRE.example"),
    ]
    rows += [vhost("b.example")] * 2 + [vhost("c.example"), vhost("d.example")]
    # A day outside the period: another site's requests have no period of ours.
    rows += [vhost("e.example", day(5))]
    log.write_text("".join(rows), "utf-8")
    found, _ = run(tmp_path, [str(log)], since="2026-11-01", until="2026-11-01")
    assert found["views"] == 2
    assert found["other_sites"] == {
        "requests": 14,
        "hosts": [
            {"host": "_", "requests": 5},
            {"host": "autre.example", "requests": 4},
            {"host": "b.example", "requests": 2},
            {"host": "c.example", "requests": 1},
            {"host": "d.example", "requests": 1},
        ],
    }


def test_a_log_of_another_host_only_names_it_though_no_report_is_made() -> None:
    tally = Tally(Scope(counted=frozenset({"lesdeuxepis.example"})))
    for n in range(3):
        tally.add(Hit(day(1), "10:00:00", f"203.0.113.{n}", "GET", "/", 200, "", BROWSER, "_"))
    tally.add(Hit(day(1), "10:00:00", "203.0.113.9", "GET", "/", 200, "", BROWSER, "x.example"))
    words = language({"DEFAULT_LANG": "fr"})
    assert figures(tally, HOST, {}, words) is None
    assert other_hosts(tally) == [("_", 3), ("x.example", 1)]


def test_a_flood_of_made_up_hosts_stays_in_bounded_memory() -> None:
    tally = Tally(Scope(counted=frozenset({"lesdeuxepis.example"})))
    for n in range(20_000):
        tally.other_site(f"scan-{n}.example")
        if n % 50 == 0:
            tally.other_site("_")
    assert tally.other_sites == 20_400
    assert len(tally.other_hosts) <= 2 * HOSTS_KEPT
    # A host asked for once in fifty requests is held all along: its count is exact.
    assert other_hosts(tally)[0] == ("_", 400)


# The partners' page -----------------------------------------------------------------


def test_the_partners_page_is_a_page_and_what_is_under_it_embeds(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    rows = [
        line(day(1), "/embed/", referrer=f"{OWN}/histoires/a/"),  # the link under a story
        line(day(1), "/embed/index.html", ip="203.0.113.2", referrer="https://www.google.com/"),
        line(day(1), "/embed/histoires/a/", ip="203.0.113.3", referrer="https://cafe.example/"),
        # The partners' page showing a card: the site's own, no embed.
        line(day(1), "/embed/histoires/a/", ip="203.0.113.4", referrer=f"{OWN}/embed/"),
    ]
    log.write_text("".join(rows), "utf-8")
    found, _ = run(tmp_path, [str(log)])
    assert found["pages"] == [{"path": "/embed/", "title": "", "views": 2, "visitors": 2}]
    assert found["referrers"] == [{"site": "Google", "views": 1}]
    assert found["embeds"] == [{"site": "cafe.example", "path": "/histoires/a/", "views": 1}]


# Feed readers --------------------------------------------------------------------------


def test_a_reader_seen_one_day_of_three_on_two_feeds_is_not_lost(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    rows = [*views(day(1), 3), feedly(day(1), 10)]
    rows += [
        line(day(2), feed, ip="203.0.113.5", agent=NETNEWSWIRE)
        for feed in ("/rss.xml", "/atom.xml")
    ]
    log.write_text("".join(rows), "utf-8")
    found, _ = run(tmp_path, [str(log)])
    feeds = found["feeds"]
    # NetNewsWire: 1/3 a day on each feed, 2/3 in all, one subscriber. Each
    # row and the total are rounded once from the same means: /rss.xml
    # 10 + 1/3, /atom.xml 1/3 (shown as none), the total 10 + 2/3.
    assert feeds["by_reader"] == {"Feedly": 10, "NetNewsWire": 1}
    assert feeds["by_feed"] == {"/rss.xml": 10}
    assert feeds["subscribers"] == 11
    # The total is the curve's mean, rounded: (10 + 12 + 10) / 3.
    assert [d["subscribers"] for d in feeds["days"]] == [10, 12, 10]


def test_half_a_reader_a_day_rounds_up(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    rows = [*views(day(1), 3), line(day(1), "/rss.xml", agent=NETNEWSWIRE)]
    log.write_text("".join(rows), "utf-8")
    found, _ = run(tmp_path, [str(log)], until="2026-11-02")
    # One reader on one day of two: 0.5, rounded half up (not to even, 0).
    assert found["feeds"]["by_reader"] == {"NetNewsWire": 1}
    assert found["feeds"]["by_feed"] == {"/rss.xml": 1}
    assert found["feeds"]["subscribers"] == 1


# The owner's requests ------------------------------------------------------------------


def test_the_owners_requests_are_told_for_the_period(tmp_path: Path) -> None:
    owner = "198.51.100.20"
    log = tmp_path / "access.log"
    # 31 days, 31 Oct to 30 Nov: by default the period is November.
    rows = views(dt.date(2026, 10, 31), 31)
    rows += [line(dt.date(2026, 10, 31), ip=owner)] * 2 + [
        line(day(2), ip=owner),
        line(day(30), ip=owner),
    ]
    log.write_text("".join(rows), "utf-8")

    def ignored(**options: str) -> int:
        out = tmp_path / "rapport"
        done = stats(
            tmp_path / "p.py",
            Options([str(log)], out, **options),
            facts(tmp_path, ("198.51.100.0/24",)),
        )
        assert done.ok
        return json.loads((out / "stats.json").read_text("utf-8"))["ignored"]

    assert ignored() == 2
    assert ignored(since="2026-11-03", until="2026-11-30") == 1
    assert ignored(since="2026-10-31", until="2026-11-01") == 2


# The subscribers' curve ------------------------------------------------------------------


def test_the_curve_starts_from_the_counts_before_the_period(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    # The latest count of 1 November is 100 (at 20:00, though written first).
    rows = [*views(day(1), 3), feedly(day(1), 100, "20:00:00"), feedly(day(1), 90, "08:00:00")]
    rows += [feedly(day(3), 120)]
    log.write_text("".join(rows), "utf-8")
    found, _ = run(tmp_path, [str(log)], since="2026-11-02", until="2026-11-03")
    assert found["feeds"]["days"] == [
        {"date": "2026-11-02", "subscribers": 100},
        {"date": "2026-11-03", "subscribers": 120},
    ]
    assert found["feeds"]["by_reader"] == {"Feedly": 120}


def test_by_default_the_curve_starts_from_the_counts_before_whatever_the_order(
    tmp_path: Path,
) -> None:
    # 22 Oct to 30 Nov: the period is November; Feedly said 60 last in October.
    rows = views(dt.date(2026, 10, 22), 40)
    older = [*rows[:15], feedly(dt.date(2026, 10, 25), 50), feedly(dt.date(2026, 10, 31), 60)]
    newer = [*rows[15:], feedly(day(10), 80)]
    files = tmp_path / "access.log.1", tmp_path / "access.log"
    files[0].write_text("".join(older), "utf-8")
    files[1].write_text("".join(newer), "utf-8")
    expected = [60] * 9 + [80] * 21
    # Oldest first (October's days leave the window as November comes),
    # then newest first (October is before the window when read).
    for order in (files, files[::-1]):
        found, _ = run(tmp_path, [str(path) for path in order])
        assert found["period"] == {"start": "2026-11-01", "end": "2026-11-30"}
        assert [d["subscribers"] for d in found["feeds"]["days"]] == expected
        assert found["feeds"]["by_reader"] == {"Feedly": 80}
