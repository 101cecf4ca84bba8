"""Lighthouse (the kit's pinned npm package, Debian Chromium, mobile) on the
report of `invoke stats` (comptoir/tools/stats), from a real run:
accessibility and best practices 100, nothing fetched from elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from comptoir.tools.stats.tests.test_counting import day, line, run
from tests.test_lighthouse import REPORTS, failures, run_lighthouse, scores


@pytest.mark.browser
@pytest.mark.lighthouse
def test_the_report_scores_100_in_accessibility(tmp_path: Path, serve) -> None:
    log = tmp_path / "access.log"
    rows = [line(day(n), f"/histoires/{n % 4}/", ip=f"203.0.113.{n}") for n in range(1, 29)]
    rows += [line(day(3), "/rss.xml", agent="Feedly/1.0 (+http://feedly.com; 9 subscribers)")]
    rows += [line(day(4), "/perdu/", status=404)]
    log.write_text("".join(rows), "utf-8")
    figures, _ = run(tmp_path, [str(log)])
    assert figures["views"] == 28
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / "stats-report.report.json"
    result = run_lighthouse(serve(tmp_path / "rapport") + "/", report)
    got = scores(result)
    assert got["accessibility"] == 100, failures(result, "accessibility")
    assert got["best-practices"] == 100, failures(result, "best-practices")
    # No request left for another host: every resource is the page itself.
    requests = result["audits"]["network-requests"]["details"]["items"]
    assert [r["url"].rsplit("/", 1)[-1] for r in requests] == [""], json.dumps(requests)[:500]
