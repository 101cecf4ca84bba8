"""What reading gave is kept across builds, and dropped as soon as it may be wrong."""

from __future__ import annotations

import pickle

from PIL import Image

from comptoir.content.readcache import FILE

STORY = "Title: Un\nDate: 2025-03-01\n\n{body}\n"


def tamper(site, marker: str) -> None:
    """Replace what the cache holds for every file by ``marker``: if a build
    shows it, the build used the cache instead of reading the file."""
    cache = site.root / "cache" / FILE
    fingerprint, entries = pickle.loads(cache.read_bytes())
    for path, (key, _content, flat, deltas) in entries.items():
        entries[path] = (key, f"<p>{marker}</p>", flat, deltas)
    cache.write_bytes(pickle.dumps((fingerprint, entries)))


def test_unchanged_files_are_not_read_again(make_site) -> None:
    site = make_site({"content/stories/un.md": STORY.format(body="Texte lu.")})
    assert site.build().ok
    tamper(site, "DEPUIS-LE-CACHE")
    assert site.build().ok
    assert "DEPUIS-LE-CACHE" in site.page("histoires/un/index.html")


def test_a_changed_file_or_setting_is_read_again(make_site) -> None:
    site = make_site({"content/stories/un.md": STORY.format(body="Texte lu.")})
    assert site.build().ok
    tamper(site, "DEPUIS-LE-CACHE")
    (site.root / "content/stories/un.md").write_text(STORY.format(body="Texte revu."))
    assert site.build().ok
    assert "Texte revu." in site.page("histoires/un/index.html")
    tamper(site, "DEPUIS-LE-CACHE")
    assert site.build(COMPTOIR_TYPOGRAPHY=False).ok
    assert "DEPUIS-LE-CACHE" not in site.page("histoires/un/index.html")


def test_a_changed_photo_makes_the_text_naming_it_read_again(make_site) -> None:
    site = make_site({"content/stories/un.md": STORY.format(body="![Pain](../images/pain.jpg)")})
    (site.root / "content/images").mkdir(parents=True, exist_ok=True)
    photo = site.root / "content/images/pain.jpg"
    Image.new("RGB", (700, 400), "tan").save(photo)
    assert site.build().ok
    first = site.page("histoires/un/index.html")
    Image.new("RGB", (900, 400), "navy").save(photo)
    assert site.build().ok
    second = site.page("histoires/un/index.html")
    assert second != first and 'width="900"' in second
    names = [n for n in (site.output / "images").iterdir() if n.name.startswith("pain-900")]
    assert names


def test_a_file_with_a_problem_is_never_kept(make_site) -> None:
    site = make_site({"content/stories/un.md": "Title: Un\nDate: bientôt\n\nx\n"})
    assert not site.build().ok
    again = site.build()
    assert [p.key for p in again.errors] == ["date"]
