"""Whole-site test hooks: the Lighthouse scores, shown at the end of the
run, and the example site built once for the structured-data tests.

This folder has no ``__init__.py``: pytest (``--import-mode=importlib``)
imports this file as ``tests.conftest``, under a namespace package ``tests``
that is this folder, before any test module here. The test modules import
their helper modules (``structured_support.py``, ``roundtrip_site.py``…)
the same way, as ``tests.<name>``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.structured_support import Built

SCORES = Path(__file__).resolve().parents[1] / "build" / "lighthouse" / "scores.json"


@pytest.fixture(scope="session")
def structured_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example site built once with the production settings (publishconf.py:
    absolute URLs) into a temporary folder, every page's JSON-LD read back.

    Session-scoped: every structured-data test module reads this one build
    (once a worker under ``-n``). Imported here, not above, so that a run
    without these tests does not load the extractor.
    """
    from tests.structured_support import build_structured_site

    return build_structured_site(tmp_path_factory.mktemp("structured"))


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
