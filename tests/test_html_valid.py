"""Every page of the example site passes the Nu HTML checker with 0 errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(example_output: Path) -> None:
    assert VNU.is_file(), "the Nu HTML checker is missing: run `invoke test-deps`"
    pages = sorted(example_output.rglob("*.html"))
    assert len(pages) > 20
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m['url'].removeprefix('file:')).relative_to(example_output)}:"
        f"{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert errors == []
    assert done.returncode == 0
