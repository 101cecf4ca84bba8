"""Cover and photo information for templates: path, size, alt text.

A stand-in until the images plugin makes responsive versions: templates
need width and height (no layout shift) and the alt text in one place.
"""

from __future__ import annotations

import os
import re
from typing import Any

from PIL import Image


def image_info(settings: dict[str, Any], path: str, alt: str) -> dict[str, Any] | None:
    src = path.strip().removeprefix("{static}").lstrip("/")
    full = os.path.join(settings["PATH"], src)
    if not os.path.isfile(full):
        return None
    width, height = image_size(full) or (None, None)
    return {"src": src, "width": width, "height": height, "alt": alt or ""}


def svg_size(path: str) -> tuple[int, int] | None:
    """The size an SVG declares in its viewBox (enough for width/height)."""
    with open(path, encoding="utf-8") as handle:
        head = handle.read(2000)
    box = re.search(r'viewBox="\s*[\d.-]+[ ,]+[\d.-]+[ ,]+([\d.]+)[ ,]+([\d.]+)', head)
    return (round(float(box.group(1))), round(float(box.group(2)))) if box else None


def image_size(path: str) -> tuple[int, int] | None:
    if path.endswith(".svg"):
        return svg_size(path)
    with Image.open(path) as image:
        return image.size


def on_content_init(content: Any) -> None:
    """``content.cover`` (stories, tutorials, pages) and ``content.photo_info``."""
    for key, alt_key, target in (
        ("image", "image_alt", "cover"),
        ("photo", "photo_alt", "photo_info"),
    ):
        value = getattr(content, key, None)
        if isinstance(value, str) and value:
            setattr(
                content, target, image_info(content.settings, value, getattr(content, alt_key, ""))
            )
