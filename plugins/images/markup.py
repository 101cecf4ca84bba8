"""How an image is written in HTML: a ``<picture>`` with a modern source and
a fallback ``<img>`` carrying width, height, srcset and sizes.

:func:`view` gives templates a plain dict; :func:`picture` builds the same
markup as an ElementTree for Markdown images.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from .plan import MIME, Plan

# The width a browser without srcset support gets: light, still sharp enough.
DEFAULT_WIDTH = 800
BODY_SIZES = "(min-width: 44rem) 42rem, 100vw"


def srcset(plan: Plan, fmt: str, url: Callable[[str], str]) -> str:
    return ", ".join(f"{url(d.name)} {d.width}w" for d in plan.of(fmt))


def view(plan: Plan, alt: str, url: Callable[[str], str]) -> dict[str, Any]:
    """What a template needs to write the image."""
    fallback = plan.formats[-1]
    candidates = plan.of(fallback)
    default = next((d for d in candidates if d.width >= DEFAULT_WIDTH), candidates[-1])
    return {
        "src": url(default.name),
        # The largest fallback: what social networks should fetch (og:image).
        "full": url(candidates[-1].name),
        "width": plan.width,
        "height": plan.height,
        "alt": alt or "",
        "srcset": srcset(plan, fallback, url) if len(candidates) > 1 else "",
        "sources": [
            {"type": MIME[fmt], "srcset": srcset(plan, fmt, url)} for fmt in plan.formats[:-1]
        ],
    }


def svg_view(src: str, size: tuple[int, int] | None, alt: str) -> dict[str, Any]:
    width, height = size or (None, None)
    return {
        "src": src,
        "full": src,
        "width": width,
        "height": height,
        "alt": alt or "",
        "srcset": "",
        "sources": [],
    }


def picture(
    image: dict[str, Any], sizes: str, lazy: bool = True, attrs: dict[str, str] | None = None
) -> ET.Element:
    """``<picture><source …><img …></picture>`` (or a bare ``<img>`` for SVG)."""
    img = ET.Element("img", {k: v for k, v in (attrs or {}).items() if k not in ("src", "alt")})
    img.set("src", image["src"])
    img.set("alt", image["alt"])
    if image["width"]:
        img.set("width", str(image["width"]))
        img.set("height", str(image["height"]))
    if image["srcset"]:
        img.set("srcset", image["srcset"])
        img.set("sizes", sizes)
    if lazy:
        img.set("loading", "lazy")
    img.set("decoding", "async")
    if not image["sources"]:
        return img
    element = ET.Element("picture")
    for source in image["sources"]:
        ET.SubElement(
            element, "source", {"type": source["type"], "srcset": source["srcset"], "sizes": sizes}
        )
    element.append(img)
    return element
