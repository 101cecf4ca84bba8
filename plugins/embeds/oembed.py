"""oEmbed documents (https://oembed.com/, type "rich"), written as static
JSON files next to each card, and the iframe markup they carry.

A static file cannot honour ``maxwidth``/``maxheight`` query parameters; the
iframe is fluid (``width: 100%`` up to :data:`WIDTH`), so consumers may
shrink it, and the card reflows.
"""

from __future__ import annotations

import json
import math
from html import escape
from typing import Any

# A common width for rich embeds: fits a blog column, like most providers'.
WIDTH = 560
# What the card may do on a partner's page. Scripts: only to post its height
# (embed-frame.js). Same origin: the frame keeps the site's own origin, so
# the partner's embed.js can check that a height really comes from the site
# (a sandbox without it makes the origin "null", which any sandboxed frame
# shares); it grants nothing over the partner's page, which is another
# origin. Top navigation on a click: the backlink (target="_top"). Popups
# escaping the sandbox: a reader opening the link in a new tab gets a normal
# page. No forms, modals, downloads or top navigation without a click.
SANDBOX = (
    "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox "
    "allow-top-navigation-by-user-activation"
)
# How long a consumer may keep a document (seconds): a day, so a corrected
# title reaches partners soon, without a fetch per view.
CACHE_AGE = 86400
# A first height for the frame, before the card reports its own (a consumer
# without embed.js keeps it): the card's layout at WIDTH (templates/embed/
# base.html), in pixels, with text set in lines of about a character's
# width. Measured in Chromium on the example site, within a few pixels.
FOOTER = 69  # the site's logo and the link back, borders included
TEXT = 520  # the text column without a thumbnail
THUMB = 176  # the story's thumbnail beside the text
WIDGET_HEAD = 112  # a widget's heading and footer
WIDGET_STORY = 156  # one story in the latest-stories widget


def _lines(text: str, width: float, char: float) -> int:
    return max(1, math.ceil(len(text) / (width / char)))


def iframe(src: str, title: str, height: int) -> str:
    """The iframe a consumer writes; embed.js builds the same one."""
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" width="{WIDTH}" '
        f'height="{height}" style="width:100%;max-width:{WIDTH}px;border:0" '
        f'loading="lazy" sandbox="{SANDBOX}"></iframe>'
    )


def story_height(title: str, summary: str, image: bool) -> int:
    """Kicker, title (20 px bold) and summary (16 px) beside the thumbnail."""
    width = TEXT - THUMB if image else TEXT
    body = (
        55 + 25 * _lines(title, width, 11.5) + (24 * _lines(summary, width, 8.5) if summary else 0)
    )
    return FOOTER + max(body, 144 if image else 0)


def quote_lines(text: str) -> int:
    """Lines of a quote (17.6 px serif italic, 27 px apart)."""
    return _lines(text, TEXT, 11.5)


def testimonial_height(text: str) -> int:
    return FOOTER + 106 + 27 * quote_lines(text)


def widget_height(items: list[int]) -> int:
    """A widget: its heading and footer, then each entry's own height."""
    return WIDGET_HEAD + sum(items)


def thumbnail(image: dict[str, Any] | None) -> dict[str, Any]:
    """``thumbnail_url``/``_width``/``_height`` from an images-plugin view.

    The view's ``src`` (the mid-size fallback) is found in its ``srcset`` to
    know its width; a single-size image has its own width and height.
    """
    if not image or not image.get("src", "").startswith(("http://", "https://")):
        return {}
    width, height = image.get("width"), image.get("height")
    if not width or not height:
        return {}
    for candidate in filter(None, image.get("srcset", "").split(", ")):
        url, _, size = candidate.rpartition(" ")
        if url == image["src"] and size.endswith("w"):
            used = int(size[:-1])
            return {
                "thumbnail_url": url,
                "thumbnail_width": used,
                "thumbnail_height": max(1, round(height * used / width)),
            }
    return {"thumbnail_url": image["src"], "thumbnail_width": width, "thumbnail_height": height}


def document(
    *,
    title: str,
    author_name: str,
    author_url: str,
    provider_name: str,
    provider_url: str,
    card: str,
    frame_title: str,
    height: int,
    image: dict[str, Any] | None,
) -> str:
    """The oEmbed JSON text of one card."""
    doc: dict[str, Any] = {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "author_name": author_name,
        "author_url": author_url,
        "provider_name": provider_name,
        "provider_url": provider_url,
        "html": iframe(card, frame_title, height),
        "width": WIDTH,
        "height": height,
        "cache_age": CACHE_AGE,
        **thumbnail(image),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
