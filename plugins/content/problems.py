"""Move problems found by the reader into the build's report.

Runs as the generators' context signal, i.e. every time a file is read *or*
taken from Pelican's reader cache, so a bad file is reported on every build
until it is fixed. A file with an error is skipped rather than half-built.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .collisions import Claims, claim_address, claim_id
from .reader import PROBLEMS, SOURCE

if TYPE_CHECKING:
    from comptoir.core.build import Build


def take_problems(build: Build, generator: Any, metadata: dict[str, Any]) -> None:
    """Report the file's problems, then claim its address and its Id; skip the
    file if anything is an error, so no half-checked content reaches the site."""
    problems = metadata.pop(PROBLEMS, ())
    report = build.report
    # A draft is work in progress: its mistakes are told, the draft is left
    # out, and the rest of the site still builds and publishes.
    draft = metadata.get("status") == "draft"
    for path, line, key, message, severity in problems:
        shown = "info" if draft and severity == "error" else severity
        report.add(path, message, line=line, key=key, severity=shown)
    failed = any(problem[4] == "error" for problem in problems)
    if not failed and SOURCE in metadata:
        failed = not claim_address(build, metadata)
    if not failed and SOURCE in metadata:
        failed = not claim_id(build, metadata)
    if failed:
        metadata["status"] = "skip"
        source = metadata.get(SOURCE, "")
        failed_slugs = build.part(Claims).failed_slugs
        failed_slugs.add(os.path.splitext(os.path.basename(source))[0])
        if metadata.get("slug"):
            failed_slugs.add(str(metadata["slug"]))
