"""A small SVG of the site bench: for each corpus size, Comptoir's time as
a share of stock Pelican's (the line at 1), cold, warm, after an edit, and
cold without share cards and search."""

from __future__ import annotations

from html import escape
from typing import Any

from .site import MEASURES

COLOURS = {"cold": "#8a3b12", "warm": "#d08a3c", "edit": "#4f6d7a", "cold_lean": "#c47a5a"}
BAR, GAP, LEFT, WIDTH = 14, 10, 120, 420


def chart(results: list[dict[str, Any]]) -> str:
    """The SVG text (self-contained, no script, readable without colour:
    each bar carries its figure)."""
    top = max([1.0] + [r["measures"][m]["ratio"] for r in results for m in MEASURES])
    scale = WIDTH / (top * 1.1)
    height = 40 + len(results) * (len(MEASURES) * (BAR + 4) + GAP * 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{LEFT + WIDTH + 110}" height="{height}" '
        'font-family="system-ui, sans-serif" font-size="12" role="img" '
        'aria-label="Comptoir build time as a share of stock Pelican">',
        "<title>Comptoir build time as a share of stock Pelican (1 = the same)</title>",
    ]
    y = 30
    for result in results:
        parts.append(
            f'<text x="4" y="{y + BAR}" font-weight="600">{result["stories"]} stories</text>'
        )
        for measure in MEASURES:
            value = result["measures"][measure]["ratio"]
            width = max(1.0, value * scale)
            parts.append(
                f'<rect x="{LEFT}" y="{y}" width="{width:.1f}" height="{BAR}" '
                f'fill="{COLOURS[measure]}"/>'
                f'<text x="{LEFT + width + 4:.1f}" y="{y + BAR - 3}">{escape(measure)} ×{value}</text>'
            )
            y += BAR + 4
        y += GAP * 2
    one = LEFT + scale
    parts.append(
        f'<line x1="{one:.1f}" y1="20" x2="{one:.1f}" y2="{height - 6}" stroke="#222" '
        'stroke-dasharray="4 3"/>'
        f'<text x="{one + 4:.1f}" y="14">stock Pelican = 1</text></svg>'
    )
    return "\n".join(parts) + "\n"
