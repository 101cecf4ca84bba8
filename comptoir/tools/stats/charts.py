"""The report's two charts, drawn as inline SVG by our own code.

Labels come from the logs (paths, referrer hosts, agents): whoever sent a
request chose them, so every text is escaped, and clipped, since SVG text
does not wrap. Colours are the page's CSS custom properties (attributes say
``currentColor`` as a fallback), so dark mode and print restyle the charts;
a ``viewBox`` lets them scale to the column. No randomness: the same figures
draw the same bytes.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable
from html import escape

WIDTH = 640
# Bars: a label line above each bar, its value after it.
ROW = 40
BAR = 16
VALUE_ROOM = 72  # right of the longest bar, for its value
LABEL_CHARS = 80
# Line: the plot area inside the margins (left holds the y-axis values).
HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 32
STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)  # times a power of ten
DOTS_UP_TO = 62  # a dot on each point for two months or less; beyond, just the line
_IDENT = re.compile(r"[^a-z0-9-]+")


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis saying it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def plain(value: float) -> str:
    """A number as the charts write it when no language formats it."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _ident(label: str, ident: str | None) -> str:
    # An id from the label when none is given: stable across runs, and safe
    # in an attribute whatever the label holds.
    if ident:
        return _IDENT.sub("-", ident.lower()).strip("-") or "chart"
    return "chart-" + hashlib.sha256(label.encode("utf-8", "replace")).hexdigest()[:10]


def _value(value: float) -> float:
    """A value fit to draw: negative, NaN or infinite ones draw as 0."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) and number > 0 else 0.0


def _open(ident: str, label: str, height: int, kind: str) -> list[str]:
    # No xmlns: the HTML parser puts an inline <svg> in its namespace.
    return [
        f'<svg class="chart chart-{kind}" role="img" aria-labelledby="{ident}-title"'
        f' viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}">',
        f'<title id="{ident}-title">{escape(label)}</title>',
    ]


def _nice(top: float) -> float:
    """The first round number at or above ``top``: the y-axis' end (a finer
    scale than 1-2-5, so a peak of 113 ends at 120, not 200)."""
    if top <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(top))
    return next(step * power for step in STEPS if step * power >= top)


def bars(
    rows: list[tuple[str, float]],
    *,
    label: str,
    ident: str | None = None,
    number: Callable[[float], str] = plain,
) -> str:
    """Horizontal bars, one per ``(label, value)`` row, in the rows' order, as
    an ``<svg role="img">`` titled ``label``; ``""`` when there are no rows.
    ``number`` writes the values (the report passes ``Language.number``)."""
    if not rows:
        return ""
    ident = _ident(label, ident)
    values = [_value(value) for _name, value in rows]
    top = max(values) or 1.0
    room = WIDTH - VALUE_ROOM
    height = ROW * len(rows) + 4
    out = _open(ident, label, height, "bars")
    for index, ((name, raw), value) in enumerate(zip(rows, values, strict=True)):
        y = index * ROW
        width = round(room * value / top, 1)
        out += [
            f'<text class="chart-label" x="0" y="{y + 14}" fill="currentColor">'
            f"{escape(clip(str(name), LABEL_CHARS))}</text>",
            f'<rect class="bar" x="0" y="{y + 20}" width="{width}" height="{BAR}"'
            ' rx="2" fill="currentColor"/>',
            f'<text class="chart-value" x="{width + 6}" y="{y + 33}" fill="currentColor">'
            f"{escape(number(raw))}</text>",
        ]
    out.append("</svg>")
    return "\n".join(out)


def line(
    points: list[tuple[str, float]],
    *,
    label: str,
    ident: str | None = None,
    number: Callable[[float], str] = plain,
) -> str:
    """A series over days, ``(day label, value)`` in time order, as a line
    with its area, the y-axis at 0, half and a round top, and the first,
    middle and last day labels; ``""`` when there are no points."""
    if not points:
        return ""
    ident = _ident(label, ident)
    values = [_value(value) for _day, value in points]
    top = _nice(max(values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    bottom = TOP + plot_h
    step = plot_w / (len(points) - 1) if len(points) > 1 else 0.0

    def x(index: int) -> float:
        # A single point sits in the middle rather than on the axis.
        return round(LEFT + (index * step if len(points) > 1 else plot_w / 2), 1)

    def y(value: float) -> float:
        return round(bottom - plot_h * value / top, 1)

    out = _open(ident, label, HEIGHT, "line")
    for level in (0.0, top / 2, top):
        out += [
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(level)}"'
            f' y2="{y(level)}" stroke="currentColor" stroke-opacity="0.25"/>',
            f'<text class="chart-value" x="{LEFT - 8}" y="{y(level) + 4}"'
            f' text-anchor="end" fill="currentColor">{escape(number(level))}</text>',
        ]
    coordinates = " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(values))
    if len(points) > 1:
        area = f"{x(0)},{bottom} {coordinates} {x(len(points) - 1)},{bottom}"
        out += [
            f'<polygon class="area" points="{area}" fill="currentColor" fill-opacity="0.12"/>',
            f'<polyline class="trace" points="{coordinates}" fill="none"'
            ' stroke="currentColor" stroke-width="2.5" stroke-linejoin="round"/>',
        ]
    if len(points) <= DOTS_UP_TO:
        out += [
            f'<circle class="dot" cx="{x(i)}" cy="{y(v)}" r="3" fill="currentColor"/>'
            for i, v in enumerate(values)
        ]
    ticks = sorted({0, (len(points) - 1) // 2, len(points) - 1})
    anchors = {0: "start", len(points) - 1: "end"} if len(points) > 1 else {}
    for index in ticks:
        out.append(
            f'<text class="chart-label" x="{x(index)}" y="{HEIGHT - 8}"'
            f' text-anchor="{anchors.get(index, "middle")}" fill="currentColor">'
            f"{escape(clip(str(points[index][0]), 24))}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)
