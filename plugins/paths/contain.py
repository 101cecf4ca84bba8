"""Where a ``{static}``, ``{attach}`` or ``{filename}`` reference leads.

Pelican joins such a path to content/ (or to the linking file's folder) and
copies what it finds to the same place under the output folder, so
``{static}/../x`` reads a file beside content/ and writes beside the output.
Each reading Pelican may try (as written, URL-decoded, HTML-unescaped) is
resolved here the same way, symlinks included; if any leads outside
content/, the reference is refused.
"""

from __future__ import annotations

import os
import re
from html import unescape
from typing import Any
from urllib.parse import unquote, urlparse

from comptoir.core.i18n import N_

KINDS = ("static", "attach", "filename")
OUTSIDE = N_(
    "“%(value)s” leads outside the content/ folder: only files in content/ can be published."
)


def inside(folder: str, path: str) -> bool:
    """Whether ``path`` (already resolved) is ``folder`` or under it."""
    try:
        return os.path.commonpath([folder, path]) == folder
    except ValueError:  # another drive, or a relative path
        return False


def reference_regex(settings: dict[str, Any]) -> re.Pattern[str]:
    """An attribute value Pelican would treat as an intrasite link."""
    return re.compile(rf"^{settings['INTRASITE_LINK_REGEX']}(?P<value>.*)$", re.S)


def _readings(value: str) -> set[str]:
    """Every path Pelican (or a browser) could read in ``value``."""
    paths = set()
    for text in {value, unescape(value)}:
        for path in {urlparse(text).path, re.split(r"[?#]", text)[0]}:
            paths |= {path, unquote(path), unquote(unquote(path))}
    return paths


def escapes(value: str, source_path: str, content_path: str) -> bool:
    """Whether the path part of a reference, written in ``source_path``,
    leads anywhere but inside ``content_path`` once symlinks are resolved."""
    root = os.path.realpath(content_path)
    folder = os.path.dirname(os.path.abspath(source_path))
    for path in _readings(value):
        if path.startswith("/"):
            # Pelican drops one slash; "//etc/passwd" stays absolute.
            full = os.path.join(os.path.abspath(content_path), path[1:])
        else:
            full = os.path.join(folder, path)
        try:
            if not inside(root, os.path.realpath(full)):
                return True
        except (ValueError, OSError):  # a NUL byte, a loop of links
            return True
    return False


def line_of(text: str, value: str) -> int | None:
    """The first line of ``text`` that holds ``value`` (as written or unescaped)."""
    for needle in (value, unescape(value)):
        at = text.find(needle) if needle else -1
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return None


def line_in_file(path: str | None, value: str) -> int | None:
    """:func:`line_of` in the file at ``path`` (None if it cannot be read)."""
    try:
        with open(path or "", encoding="utf-8-sig") as handle:
            return line_of(handle.read(), value)
    except (OSError, UnicodeDecodeError):
        return None
