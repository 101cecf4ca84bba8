"""The figures from logs written in the test: periods and the one before,
aggregators' latest counts, direct readers, files as they come (plain,
gzip, stdin), lines that cannot be read, hostile input, bad options."""

from __future__ import annotations

import copy
import datetime as dt
import gzip
import io
import itertools
import json
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comptoir.core.i18n import OwnerError, language
from comptoir.tools.stats.config import check_ignore, networks
from comptoir.tools.stats.model import Look
from comptoir.tools.stats.report import render_html
from comptoir.tools.stats.run import Options, StatsError, printable, stats
from comptoir.tools.stats.site import Facts

ROOT = Path(__file__).resolve().parents[4]
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def facts(tmp_path: Path, ignore: tuple[str, ...] = ()) -> Facts:
    return Facts(
        settings={"DEFAULT_LANG": "fr", "THEME": str(ROOT / "theme"), "PUBLISH": None},
        host="www.lesdeuxepis.example",
        titles={"/histoires/a/": "A"},
        feeds=frozenset({"/rss.xml"}),
        look=Look("Les Deux Épis"),
        ignore=networks(ignore),
        output=tmp_path / "output",
        content=tmp_path / "content",
    )


def line(
    day: dt.date,
    path: str = "/histoires/a/",
    ip: str = "203.0.113.1",
    agent: str = BROWSER,
    status: int = 200,
    referrer: str = "-",
    moment: str = "10:00:00",
    method: str = "GET",
) -> str:
    when = f"{day.day:02d}/{day.strftime('%b')}/{day.year}:{moment} +0100"
    return f'{ip} - - [{when}] "{method} {path} HTTP/1.1" {status} 100 "{referrer}" "{agent}"\n'


def run(tmp_path: Path, logs: list[str], **options) -> tuple[dict, list[str]]:
    out = tmp_path / "rapport"
    done = stats(tmp_path / "publishconf.py", Options(logs, out, **options), facts(tmp_path))
    assert done.ok
    return json.loads((out / "stats.json").read_text("utf-8")), done.lines


def day(n: int) -> dt.date:
    return dt.date(2026, 11, n)


