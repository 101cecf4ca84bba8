"""The statistics report: the page and stats.json written from figures made
by hand, hostile log strings kept as text, nothing fetched, the charts."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import stat
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from comptoir.core.i18n import Language, language
from comptoir.tools.stats import charts
from comptoir.tools.stats.model import FIGURES_KEYS, Look
from comptoir.tools.stats.report import palette, render_html, stats_json, write_report

ROOT = Path(__file__).resolve().parents[4]
THEME = ROOT / "theme"
LOOK = Look(name="Les Deux Épis")
HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "caf\ufffd cr\ufffd\ufffdme",  # bytes a log could not decode, replaced
    "/" + "a" * 100_000,
)
SECTIONS = ("summary", "days", "pages", "referrers", "embeds", "feeds", "browsers", "not-found")


def speak(code: str) -> Language:
    return language({"DEFAULT_LANG": code, "THEME": str(THEME)})


def _days(start: dt.date, count: int, key: str, value: Any) -> list[dict[str, Any]]:
    return [
        {"date": (start + dt.timedelta(days=n)).isoformat(), key: value(n)} for n in range(count)
    ]


def sample_figures() -> dict[str, Any]:
    """A month of a small bakery's site, every key of stats.json filled."""
    start = dt.date(2026, 12, 1)
    days = _days(start, 31, "views", lambda n: 40 + (n * 37) % 55 + (30 if n % 7 in (5, 6) else 0))
    for n, day in enumerate(days):
        day["visitors"] = day["views"] * 2 // 3 + n % 4
    pages = [
        ("/", "Accueil", 1320, 910),
        ("/tutoriels/pain-de-campagne-au-levain/", "Pain de campagne au levain", 640, 512),
        ("/histoires/une-nuit-au-fournil/", "Une nuit au fournil", 402, 350),
        ("/tutoriels/brioche-vendeenne/", "Brioche vendéenne", 310, 260),
        ("/contact/", "Contact", 220, 190),
        ("/faq/", "Questions fréquentes", 180, 150),
        ("/histoires/le-moulin-de-la-bourbre/", "Le moulin de la Bourbre", 150, 133),
        ("/temoignages/", "Témoignages", 96, 80),
        ("/etiquettes/levain/", "Levain", 75, 66),
        ("/s-abonner/", "S'abonner", 60, 52),
        ("/en/stories/le-moulin-de-la-bourbre/", "The Bourbre mill", 41, 39),
        ("/embed/", "", 12, 11),
    ]
    return {
        "site": "www.lesdeuxepis.example",
        "period": {"start": "2026-12-01", "end": "2026-12-31"},
        "previous": {"start": "2026-11-01", "end": "2026-11-30", "views": 1940, "visitors": 2680},
        "views": sum(day["views"] for day in days),
        "visitors": 2412,
        "days": days,
        "pages": [dict(zip(("path", "title", "views", "visitors"), p, strict=True)) for p in pages],
        "referrers": [
            {"site": "www.google.com", "views": 420},
            {"site": "duckduckgo.com", "views": 133},
            {"site": "www.marmiton.example", "views": 61},
            {"site": "mastodon.social", "views": 24},
        ],
        "embeds": [
            {"site": "www.mairie-bourgoin.example", "path": "/embed/horaires/", "views": 88}
        ],
        "feeds": {
            "subscribers": 57,
            "by_reader": {"Feedly": 21, "NetNewsWire": 14, "Inoreader": 12, "Thunderbird": 10},
            "by_feed": {"/feeds/all.atom.xml": 41, "/feeds/tutoriels.atom.xml": 16},
            "days": _days(start, 31, "subscribers", lambda n: 48 + n * 9 // 31),
        },
        "not_found": [
            {"path": "/wp-login.php", "hits": 51},
            {"path": "/pain-au-levain", "hits": 7, "from": "/tutoriels/brioche-vendeenne/"},
        ],
        "not_found_hits": 58,
        "statuses": {"200": 9120, "304": 1804, "301": 212, "404": 58, "206": 3},
        "browsers": [
            {"name": "Firefox", "visitors": 802},
            {"name": "Chrome", "visitors": 760},
            {"name": "Safari", "visitors": 611},
        ],
        "bots": 5210,
        "other_requests": 12,
        "ignored": 340,
        "other_sites": {"requests": 95, "hosts": [{"host": "_", "requests": 95}]},
        "unparsed": 2,
        "lines": 16_749,
    }


def hostile_figures() -> dict[str, Any]:
    """The sample with what a hostile request can put in a log line, everywhere
    a log string reaches the page."""
    figures = sample_figures()
    for text in HOSTILE:
        figures["pages"].insert(0, {"path": text, "title": text, "views": 9999, "visitors": 1})
        figures["referrers"].insert(0, {"site": text, "views": 9999})
        figures["embeds"].append({"site": text, "path": text, "views": 1})
        figures["not_found"].append({"path": text, "hits": 1, "from": text})
        figures["browsers"].append({"name": text, "visitors": 1})
        figures["feeds"]["by_reader"][text] = 1
        figures["feeds"]["by_feed"][text] = 1
        figures["statuses"][text] = 1
    return figures


class Markup(HTMLParser):
    """The page's elements and attributes, as a browser would read them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]


# --- The page ---------------------------------------------------------------


def test_the_sample_fills_every_key() -> None:
    assert tuple(sample_figures()) == FIGURES_KEYS


@pytest.mark.parametrize("code", ["fr", "en"])
def test_the_page_says_every_section(code: str) -> None:
    html = render_html(sample_figures(), speak(code), LOOK, THEME)
    assert html.startswith("<!doctype html>")
    assert f'<html lang="{code}">' in html
    assert '<meta name="generator" content="Comptoir stats">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert re.search(r"<title>[^<]*Les Deux Épis[^<]*2026</title>", html)
    for section in SECTIONS:
        assert f'<h2 id="{section}">' in html
    assert html.count("<svg") == 5  # days, pages, referrers, embeds, subscribers
    assert html.count("<table>") == html.count("<caption>") == 10
    assert 'scope="col"' in html and 'scope="row"' in html


def test_numbers_dates_and_changes_speak_french() -> None:
    html = render_html(sample_figures(), speak("fr"), LOOK, THEME)
    assert "16\u202f749" in html  # lines read, with CLDR's narrow no-break space
    assert "mardi 1 décembre 2026" in html
    assert "1–31 déc. 2026" in html
    assert "1–30 nov. 2026" in html
    changes = re.findall(r'class="change">([^<]*)<', html)
    assert changes == [
        "+13\xa0% par rapport à la période précédente (1–30 nov. 2026)",
        "-10\xa0% par rapport à la période précédente (1–30 nov. 2026)",
    ]


def test_no_previous_period_no_change() -> None:
    figures = sample_figures()
    figures["previous"] = None
    assert 'class="change"' not in render_html(figures, speak("en"), LOOK, THEME)
    figures["previous"] = {"start": "2026-11-01", "end": "2026-11-30", "views": 0, "visitors": 0}
    html = render_html(figures, speak("en"), LOOK, THEME)
    assert html.count("None on the previous period (Nov 1\u2009–\u200930, 2026)") == 2


@pytest.mark.parametrize(("now", "change"), [(1000, "0\xa0%"), (996, "0\xa0%"), (1005, "+1\xa0%")])
def test_a_tiny_change_has_no_sign(now: int, change: str) -> None:
    figures = sample_figures()
    figures["previous"]["views"], figures["views"] = 1000, now
    html = render_html(figures, speak("fr"), LOOK, THEME)
    assert f'class="change">{change} par rapport à la période précédente' in html


def test_the_missing_addresses_name_the_page_linking_to_them() -> None:
    html = render_html(sample_figures(), speak("en"), LOOK, THEME)
    assert "58 requests in all for addresses that lead nowhere." in html
    rows = re.findall(r'<tr><th scope="row"><code>/(?:wp|pain)[^\n]*</tr>', html)
    assert rows == [
        '<tr><th scope="row"><code>/wp-login.php</code></th><td></td><td class="num">51</td></tr>',
        '<tr><th scope="row"><code>/pain-au-levain</code></th>'
        '<td><code>/tutoriels/brioche-vendeenne/</code></td><td class="num">7</td></tr>',
    ]
    assert "<li>12 other requests from browsers (forms sent…), left out</li>" in html


def test_empty_lists_say_so_rather_than_draw_empty_tables() -> None:
    figures = sample_figures()
    for key in ("pages", "referrers", "embeds", "not_found", "browsers", "days"):
        figures[key] = []
    figures["feeds"] = {"subscribers": 0, "by_reader": {}, "by_feed": {}, "days": []}
    figures["statuses"] = {}
    html = render_html(figures, speak("en"), LOOK, THEME)
    assert "<svg" not in html and "<table" not in html
    assert "No visit came from another site over the period." in html
    assert "No page was read over the period." in html
    assert "0 subscribers to the feeds." in html


@pytest.mark.parametrize("code", ["fr", "en"])
def test_hostile_log_strings_stay_text(code: str) -> None:
    html = render_html(hostile_figures(), speak(code), LOOK, THEME)
    assert "<script" not in html and "<img" not in html
    page = Markup(html)
    assert not {"script", "img", "iframe", "object", "embed", "form"} & set(page.tags)
    assert page.tags.count("link") == 1  # the empty icon, nothing a log line added
    assert not [name for name, _value in page.attributes if name.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "caf\ufffd cr\ufffd\ufffdme" in html
    # The 100 000-character path is cut, in the tables and in the charts.
    assert "a" * 300 not in html and "a" * 298 + "\u2026" in html
    assert len(html) < 200_000


def test_undecodable_bytes_are_replaced_not_fatal(tmp_path: Path) -> None:
    figures = sample_figures()
    figures["pages"][0]["path"] = "/caf\udce9"  # a lone surrogate, as surrogateescape leaves it
    figures["feeds"]["by_reader"]["\udcff"] = 1
    write_report(tmp_path, figures, speak("fr"), LOOK, THEME)
    assert "/caf\ufffd" in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert (
        "\ufffd"
        in json.loads((tmp_path / "stats.json").read_text(encoding="utf-8"))["feeds"]["by_reader"]
    )


def test_nothing_is_fetched_from_anywhere() -> None:
    html = render_html(sample_figures(), speak("fr"), LOOK, THEME)
    assert "http://" not in html and "https://" not in html
    assert "@import" not in html and "url(" not in html
    page = Markup(render_html(hostile_figures(), speak("fr"), LOOK, THEME))
    assert not [name for name, _value in page.attributes if name in ("src", "srcset", "action")]
    # Anchors within the page, and the empty icon that stops a favicon request.
    hrefs = [value for name, value in page.attributes if name == "href"]
    assert all(href.startswith("#") or href == "data:," for href in hrefs)
    assert page.tags.count("style") == 1


def test_brand_colours_are_checked_before_reaching_css() -> None:
    with pytest.raises(ValueError, match="primary"):
        palette(Look(name="x", primary="red}</style><script>"))


# --- stats.json and the files ------------------------------------------------


def test_write_report_writes_both_files_readable_by_all(tmp_path: Path) -> None:
    figures = sample_figures()
    folder = tmp_path / "rapport"
    (folder).mkdir()
    (folder / "index.html").write_text("old", encoding="utf-8")
    written = write_report(folder, figures, speak("fr"), LOOK, THEME)
    assert written == [folder / "index.html", folder / "stats.json"]
    assert sorted(p.name for p in folder.iterdir()) == ["index.html", "stats.json"]
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert (folder / "index.html").read_text(encoding="utf-8") == render_html(
        figures, speak("fr"), LOOK, THEME
    )
    text = (folder / "stats.json").read_text(encoding="utf-8")
    assert json.loads(text) == figures
    assert tuple(json.loads(text)) == FIGURES_KEYS
    # Two-space indents, UTF-8 as it reads (no \u escapes), a final newline.
    assert text.startswith('{\n  "site": "www.lesdeuxepis.example",\n  "period": {\n')
    assert text.endswith("}\n") and "\\u" not in text and "vendéenne" in text


def test_stats_json_orders_keys_whatever_the_dict_order() -> None:
    figures = sample_figures()
    shuffled = {key: figures[key] for key in reversed(FIGURES_KEYS)}
    assert stats_json(shuffled) == stats_json(figures)
    assert tuple(json.loads(stats_json(shuffled))) == FIGURES_KEYS


def test_the_same_figures_make_the_same_bytes() -> None:
    figures = sample_figures()
    first = render_html(figures, speak("fr"), LOOK, THEME)
    assert render_html(copy.deepcopy(figures), speak("fr"), LOOK, THEME) == first


# --- The charts -------------------------------------------------------------


def test_one_bar_a_row_and_no_chart_without_rows() -> None:
    rows = [("/", 10.0), ("/a/", 5.0), ("/b/", 0.0)]
    svg = charts.bars(rows, label="Top")
    assert svg.count('<rect class="bar"') == len(rows)
    assert svg.startswith('<svg class="chart chart-bars" role="img" aria-labelledby="')
    assert charts.bars([], label="Top") == ""
    assert charts.line([], label="Days") == ""


def test_the_longest_bar_fills_the_width_and_odd_values_draw_as_zero() -> None:
    svg = charts.bars([("a", 4), ("b", 2), ("c", -3), ("d", float("nan"))], label="x")
    widths = [float(w) for w in re.findall(r'class="bar"[^>]* width="([\d.]+)"', svg)]
    assert widths == [
        charts.WIDTH - charts.VALUE_ROOM,
        (charts.WIDTH - charts.VALUE_ROOM) / 2,
        0,
        0,
    ]
    assert charts.bars([("a", 0)], label="x").count('width="0.0"') == 1


def test_chart_texts_are_escaped() -> None:
    hostile = '"><img src=x onerror=alert(1)><script>alert(1)</script>'
    for svg in (
        charts.bars([(hostile, 1)], label=hostile),
        charts.line([(hostile, 1), (hostile, 2)], label=hostile),
    ):
        assert "<img" not in svg and "<script" not in svg
        assert not [n for n, _v in Markup(svg).attributes if n.startswith("on") or n == "src"]
        assert "&lt;script&gt;" in svg  # the title; a day's label is cut shorter


def test_charts_are_deterministic_and_titled() -> None:
    points = [(f"{n} déc.", n * 3.0) for n in range(1, 32)]
    svg = charts.line(points, label="Vues par jour")
    assert svg == charts.line(points, label="Vues par jour")
    ident = re.search(r'aria-labelledby="([^"]+)"', svg).group(1)
    assert f'<title id="{ident}">Vues par jour</title>' in svg
    assert ident != re.search(
        r'aria-labelledby="([^"]+)"', charts.line(points, label="Autre")
    ).group(1)
    assert 'aria-labelledby="chart-days-title"' in charts.line(
        points, label="x", ident="chart-days"
    )
    assert svg.count("<circle") == 31 and "viewBox=" in svg
    assert charts.line([("1 déc.", 5)], label="x").count("<circle") == 1


# --- In a browser ------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_report_is_accessible_and_self_contained(
    tmp_path: Path, serve: Any, new_visit: Any, scheme: str
) -> None:
    write_report(tmp_path, hostile_figures(), speak("fr"), LOOK, THEME)
    url = serve(tmp_path) + "/index.html"
    # Read without JavaScript, as it is meant to be; axe needs it (with it
    # off, Chromium runs no timer and axe.run never ends), and the page has
    # no script for it to change anything.
    with new_visit(java_script_enabled=False, color_scheme=scheme) as visit:
        asked: list[str] = []
        visit.page.on("request", lambda request: asked.append(request.url))
        response = visit.page.goto(url, wait_until="load")
        assert response is not None and response.status == 200
        assert "Les Deux Épis" in visit.page.locator("h1").inner_text()
        assert visit.page.locator("table").count() == 10
        assert visit.page.locator("svg[role=img]").count() == 5
        assert asked == [url] and visit.elsewhere == []
    with new_visit(color_scheme=scheme) as visit:
        visit.page.goto(url, wait_until="load")
        assert visit.axe() == []
        assert visit.errors == [] and visit.elsewhere == []
