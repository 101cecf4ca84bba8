"""Write the statistics report: ``index.html``, one self-contained page, and
``stats.json``, the figures it was drawn from.

The theme's ``stats/report.html`` lays the page out; this module hands it
the figures as they are plus what a template should not work out: dates
read and written in the reader's language, periods, changes, the charts'
rows. Every string from the logs reaches the page through Jinja's
autoescape or :mod:`.charts`' own escaping, never as markup.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from babel.dates import format_interval, format_skeleton
from babel.numbers import format_percent
from jinja2 import Environment
from markupsafe import Markup

from comptoir.core.artefacts import PUBLIC, atomic_write
from comptoir.core.i18n import Language
from comptoir.core.i18n.jinja import document_environment
from comptoir.plugins.business.brand import (
    DARK_BACKGROUND,
    DARK_TEXT,
    is_colour,
    mix,
    readable_on,
)

from . import charts
from .model import FIGURES_KEYS, Look

TEMPLATE = "stats/report.html"
TOP_PAGES = 10  # bars drawn; the table lists them all
CLIP = 300  # characters of a path or a name shown (a log line can hold 100 000)
# Dates, counts in the footer: the text faded 25 % towards the background.
MUTED = 0.25
# Table stripes and the summary's cards: the background with a hint of the accent.
TINT = 0.05
# A lone surrogate (bytes a log could not decode) cannot be written as UTF-8.
_UNPAIRED = re.compile("[\ud800-\udfff]")
# Control characters are parse errors in HTML; tab and newline are not.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def palette(look: Look) -> dict[str, str]:
    """The page's colours, light and dark, from the site's brand colours, each
    text colour moved just enough to read (WCAG AA) on its background.

    Raises :class:`ValueError` if a brand colour is not ``#rgb``/``#rrggbb``:
    they are written into CSS, where anything else has no business.
    """
    for name in ("primary", "on_primary", "background", "text"):
        if not is_colour(getattr(look, name)):
            raise ValueError(f"colour {name} is not #rrggbb: {getattr(look, name)!r}")
    colours = {}
    for prefix, background, text in (
        ("", look.background, look.text),
        ("dark_", DARK_BACKGROUND, DARK_TEXT),
    ):
        accent = readable_on(look.primary, background)
        colours |= {
            f"{prefix}background": background,
            f"{prefix}text": readable_on(text, background),
            f"{prefix}muted": readable_on(mix(text, background, MUTED), background),
            f"{prefix}accent": accent,
            f"{prefix}tint": mix(background, accent, TINT),
            f"{prefix}line": mix(text, background, 0.8),
        }
    return colours


def environment(theme: Path, language: Language) -> Environment:
    """A Jinja environment on the theme's templates, speaking ``language``,
    with the charts and the number and date filters the report uses."""
    env = document_environment(theme, language)
    env.globals.update(
        # The charts escape their own texts: their SVG is markup as it stands.
        bars=lambda rows, **kw: Markup(charts.bars(rows, number=language.number, **kw)),
        line=lambda points, **kw: Markup(charts.line(points, number=language.number, **kw)),
    )
    env.filters.update(
        number=language.number,
        percent=lambda value: format_percent(value, locale=language.locale),
        day=lambda value: language.date(dt.date.fromisoformat(value), "full"),
        clip=lambda value: charts.clip(str(value), CLIP),
    )
    return env


def _period(span: dict[str, Any], language: Language) -> str:
    """``1–30 nov. 2026``: a period as its language writes a span of days."""
    start, end = (dt.date.fromisoformat(span[key]) for key in ("start", "end"))
    return format_interval(start, end, "yMMMd", locale=language.locale)


def _change(now: int, before: int, language: Language) -> str | None:
    """``+12 %``, ``-5 %``, ``0 %``; None when there was nothing before."""
    if not before:
        return None
    # Rounded first: a fall of 0.4 % says "0 %", not "-0 %".
    ratio = round((now - before) / before, 2) or 0.0
    text = format_percent(ratio, locale=language.locale)
    return f"+{text}" if ratio > 0 else text


def _series(days: list[dict[str, Any]], key: str, language: Language) -> list[tuple[str, float]]:
    """A day series as the line chart takes it: a short date, a value."""
    return [
        (
            format_skeleton("MMMd", dt.date.fromisoformat(day["date"]), locale=language.locale),
            day[key],
        )
        for day in days
    ]


def _by_count(counts: dict[str, int]) -> list[tuple[str, int]]:
    """``{name: n}`` as rows, most first, then by name (a stable order)."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _pairs(rows: list[dict[str, Any]], name: str, count: str) -> list[tuple[str, int]]:
    """Rows of the figures as ``(name, count)`` pairs, in their order."""
    return [(row[name], row[count]) for row in rows]