def test_a_period_against_the_one_before(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    rows = []
    for n in range(1, 31):
        # One visitor a day in the first half, two in the second.
        rows.append(line(day(n), ip="203.0.113.1"))
        if n > 15:
            rows.append(line(day(n), ip="203.0.113.2"))
    log.write_text("".join(rows), "utf-8")
    figures, _ = run(tmp_path, [str(log)], since="2026-11-16", until="2026-11-30")
    assert figures["period"] == {"start": "2026-11-16", "end": "2026-11-30"}
    assert (figures["views"], figures["visitors"]) == (30, 30)
    assert figures["previous"] == {
        "start": "2026-11-01",
        "end": "2026-11-15",
        "views": 15,
        "visitors": 15,
    }
    assert len(figures["days"]) == 15 and figures["days"][0] == {
        "date": "2026-11-16",
        "views": 2,
        "visitors": 2,
    }
    # Without dates: every day the log holds, nothing before it.
    everything, _ = run(tmp_path, [str(log)])
    assert everything["views"] == 45 and everything["previous"] is None


def test_a_visitor_is_one_a_day_and_again_the_next_day(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(
        line(day(1)) + line(day(1), "/") + line(day(2)) + line(day(2), agent="Other/1.0"),
        "utf-8",
    )
    figures, _ = run(tmp_path, [str(log)])
    # (IP, agent) a day: 1 on the 1st, 2 on the 2nd.
    assert figures["visitors"] == 3
    assert [d["visitors"] for d in figures["days"]] == [1, 2]
    assert figures["pages"][0] == {"path": "/histoires/a/", "title": "A", "views": 3, "visitors": 3}


def test_an_aggregator_counts_its_latest_figure_not_the_sum(tmp_path: Path) -> None:
    feedly = (
        "Feedly/1.0 (+http://www.feedly.com/fetcher.html; {n} subscribers; like FeedFetcher-Google)"
    )
    # Rotated logs read newest first: the latest count is still the last in time.
    newer, older = tmp_path / "access.log", tmp_path / "access.log.1"
    newer.write_text(line(day(2), "/rss.xml", agent=feedly.format(n=120)), "utf-8")
    older.write_text(
        line(day(1), "/rss.xml", agent=feedly.format(n=100), moment="08:00:00")
        + line(day(1), "/rss.xml", agent=feedly.format(n=110), moment="20:00:00"),
        "utf-8",
    )
    figures, _ = run(tmp_path, [str(newer), str(older)])
    assert figures["feeds"]["by_reader"] == {"Feedly": 120}
    assert figures["feeds"]["days"] == [
        {"date": "2026-11-01", "subscribers": 110},
        {"date": "2026-11-02", "subscribers": 120},
    ]


def test_direct_readers_are_those_of_an_average_day(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    reader = "NetNewsWire (RSS Reader; https://netnewswire.com/)"
    rows = [line(day(1), "/rss.xml", ip=f"203.0.113.{n}", agent=reader) for n in range(3)]
    rows += [line(day(2), "/rss.xml", ip="203.0.113.9", agent=reader)] * 4
    log.write_text("".join(rows), "utf-8")
    figures, _ = run(tmp_path, [str(log)])
    # Three readers on the 1st, one (fetching four times) on the 2nd: two a day.
    assert figures["feeds"]["subscribers"] == 2
    assert figures["feeds"]["by_feed"] == {"/rss.xml": 2}


def test_plain_gzip_and_stdin_together(tmp_path: Path, monkeypatch) -> None:
    plain, packed = tmp_path / "access.log", tmp_path / "access.log.2.gz"
    plain.write_text(line(day(3)), "utf-8")
    packed.write_bytes(gzip.compress(line(day(2)).encode()))
    stdin = io.TextIOWrapper(io.BytesIO(line(day(1)).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    figures, _ = run(tmp_path, [str(tmp_path / "access.log*"), "-"])
    assert [d["views"] for d in figures["days"]] == [1, 1, 1]


def test_unread_lines_are_counted_and_shown_with_file_and_line(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(line(day(1)) + "garbage \x1b[31mred\n" + line(day(1)) + "more junk\n", "utf-8")
    figures, lines = run(tmp_path, [str(log)])
    assert figures["unparsed"] == 2 and figures["views"] == 2
    shown = "\n".join(lines)
    assert f"{log}:2: garbage \\x1b[31mred" in shown and f"{log}:4: more junk" in shown
    assert "\x1b" not in shown  # a terminal escape is shown, never obeyed


def test_hostile_input_never_reaches_the_report_unescaped(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    script = "<script>alert(1)</script>"
    rows = [
        line(day(1), f"/{script}/", referrer=f"https://evil.example/{script}"),
        # nginx writes a quote inside a field as \x22
        line(
            day(1), "/x/", agent=f"{script} Firefox", referrer="\\x22><img src=x onerror=alert(1)>"
        ),
        line(day(1), "/" + "a" * 1_000_000 + "/"),  # a 1 MB line
        line(day(1), "/%3Cscript%3E/", status=404),
    ]
    log.write_bytes("".join(rows).encode() + b"\xff\xfe broken \xc3\x28 bytes\n")
    figures, _ = run(tmp_path, [str(log)])
    assert figures["unparsed"] == 2  # the 1 MB line and the broken bytes
    html = (tmp_path / "rapport" / "index.html").read_text("utf-8")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html  # shown, as text
    assert figures["not_found"] == [{"path": "/<script>/", "hits": 1}]  # decoded, kept as text


def test_a_form_sent_by_a_browser_is_no_robot(tmp_path: Path) -> None:
    googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    log = tmp_path / "access.log"
    log.write_text(
        line(day(1))
        + line(day(1), "/contact/", method="POST")
        + line(day(1), "/wp-login.php", method="POST", status=404)
        + line(day(1), "/contact/", method="POST", agent=googlebot)
        + line(day(1), "/", method="HEAD"),
        "utf-8",
    )
    figures, _ = run(tmp_path, [str(log)])
    assert (figures["views"], figures["bots"], figures["other_requests"]) == (1, 2, 2)
    assert figures["not_found"] == [] and figures["not_found_hits"] == 0
    footer = (tmp_path / "rapport" / "index.html").read_text("utf-8").split("<footer>")[1]
    assert "<li>2 requêtes de robots, écartées</li>" in footer
    assert "<li>2 autres requêtes de navigateurs (formulaires envoyés…), écartées</li>" in footer


def test_an_embed_whose_referrer_cannot_be_read_is_from_an_unknown_site(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    referrers = [
        "https://[broken",  # urlsplit refuses it
        "garbage",  # no host
        "https://www.lesdeuxepis.example/histoires/a/",  # the site's own page: not counted
        "https://cafe.example/blog/",
    ]
    log.write_text("".join(line(day(1), "/embed/x/", referrer=r) for r in referrers), "utf-8")
    figures, _ = run(tmp_path, [str(log)])
    assert figures["embeds"] == [
        {"site": "(site inconnu)", "path": "/x/", "views": 2},
        {"site": "cafe.example", "path": "/x/", "views": 1},
    ]


def test_the_50_most_missed_addresses_with_the_page_linking_to_each(tmp_path: Path) -> None:
    own = "https://www.lesdeuxepis.example"
    rows = [line(day(1), "/ancien/", status=404, referrer=f"{own}/histoires/a/")] * 3
    rows += [line(day(1), "/ancien/", status=404, referrer=f"{own}/index.html")] * 2
    rows += [line(day(1), "/ancien/", status=404, referrer="https://blog.example/x")]
    rows += [line(day(1), f"/scan-{n:02d}", status=404) for n in range(60)]
    rows += [line(day(1), "/robot/", status=404, agent="")]  # a robot's: left out
    log = tmp_path / "access.log"
    log.write_text("".join(rows), "utf-8")
    figures, _ = run(tmp_path, [str(log)])
    assert figures["not_found_hits"] == 66
    assert figures["not_found"] == [{"path": "/ancien/", "hits": 6, "from": "/histoires/a/"}] + [
        {"path": f"/scan-{n:02d}", "hits": 1} for n in range(49)
    ]
    html = (tmp_path / "rapport" / "index.html").read_text("utf-8")
    assert "66 requêtes en tout vers des adresses qui ne mènent nulle part." in html
    assert (
        '<tr><th scope="row"><code>/ancien/</code></th><td><code>/histoires/a/</code></td>'
        '<td class="num">6</td></tr>'
    ) in html
    assert "/scan-49" not in html


def test_an_unknown_browser_is_named_in_the_sites_language(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(line(day(1)) + line(day(1), ip="203.0.113.9", agent="NetSurf/3.10"), "utf-8")
    figures, _ = run(tmp_path, [str(log)])
    assert figures["browsers"] == [
        {"name": "Autres navigateurs", "visitors": 1},
        {"name": "Firefox", "visitors": 1},
    ]


def test_the_owners_networks_are_left_out(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(line(day(1), ip="198.51.100.20") + line(day(1), ip="203.0.113.5"), "utf-8")
    out = tmp_path / "rapport"
    done = stats(
        tmp_path / "publishconf.py",
        Options([str(log)], out),
        facts(tmp_path, ("198.51.100.0/24",)),
    )
    assert done.ok
    figures = json.loads((out / "stats.json").read_text("utf-8"))
    assert (figures["views"], figures["ignored"]) == (1, 1)


def test_stats_ignore_is_checked_at_start_up() -> None:
    assert check_ignore(["203.0.113.7", "2001:db8::/48"], {}) is None
    assert check_ignore("203.0.113.7", {}) is not None
    problem = check_ignore(["203.0.113.300"], {})
    assert isinstance(problem, tuple) and problem[1] == {"value": "203.0.113.300"}


@pytest.mark.parametrize(
    ("options", "needle"),
    [
        ({"since": "30/11/2026"}, "--since"),
        ({"since": "2026-12-01", "until": "2026-11-01"}, "--since"),
        ({"format": "apache2"}, "--format"),
    ],
)
def test_bad_options_are_named(tmp_path: Path, options: dict, needle: str) -> None:
    log = tmp_path / "access.log"
    log.write_text(line(day(1)), "utf-8")
    with pytest.raises(StatsError) as raised:
        stats(tmp_path / "p.py", Options([str(log)], tmp_path / "r", **options), facts(tmp_path))
    assert needle in raised.value.translated({"DEFAULT_LANG": "fr"})


def test_no_log_and_a_missing_log_are_named(tmp_path: Path) -> None:
    with pytest.raises(StatsError):
        stats(tmp_path / "p.py", Options([], tmp_path / "r"), facts(tmp_path))
    with pytest.raises(OwnerError) as raised:
        stats(
            tmp_path / "p.py",
            Options([str(tmp_path / "nope.log")], tmp_path / "r"),
            facts(tmp_path),
        )
    assert "nope.log" in str(raised.value)


@pytest.mark.parametrize("inside", ["output/rapport", "content/chiffres", "output"])
def test_the_report_never_goes_into_the_site(tmp_path: Path, inside: str) -> None:
    log = tmp_path / "access.log"
    log.write_text(line(day(1)), "utf-8")
    with pytest.raises(StatsError) as raised:
        stats(tmp_path / "p.py", Options([str(log)], tmp_path / inside), facts(tmp_path))
    assert "--out" in str(raised.value)
    assert not (tmp_path / inside).exists()


def test_printable_escapes_control_characters() -> None:
    assert printable("/a\x1b[2J\n") == "/a\\x1b[2J\\n"
    assert len(printable("x" * 500)) == 80


class _Tags(HTMLParser):
    """Every element of a page, in order, with its attributes' names."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, tuple[str, ...]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(name for name, _ in attrs)))


def _plain(figures: dict) -> dict:
    """The same figures with every string a log line chose replaced by a
    plain word: the report the template draws with no hostile text."""
    words = (f"w{n}" for n in itertools.count())
    plain = copy.deepcopy(figures)
    for key, names in (
        ("pages", ("path", "title")),
        ("referrers", ("site",)),
        ("embeds", ("site", "path")),
        ("not_found", ("path", "from")),
        ("browsers", ("name",)),
    ):
        for row in plain[key]:
            row.update({name: next(words) for name in names if row.get(name)})
    for key in ("by_reader", "by_feed"):
        plain["feeds"][key] = {next(words): n for n in plain["feeds"][key].values()}
    return plain


# What a server writes in a quoted field: anything but a raw quote or line
# break (nginx writes them as \x22, \x0A).
FIELD = st.lists(
    st.text(
        alphabet=st.characters(
            codec="utf-8", exclude_categories=("Cs",), exclude_characters='"\n\r'
        ),
        max_size=20,
    )
    | st.sampled_from(
        [
            "<script>",
            "</title>",
            "<img src=x onerror=alert(1)>",
            "&amp;",
            "]]>",
            "<b>",
            "<a href=x>",
        ]
    ),
    max_size=4,
).map("".join)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(path=FIELD, agent=FIELD, referrer=FIELD)
def test_any_path_agent_or_referrer_stays_text_in_the_report(
    tmp_path: Path, path: str, agent: str, referrer: str
) -> None:
    """The page has exactly the elements and attributes the template draws
    for the same figures holding plain words: not one more (a <b> or an
    <a href> a log line slipped in would be one)."""
    log = tmp_path / "access.log"
    target = "/" + path.replace(" ", "%20")
    rows = [
        line(day(1), target, agent=agent or "-", referrer=f"https://{referrer}/x"),
        line(day(1), target, status=404, agent=agent or "-"),
        line(day(1), target, status=404, referrer=f"https://www.lesdeuxepis.example/{path}"),
        line(day(1), f"/embed{target}", referrer=f"https://{referrer}/"),
    ]
    log.write_text("".join(rows), "utf-8")
    figures, _ = run(tmp_path, [str(log)])
    html = (tmp_path / "rapport" / "index.html").read_text("utf-8")
    words, about = language(facts(tmp_path).settings), facts(tmp_path)
    clean = render_html(_plain(figures), words, about.look, ROOT / "theme")
    assert _Tags(html).elements == _Tags(clean).elements
