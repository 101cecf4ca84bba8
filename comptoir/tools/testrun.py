"""``invoke test``: the linters, the suite on both cores, then Lighthouse
alone. Lighthouse weighs timings: a page measured while other tests keep
both cores busy scores what the machine was doing, not what the page does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from invoke.exceptions import Exit

NOTHING_SELECTED = 5  # pytest's exit code when -k leaves no test of a group


def run_suite(run: Callable[..., Any], python: str, k: str = "") -> None:
    """Run everything ``invoke test`` runs; stop at the first group that fails."""
    run(f"{python} -m ruff check .", pty=False)
    run(f"{python} -m ruff format --check .", pty=False)
    selector = f" -k {k!r}" if k else ""
    for workers, marks in ((" -n 2", "not lighthouse"), ("", "lighthouse")):
        done = run(f"{python} -m pytest{workers} -m {marks!r}{selector}", pty=False, warn=True)
        if done.exited not in (0, NOTHING_SELECTED):
            raise Exit(code=done.exited)