def _embeds_by_site(rows: list[dict[str, Any]]) -> dict[str, int]:
    """The embeds' views summed by the site showing them."""
    sites: dict[str, int] = {}
    for row in rows:
        sites[row["site"]] = sites.get(row["site"], 0) + row["views"]
    return sites


def _status_order(code: str) -> tuple[bool, str]:
    return (not code.isdigit(), code.zfill(3))


def render_html(figures: dict, language: Language, look: Look, theme: Path) -> str:
    """The report page for ``figures``, in ``language``, in ``look``'s colours,
    drawn by ``theme``'s ``stats/report.html``: one file, nothing fetched."""
    previous = figures["previous"]
    feeds = figures["feeds"]
    statuses = sorted(figures["statuses"].items(), key=lambda item: _status_order(item[0]))
    view = {
        "period": _period(figures["period"], language),
        "previous": _period(previous, language) if previous else None,
        "changes": {
            key: _change(figures[key], previous[key], language) if previous else None
            for key in ("views", "visitors")
        },
        "readers": _by_count(feeds["by_reader"]),
        "feeds": _by_count(feeds["by_feed"]),
        "referrers": _pairs(figures["referrers"], "site", "views"),
        "browsers": _pairs(figures["browsers"], "name", "visitors"),
        # (path, hits, the page of the site linking to it or "")
        "not_found": [
            (row["path"], row["hits"], row.get("from") or "") for row in figures["not_found"]
        ],
        "statuses": statuses,
        "requests": sum(count for _code, count in statuses),
        "charts": {
            "days": _series(figures["days"], "views", language),
            "subscribers": _series(feeds["days"], "subscribers", language),
            "pages": _pairs(figures["pages"][:TOP_PAGES], "path", "views"),
            "referrers": _pairs(figures["referrers"][:TOP_PAGES], "site", "views"),
            "embeds": _by_count(_embeds_by_site(figures["embeds"]))[:TOP_PAGES],
        },
    }
    template = environment(theme, language).get_template(TEMPLATE)
    html = template.render(
        figures=figures, view=view, look=look, colours=palette(look), lang=language.code
    )
    return _CONTROL.sub("\ufffd", _UNPAIRED.sub("\ufffd", html))


def stats_json(figures: dict) -> str:
    """``stats.json``'s text: the figures, keys in :data:`FIGURES_KEYS` order
    (any other key after them), as readable UTF-8."""
    ordered = {key: figures[key] for key in FIGURES_KEYS}
    ordered |= {key: value for key, value in figures.items() if key not in ordered}
    return _UNPAIRED.sub("\ufffd", json.dumps(ordered, ensure_ascii=False, indent=2)) + "\n"


def _write_text(target: Path, text: str) -> None:
    # Counts only, no address: readable like any document of the owner's.
    atomic_write(
        target, lambda temporary: Path(temporary).write_text(text, encoding="utf-8"), PUBLIC
    )


def write_report(
    folder: Path, figures: dict, language: Language, look: Look, theme: Path
) -> list[Path]:
    """Write ``index.html`` and ``stats.json`` into ``folder`` (made if
    missing), each whole or not at all, mode 0644; the paths written."""
    folder = Path(folder)
    # Both drawn before either is written: a bad figure leaves the old report.
    files = {
        folder / "index.html": render_html(figures, language, look, theme),
        folder / "stats.json": stats_json(figures),
    }
    for target, text in files.items():
        _write_text(target, text)
    return list(files)
