"""What would make a feed break, found before anything is written, told
once on the file it comes from (not once per feed it is in): a character
XML cannot hold (a control character pasted from a word processor), which
lxml would raise on while writing, without saying where. (Two files without
``Id`` sharing a date get distinct ids: comptoir.plugins.content.ids.)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .items import Item

if TYPE_CHECKING:
    from comptoir.core.build import Build

# What XML 1.0 cannot hold: C0 controls but tab and line breaks, surrogates, U+FFFE/F.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def unfit_text(item: Item) -> tuple[str | None, str] | None:
    """``(key, "U+000B")`` for the first character XML cannot carry (key None:
    the body), else None."""
    fields = [(item.title_key, item.title), (None, item.html), ("summary", item.summary)]
    fields += [("author", " ".join(item.authors)), ("tags", " ".join(item.tags))]
    for key, value in fields:
        found = NOT_XML.search(value)
        if found:
            return key, f"U+{ord(found.group()):04X}"
    return None


def _line_of(item: Item, key: str | None, char: str) -> int | None:
    """The line of ``key`` in the header, else of the character in the file."""
    if key in item.lines:
        return item.lines[key]
    try:
        text = Path(item.source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    at = text.find(chr(int(char.removeprefix("U+"), 16)))
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def fit_items(build: Build, items: list[Item]) -> list[Item]:
    """``items`` without those a feed cannot carry, each reported (an error:
    the build fails and the previous site stays)."""
    report = build.report
    kept: list[Item] = []
    for item in items:
        found = unfit_text(item)
        if found is None:
            kept.append(item)
            continue
        key, char = found
        message = build.gettext(
            "This text holds an invisible character that feeds cannot carry (%(char)s): "
            "delete it (retype the words around it if your editor does not show it).",
            char=char,
        )
        report.add(item.source, message, line=_line_of(item, key, char), key=key)
    return kept
