"""`invoke screenshots`: the README's pictures of the example, at phone and
desktop sizes, from a real build in real Chromium, run as the owner runs it
(its own process: Playwright's sync API wants one per process)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from comptoir.tools.screenshots import SIZES

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.browser
def test_the_home_page_is_shot_at_phone_and_desktop_sizes(example_copy) -> None:
    project = example_copy.root
    shutil.copy(ROOT / "tasks.py", project / "tasks.py")
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "screenshots"], cwd=project, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["docs/screenshots/phone.png", "docs/screenshots/desktop.png"]
    for name, size in SIZES.items():
        with Image.open(project / "docs" / "screenshots" / f"{name}.png") as image:
            assert image.size == size
            # A page, not a blank or an error: dark text on the light brand background.
            low, high = ImageStat.Stat(image.convert("L")).extrema[0]
            assert high - low > 150
    # Built in a scratch folder: the project has no output/ of its own.
    assert not (project / "output").exists()
