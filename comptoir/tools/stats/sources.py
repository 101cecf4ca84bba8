"""The logs to read: files and globs (rotated ``.gz`` read as they are,
known by their first bytes), or ``-`` for standard input; each line handed
to its file's parser, streaming, a file at a time.

Bytes that are not UTF-8 become U+FFFD: a log is the world's input, and a
line with junk in its user agent still counts.
"""

from __future__ import annotations

import glob
import gzip
import io
import itertools
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from comptoir.core.i18n import N_, OwnerError

from .formats import SKIP, Parser, detect, parser
from .tally import Tally

SNIFF = 20  # lines read to tell a file's format
EXAMPLES = 5  # unread lines shown to the owner
EXCERPT = 120  # characters of each


class LogError(OwnerError):
    """A log named on the command line that cannot be read at all."""


@dataclass
class Unread:
    """The first lines no format could read, as ``file:line: excerpt``."""

    examples: list[str] = field(default_factory=list)

    def add(self, name: str, number: int, line: str) -> None:
        if len(self.examples) < EXAMPLES:
            # Control characters (a terminal escape in a user agent) are
            # shown escaped, never printed as they are.
            text = line.rstrip("\r\n")[:EXCERPT].encode("unicode_escape").decode("ascii")
            self.examples.append(f"{name}:{number}: {text}")


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


def read(names: list[str], tally: Tally, unread: Unread, forced: str | None = None) -> None:
    """Count every line of every log into ``tally``."""
    for name in names:
        shown = "stdin" if name == "-" else name
        with ExitStack() as stack:
            stream = open_text(name, stack)
            try:
                first = list(itertools.islice(stream, SNIFF))
            except (OSError, EOFError, gzip.BadGzipFile) as error:
                raise LogError(
                    N_("%(path)s cannot be read: %(why)s."), path=shown, why=str(error)
                ) from error
            chosen = forced or detect(first)
            if chosen is None:
                _unreadable(first, shown, tally, unread)
                continue
            try:
                _count(itertools.chain(first, stream), parser(chosen), shown, tally, unread)
            except (OSError, EOFError, gzip.BadGzipFile) as error:
                # A truncated .gz (a rotation caught mid-write): what was read counts.
                unread.add(shown, tally.lines, f"[{error}]")


def _unreadable(lines: list[str], name: str, tally: Tally, unread: Unread) -> None:
    for number, line in enumerate(lines, 1):
        if line.strip():
            tally.lines += 1
            tally.unparsed += 1
            unread.add(name, number, line)


def _count(lines: Iterator[str], parse: Parser, name: str, tally: Tally, unread: Unread) -> None:
    # The hot loop: one parse and one add a line; the tallies of lines are
    # kept in locals and added once at the end.
    add, number, skipped, bad = tally.add, 0, 0, 0
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
    tally.lines += number - skipped
    tally.unparsed += bad
