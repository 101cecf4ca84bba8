"""`invoke screenshots`: the README's pictures of the example, at phone and
desktop sizes, from a real build in real Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageStat

from comptoir.tools.screenshots import SIZES, screenshots


@pytest.mark.browser
def test_the_home_page_is_shot_at_phone_and_desktop_sizes(example_copy, tmp_path: Path) -> None:
    before = sorted(p.name for p in example_copy.root.iterdir())
    written = screenshots(example_copy.settings, tmp_path / "shots")
    assert [p.name for p in written] == ["phone.png", "desktop.png"]
    for path in written:
        with Image.open(path) as image:
            assert image.size == SIZES[path.stem]
            # A page, not a blank or an error: dark text on the light brand background.
            low, high = ImageStat.Stat(image.convert("L")).extrema[0]
            assert high - low > 150
    # Built in a scratch folder: the project has no output/ it did not have.
    assert sorted(p.name for p in example_copy.root.iterdir()) == sorted({*before, "cache"})
