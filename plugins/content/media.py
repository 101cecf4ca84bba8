"""The size an SVG declares, for width/height attributes (Pillow cannot read SVG)."""

from __future__ import annotations

import re


def svg_size(path: str) -> tuple[int, int] | None:
    """The size an SVG declares in its viewBox (enough for width/height)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(2000)
    except OSError:
        return None
    box = re.search(r'viewBox="\s*[\d.-]+[ ,]+[\d.-]+[ ,]+([\d.]+)[ ,]+([\d.]+)', head)
    return (round(float(box.group(1))), round(float(box.group(2)))) if box else None
