"""Bounds on one Markdown file, checked before Python-Markdown sees it.

Python-Markdown recurses once per nesting level of lists and quotes (about
300 levels overflow Python's stack, after seconds of work) and scans to the
end of the paragraph for each open bracket (20,000 of them take minutes).
No hand-written page comes near these bounds; a file that does is refused
with its line, so one bad file cannot hang or crash the build.
"""

from __future__ import annotations

import os
import re
from typing import Any

from comptoir.core.i18n import N_
from comptoir.core.settings import whole_number

MAX_NESTING = 40  # lists/quotes inside each other; measured overflow: ~300
MAX_OPEN = 20  # "[" or "(" open at once in one paragraph (each costs a scan of it)

# The containers a line opens: indentation (4 columns a level) and markers
# ("-", "*", "+", "1.", ">") at its start.
_PREFIX = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]*)*")
_MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]")

TOO_BIG = N_(
    "This file is %(size)d kB, more than the %(limit)d kB allowed (CONTENT_MAX_BYTES): "
    "split it into several pages, or raise CONTENT_MAX_BYTES in pelicanconf.py."
)
TOO_DEEP = N_(
    "Lists or quotes are nested more than %(limit)d levels deep here: "
    "Markdown cannot read that; put fewer levels inside each other."
)
TOO_OPEN = N_(
    "More than %(limit)d brackets are open at once here: Markdown would take minutes on it; "
    "close them, or write \\[ and \\( for brackets meant as text."
)


def check_size(path: str, settings: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """Refuse a file over CONTENT_MAX_BYTES (asked of the file system, unread)."""
    limit = settings.get("CONTENT_MAX_BYTES", 1_000_000)
    size = os.path.getsize(path)
    if size <= limit:
        return None
    return TOO_BIG, {"size": -(-size // 1000), "limit": limit // 1000}


def _depth(line: str) -> int:
    prefix = _PREFIX.match(line).group(0)  # type: ignore[union-attr]
    indent = len(prefix) - len(prefix.lstrip(" \t"))
    columns = len(prefix[:indent].expandtabs(4))
    return columns // 4 + len(_MARKER.findall(prefix[indent:]))


def check_nesting(text: str) -> tuple[int, str, dict[str, Any]] | None:
    """The first line nested too deep or with too many open brackets:
    (line, msgid, values), or None."""
    opened = 0  # "[" and "(" open in the current paragraph
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            opened = 0
            continue
        if _depth(line) > MAX_NESTING:
            return number, TOO_DEEP, {"limit": MAX_NESTING}
        if "[" not in line and "(" not in line:
            continue
        escaped = False
        for char in line:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in "[(":
                opened += 1
                if opened > MAX_OPEN:
                    return number, TOO_OPEN, {"limit": MAX_OPEN}
            elif char in "])" and opened:
                opened -= 1
    return None


def check_max_bytes(value: Any, settings: dict[str, Any]) -> str | None:
    if whole_number(value, 1000):
        return None
    return N_("Write a size in bytes, at least 1000, like 1000000 (1 MB).")
