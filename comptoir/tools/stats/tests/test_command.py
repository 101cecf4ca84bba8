"""``invoke stats``'s command line as the owner types it, in a project:
the options checked before the site is built, the logs after ``--``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from comptoir.tools.stats.run import Options, StatsError, stats
from comptoir.tools.stats.tests.test_counting import day, line

ROOT = Path(__file__).resolve().parents[4]
STORY = {"content/stories/a.md": "Title: A\nDate: 2026-11-01\n\nTexte.\n"}


BAD_OPTIONS = [
    (
        {"since": "2026-13-01"},
        "--since attend une date écrite 2026-11-30, pas «\u202f2026-13-01\u202f».",
    ),
    ({"until": "hier"}, "--until attend une date écrite 2026-11-30, pas «\u202fhier\u202f»."),
    ({"since": "2026-11-30", "until": "2026-11-01"}, "--since doit venir avant --until."),
    (
        {"format": "apache"},
        "--format attend l’un de combined, common, vhost_combined, caddy, s3, cloudfront, "
        "ou une chaîne LogFormat d’Apache.",
    ),
]


@pytest.mark.parametrize(
    ("option", "message"), BAD_OPTIONS, ids=["since", "until", "order", "format"]
)
def test_a_bad_option_is_told_before_the_site_is_built(
    make_site, tmp_path: Path, option: dict[str, str], message: str
) -> None:
    site = make_site(STORY)
    before = sorted(site.root.rglob("*"))
    with pytest.raises(StatsError) as caught:
        stats(site.settings, Options([str(tmp_path / "access.log")], tmp_path / "r", **option))
    assert caught.value.translated({"DEFAULT_LANG": "fr"}) == message
    # Building the site would have left its cache in the project.
    assert sorted(site.root.rglob("*")) == before


def test_invoke_stats_as_the_owner_types_it(make_site) -> None:
    """`invoke stats -- access.log` in a project: a typo in an option is
    told at once, before anything is built; the log is counted."""
    site = make_site(STORY, 'SITEURL = "https://www.example.fr"\n')
    shutil.copy(ROOT / "tasks.py", site.root)
    shutil.copy(site.settings, site.root / "publishconf.py")
    (site.root / "access.log").write_text(
        line(day(30)) + line(day(30), "/", ip="203.0.113.2"), "utf-8"
    )

    def invoke(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "invoke", "stats", *args],
            cwd=site.root,
            env={**os.environ, "LANG": "C", "LC_ALL": "C"},
            capture_output=True,
            text=True,
            timeout=300,
        )

    before = sorted(site.root.rglob("*"))
    bad = invoke("--since", "2026-13-01", "--", "access.log")
    assert (bad.returncode, bad.stderr) == (1, BAD_OPTIONS[0][1] + "\n")
    assert sorted(site.root.rglob("*")) == before
    done = invoke("--", "access.log")
    assert done.returncode == 0, done.stderr
    figures = json.loads((site.root / "rapport/stats.json").read_text("utf-8"))
    assert (figures["views"], figures["visitors"], figures["lines"]) == (2, 2, 2)
    assert "2 visiteurs, 2 pages vues" in done.stdout
