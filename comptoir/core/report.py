"""Problems found while building, collected per build and told to the owner.

One :class:`Report` belongs to one build (``build.report``, never a module
global: livereload rebuilds in the same process). Readers and generators add
:class:`Problem` objects to it; the build driver prints them and refuses to
publish when any is an error.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

# error: the build fails. warning: only strict builds (publish) fail.
# info: told, never fails (e.g. a mistake in a draft, which cannot hurt readers).
Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file (or one setting)."""

    path: str
    line: int | None
    key: str | None
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """``path:line: key: message`` — the form editors and terminals link."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        key = f"{self.key} — " if self.key else ""
        return f"{where}: {key}{self.message}"


@dataclass
class Report:
    """The problems of one build, in the order they were found."""

    root: str = "."
    problems: list[Problem] = field(default_factory=list)
    # Figures plugins want to tell (e.g. images encoded), for --stats and the bench.
    stats: dict[str, Any] = field(default_factory=dict)

    def shown(self, path: str) -> str:
        """``path`` as the owner sees it: relative to the project."""
        return os.path.relpath(path, self.root) if os.path.isabs(path) else path

    def add(
        self,
        path: str,
        message: str,
        *,
        line: int | None = None,
        key: str | None = None,
        severity: Severity = "error",
    ) -> None:
        """Record a problem; ``path`` is shown relative to the project root."""
        problem = Problem(self.shown(path), line, key, message, severity)
        if problem not in self.problems:
            self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def setting_line(path: str, key: str) -> int | None:
    """The line of a settings file where ``KEY =`` is written, if it is."""
    pattern = re.compile(rf"^{re.escape(key)}\s*[:=]")
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if pattern.match(line):
                    return number
    except (OSError, UnicodeDecodeError):
        return None
    return None


class _Capture(logging.Handler):
    def __init__(self, records: list[tuple[int, str, str]]):
        super().__init__(logging.WARNING)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.name, record.getMessage()))


@contextmanager
def captured_logs() -> Iterator[list[tuple[int, str, str]]]:
    """Collect warnings and errors logged meanwhile, as (level, logger, text).

    Worker processes use it to send what they logged back to the main
    process, where the build's report lives.
    """
    records: list[tuple[int, str, str]] = []
    handler = _Capture(records)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield records
    finally:
        root.removeHandler(handler)


def replay(records: list[tuple[int, str, str]]) -> None:
    """Log again, in this process, what a worker logged."""
    for level, name, text in records:
        logging.getLogger(name).log(level, "%s", text)
