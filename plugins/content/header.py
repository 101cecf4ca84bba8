"""The ``Key: value`` header of a Markdown file, line by line.

Python-Markdown stops reading the header at the first line it does not
understand and silently turns the rest into body text — so ``Image alt: …``
(a space) or ``Résumé: …`` (an accent) would push ``Status: draft`` into the
story and publish a draft. Scanning the lines ourselves catches that, and
gives every key its line number for messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from comptoir.core.i18n import N_

# The same shapes as markdown.extensions.meta.
KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
MORE_LINE = re.compile(r"^[ ]{4,}(?P<value>.*)")
FENCE = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
# What an owner may have meant as a key: up to three words, then a colon
# ("Image alt:", "Résumé:"). A sentence right under the header is just text.
KEY_LIKE = re.compile(r"^\s*(?P<key>[^\W\d][\w'’-]*(?: [\w'’-]+){0,2})\s*:")


@dataclass
class Header:
    """Where each key is, which keys are empty, and what is wrong."""

    lines: dict[str, int] = field(default_factory=dict)
    empty: set[str] = field(default_factory=set)
    # (line, key, msgid, values)
    problems: list[tuple[int, str | None, str, dict[str, str]]] = field(default_factory=list)


def normal_key(key: str) -> str:
    return key.strip().lower().replace("-", "_")


def lines_of(text: str) -> list[str]:
    """The file's lines as Markdown and editors count them: only line feeds
    (and CR) end a line. ``str.splitlines`` would also break at U+2028 or
    U+0085, which text pasted from a word processor holds inside a value."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def scan_header(text: str) -> Header:
    header = Header()
    rows = lines_of(text)
    start = 1 if rows and FENCE.match(rows[0]) and rows[0].startswith("---") else 0
    for number, line in enumerate(rows[start:], start=start + 1):
        if not line.strip() or FENCE.match(line):
            break
        match = KEY_LINE.match(line)
        if match:
            key = normal_key(match.group("key"))
            if key in header.lines:
                header.problems.append(
                    (
                        number,
                        key,
                        N_("This key is written twice (lines %(first)s and %(second)s): keep one."),
                        {"first": str(header.lines[key]), "second": str(number)},
                    )
                )
                continue
            header.lines[key] = number
            if not match.group("value").strip():
                header.empty.add(key)
            continue
        if MORE_LINE.match(line) and header.lines:
            continue
        written = KEY_LIKE.match(line)
        if header.lines and written:
            # Inside the header, a key Markdown will not read: the rest of
            # the header would silently become text.
            header.problems.append(
                (
                    number,
                    None,
                    N_(
                        "“%(text)s” is not a key Comptoir can read: a key is one word without spaces "
                        "or accents, then a colon (for example Image_alt: …)."
                    ),
                    {"text": written.group("key") + ":"},
                )
            )
        break
    return header
