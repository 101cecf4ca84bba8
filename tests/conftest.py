"""Whole-site test hooks: the Lighthouse scores, shown at the end of the run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

SCORES = Path(__file__).resolve().parents[1] / "build" / "lighthouse" / "scores.json"


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Print and save the scores test_lighthouse.py recorded.

    They travel in each test's report (``record_property``), so this works the
    same with ``-n 2``, where the tests run in worker processes.
    """
    rows = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == "lighthouse"
    ]
    if not rows:
        return
    rows.sort(key=lambda row: row["page"])
    terminalreporter.section("Lighthouse, mobile (out of 100)")
    terminalreporter.write_line(f"{'page':<42}{'perf.':>7}{'a11y':>7}{'b.p.':>7}{'SEO':>7}")
    for row in rows:
        values = (row[k] for k in ("performance", "accessibility", "best-practices", "seo"))
        terminalreporter.write_line(
            f"{row['page']:<42}" + "".join(f"{'–' if v is None else v:>7}" for v in values)
        )
    SCORES.parent.mkdir(parents=True, exist_ok=True)
    SCORES.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    terminalreporter.write_line(f"saved to {SCORES.relative_to(SCORES.parents[2])}")
