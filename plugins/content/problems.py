"""Move problems found by the reader into the build's report.

Runs as the generators' context signal, i.e. every time a file is read *or*
taken from Pelican's reader cache, so a bad file is reported on every build
until it is fixed. A file with an error is skipped rather than half-built.
"""

from __future__ import annotations

from typing import Any

from comptoir.build.report import report_of

from .reader import PROBLEMS


def take_problems(generator: Any, metadata: dict[str, Any]) -> None:
    """Report the file's problems; skip the file if one is an error."""
    problems = metadata.pop(PROBLEMS, ())
    report = report_of(generator.settings)
    for path, line, key, message, severity in problems:
        report.add(path, message, line=line, key=key, severity=severity)
    if any(problem[4] == "error" for problem in problems):
        metadata["status"] = "skip"
