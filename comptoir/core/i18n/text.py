"""Text out of HTML, as readers and search engines see it."""

from __future__ import annotations

import html
import re
from typing import Any

_MARKUP = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_SPACES = re.compile(r"[ \t\n\r\f]+")


def plain_text(fragment: Any) -> str:
    """The text of an HTML fragment (a Summary): for JSON-LD, and as the
    theme's ``striptags`` (meta descriptions, cards, embed code).

    Tags and comments go and entities are decoded (JSON is not HTML: an
    entity left in would reach search engines as those very characters; in a
    template, autoescaping encodes the text again). Only ASCII white space is
    collapsed: the no-break spaces of French typography are part of the text,
    where Jinja's own striptags turns them into plain spaces.
    """
    text = _SPACES.sub(" ", _MARKUP.sub("", str(fragment or "")))
    return html.unescape(text).strip()
