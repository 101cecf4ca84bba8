"""The logs to read: files and globs (rotated ``.gz`` read as they are,
known by their first bytes), or ``-`` for standard input; each line handed
to its file's parser, streaming, a file at a time.

Bytes that are not UTF-8 become U+FFFD: a log is the world's input, and a
line with junk in its user agent still counts. A file in no known format is
read to its end, every line of it unread; a ``.gz`` cut short (a rotation
caught mid-write) counts up to the cut, and the run goes on.
"""

from __future__ import annotations

import glob
import gzip
import io
import itertools
import sys
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from comptoir.core.i18n import N_, OwnerError

from .formats import SKIP, Parser, detect, parser
from .model import Hit
from .tally import Tally

SNIFF = 20  # lines read to tell a file's format
EXAMPLES = 5  # unread lines shown to the owner
EXCERPT = 120  # characters of each
# What reading a damaged .gz raises part way (gzip.BadGzipFile is an OSError).
READ_ERRORS = (OSError, EOFError, zlib.error)


class LogError(OwnerError):
    """A log named on the command line that cannot be read at all."""


@dataclass
class Unread:
    """The first lines no format could read, as ``file:line: excerpt``; the
    files cut short, as (file, the last line read)."""

    examples: list[str] = field(default_factory=list)
    cut: list[tuple[str, int]] = field(default_factory=list)

    def add(self, name: str, number: int, line: str) -> None:
        """Keep ``line`` (line ``number`` of ``name``) if fewer than
        :data:`EXAMPLES` are kept, as the terminal may show it."""
        if len(self.examples) < EXAMPLES:
            text = printable(line.rstrip("\r\n"), EXCERPT)
            self.examples.append(f"{name}:{number}: {text}")


def printable(text: str, limit: int = 80) -> str:
    """A string from a log, safe for a terminal: cut at ``limit`` characters,
    control characters (a terminal escape in a user agent) escaped, never
    printed as they are; accented letters and the like shown as they are."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def expand(patterns: list[str]) -> list[str]:
    """Each pattern's files, sorted; ``-`` stays. A pattern matching nothing
    is an error naming it."""
    found: list[str] = []
    for pattern in patterns:
        if pattern == "-":
            found.append(pattern)
            continue
        matches = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
        matches = [m for m in matches if Path(m).is_file()]
        if not matches:
            raise LogError(N_("No log file at %(path)s."), path=pattern)
        found.extend(matches)
    return list(dict.fromkeys(found))


def open_text(name: str, stack: ExitStack) -> IO[str]:
    """A log as text, gunzipped if it starts with gzip's magic bytes; closed
    with ``stack``."""
    if name == "-":
        raw: IO[bytes] = sys.stdin.buffer
    else:
        try:
            raw = stack.enter_context(open(name, "rb"))  # noqa: SIM115 (the stack closes it)
        except OSError as error:
            raise LogError(
                N_("%(path)s cannot be read: %(why)s."), path=name, why=error.strerror
            ) from error
    head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
    if head == b"\x1f\x8b":
        raw = gzip.GzipFile(fileobj=raw)  # type: ignore[assignment]
    # Standard input is not ours to close: its wrapper is left to the end.
    text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
    return text if name == "-" else stack.enter_context(text)


def read(
    names: list[str],
    tally: Tally,
    unread: Unread,
    forced: str | None = None,
    stdin: str = "-",
) -> None:
    """Count every line of every log into ``tally`` (which hosts count is
    its scope's). A file cut short counts up to its cut and is noted in
    ``unread.cut``. ``unread`` names standard input ``stdin`` (its name in
    the site's language)."""
    add = tally.add
    for name in names:
        shown = stdin if name == "-" else name
        with ExitStack() as stack:
            stream = open_text(name, stack)
            first, cut = _head(stream)
            # Past a cut the stream is not read again: it would raise again.
            lines = iter(first) if cut else itertools.chain(first, stream)
            chosen = forced or detect(first)
            parse = parser(chosen) if chosen else _nothing
            number, cut_later = _count(lines, parse, add, shown, tally, unread)
            if cut or cut_later:
                unread.cut.append((shown, number))


def _nothing(line: str) -> Hit | None:
    """The parser of a file in no known format: every line is unread."""
    return None


def _head(stream: IO[str]) -> tuple[list[str], bool]:
    """The first :data:`SNIFF` lines, and whether the file was cut before them."""
    first: list[str] = []
    try:
        for line in stream:
            first.append(line)
            if len(first) == SNIFF:
                break
    except READ_ERRORS:
        return first, True
    return first, False


def _count(
    lines: Iterator[str],
    parse: Parser,
    add: Callable[[Hit], None],
    name: str,
    tally: Tally,
    unread: Unread,
) -> tuple[int, bool]:
    """Count ``lines`` (a file's, numbered from 1); (the last line's number,
    whether the file was cut short after it)."""
    # The hot loop: one parse and one add a line; the tallies of lines are
    # kept in locals and added once at the end, even when the file ends badly.
    number, skipped, bad = 0, 0, 0
    try:
        for number, line in enumerate(lines, 1):
            hit = parse(line)
            if hit is None:
                if line.strip():
                    bad += 1
                    unread.add(name, number, line)
                else:
                    skipped += 1
            elif hit is SKIP:
                skipped += 1
            else:
                add(hit)
    except READ_ERRORS:
        # A .gz cut short (a rotation caught mid-write): the lines before count.
        return number, True
    finally:
        tally.lines += number - skipped
        tally.unparsed += bad
    return number, False
