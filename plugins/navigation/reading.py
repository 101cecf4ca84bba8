"""Reading time, counted on the words a reader sees (not on the HTML)."""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser

WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_HIDDEN = frozenset({"script", "style", "template"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)


def word_count(html: str) -> int:
    return len(WORD.findall(visible_text(html)))


def reading_minutes(html: str, words_per_minute: int) -> int:
    """Whole minutes, at least one."""
    return max(1, math.ceil(word_count(html) / words_per_minute))
