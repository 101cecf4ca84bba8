"""The photos' web versions and the share cards share one cache mechanism:
made once, kept while builds use them, forgotten after a month unused."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

from PIL import Image

from comptoir.core.artefacts import KEEP_DAYS, MANIFEST

STORY = "Title: {title}\nDate: 2025-03-01\nImage: images/pain.jpg\nImage_alt: Le pain\n\nTexte.\n"


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.is_file() and p.name != MANIFEST}


def age(folder: Path, names: set[str], days: int) -> None:
    """Make ``names`` look last used ``days`` ago (manifest and file dates)."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    then = time.time() - days * 86400
    for name in names:
        manifest["last_used"][name] = dt.date.fromtimestamp(then).isoformat()
        os.utime(folder / name, (then, then))
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def test_images_and_cards_unused_for_a_month_are_forgotten(make_site) -> None:
    site = make_site({"content/stories/pain.md": STORY.format(title="Le pain")})
    (site.root / "content/images").mkdir(parents=True)
    Image.new("RGB", (900, 600), "tan").save(site.root / "content/images/pain.jpg")
    assert site.build().ok
    photos = site.root / "cache/comptoir-images"
    cards = photos / "cards"
    old_photos, old_cards = files(photos), files(cards)
    assert old_photos and old_cards

    # A new photo and a new title: new web versions, a new card.
    Image.new("RGB", (900, 600), "navy").save(site.root / "content/images/pain.jpg")
    (site.root / "content/stories/pain.md").write_text(STORY.format(title="Le pain bis"))
    assert site.build().ok
    assert files(photos) > old_photos and files(cards) > old_cards

    # The old ones, unused since, are kept while they may come back…
    age(photos, old_photos, KEEP_DAYS - 1)
    age(cards, old_cards, KEEP_DAYS - 1)
    assert site.build().ok
    assert old_photos <= files(photos) and old_cards <= files(cards)
    # …and deleted once no build has used them for longer than KEEP_DAYS;
    # what the site uses stays, and the site is the same.
    age(photos, old_photos, KEEP_DAYS + 1)
    age(cards, old_cards, KEEP_DAYS + 1)
    published = files(site.output / "media/images") | files(site.output / "social")
    assert site.build().ok
    assert not old_photos & files(photos) and not old_cards & files(cards)
    assert files(photos) and files(cards)
    assert published == files(site.output / "media/images") | files(site.output / "social")
