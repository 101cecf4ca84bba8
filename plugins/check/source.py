"""Where a finding is in the owner's file: the line of a key, a link, a heading.

Findings about a page's HTML are found in memory (the content Pelican made),
but the owner fixes the Markdown: this maps what was found back to a line of
the file as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from comptoir.plugins.content.header import FENCE, lines_of

_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<src>[^)\s>]+)")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_CODE_FENCE = re.compile(r"^ {0,3}(```|~~~)")


@dataclass
class Source:
    """One Markdown file's lines, read once per check."""

    path: str
    lines: list[str] = field(default_factory=list)
    body: int = 1  # 1-based number of the body's first line

    @classmethod
    def read(cls, path: str) -> Source:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return cls(path)
        lines = lines_of(text)
        return cls(path, lines, _body_start(lines))

    def find(self, needle: str) -> int | None:
        """The first body line holding ``needle`` (then any line), or None."""
        if not needle:
            return None
        for number in [*range(self.body, len(self.lines) + 1), *range(1, self.body)]:
            if needle in self.lines[number - 1]:
                return number
        return None

    def image(self, line: int | None, stem: str) -> str | None:
        """The image reference written on ``line`` that names ``stem``."""
        if line is None:
            return None
        for match in _IMAGE.finditer(self.lines[line - 1]):
            if stem in match.group("src"):
                return match.group("src")
        return None

    def headings(self) -> list[tuple[int, int]]:
        """(line, level) of each ``#`` heading of the body, code blocks left out."""
        found, in_code = [], False
        for number in range(self.body, len(self.lines) + 1):
            line = self.lines[number - 1]
            if _CODE_FENCE.match(line):
                in_code = not in_code
                continue
            match = None if in_code else _ATX.match(line)
            if match:
                found.append((number, len(match.group(1))))
        return found


def _body_start(lines: list[str]) -> int:
    """The line after the ``Key: value`` header and the blank line ending it."""
    start = 1 if lines and FENCE.match(lines[0]) and lines[0].startswith("---") else 0
    for index in range(start, len(lines)):
        if not lines[index].strip() or (index > start and FENCE.match(lines[index])):
            return index + 2
    return len(lines) + 1
