"""What reading gave is kept across builds, and dropped as soon as it may be wrong."""

from __future__ import annotations

import os
import pickle
import time

from PIL import Image

from comptoir.plugins.content.readcache import FILE_PREFIX, ReadCache, shard_of

STORY = "Title: Un\nDate: 2025-03-01\n\n{body}\n"


def tamper(site, marker: str) -> None:
    """Replace what the cache holds for every file by ``marker``: if a build
    shows it, the build used the cache instead of reading the file."""
    for cache in (site.root / "cache").glob(f"{FILE_PREFIX}*/*.pickle"):
        entries = pickle.loads(cache.read_bytes())
        for path, (key, _content, flat, deltas) in entries.items():
            entries[path] = (key, f"<p>{marker}</p>", flat, deltas)
        cache.write_bytes(pickle.dumps(entries))


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
    names = [
        n for n in (site.output / "media" / "images").iterdir() if n.name.startswith("pain-900")
    ]
    assert names


def test_a_file_with_a_problem_is_never_kept(make_site) -> None:
    site = make_site({"content/stories/un.md": "Title: Un\nDate: bientôt\n\nx\n"})
    assert not site.build().ok
    again = site.build()
    assert [p.key for p in again.errors] == ["date"]


def test_a_cache_from_another_version_is_ignored(make_site) -> None:
    site = make_site({"content/stories/un.md": STORY.format(body="Texte lu.")})
    assert site.build().ok
    for cache in (site.root / "cache").glob(f"{FILE_PREFIX}*/*.pickle"):
        # A pickle naming a module that no longer exists.
        cache.write_bytes(
            b"\x80\x04\x95\x1c\x00\x00\x00\x00\x00\x00\x00\x8c\x0ecomptoir.gone"
            b"\x94\x8c\x03Old\x94\x93\x94."
        )
    result = site.build()
    assert result.ok, site.messages(result)
    assert "Texte lu." in site.page("histoires/un/index.html")


def test_a_removed_template_is_caught_again(make_site) -> None:
    site = make_site(
        {
            "overrides/special.html": "{% extends 'page.html' %}",
            "content/pages/p.md": "Title: P\nTemplate: special\n\nx\n",
        }
    )
    overrides = [str(site.root / "overrides")]
    assert site.build(THEME_TEMPLATES_OVERRIDES=overrides).ok
    (site.root / "overrides/special.html").unlink()
    result = site.build(THEME_TEMPLATES_OVERRIDES=overrides)
    assert [p.key for p in result.errors] == ["template"]


def test_a_removed_svg_in_the_text_is_caught_again(make_site) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 20"/>'
    site = make_site(
        {
            "content/images/plan.svg": svg,
            "content/stories/un.md": STORY.format(body="![Plan](../images/plan.svg)"),
        }
    )
    assert site.build().ok
    (site.root / "content/images/plan.svg").unlink()
    result = site.build()
    assert not result.ok and "plan.svg" in result.errors[0].message


def shards(site) -> dict[str, tuple[int, int]]:
    """Each shard file of the read cache by inode and date."""
    return {
        path.name: (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in (site.root / "cache").glob(f"{FILE_PREFIX}*/*.pickle")
    }


def test_an_edit_writes_again_only_its_shard_and_a_removed_file_leaves(make_site) -> None:
    files = {f"content/stories/s{n:02d}.md": STORY.format(body=f"Texte {n}.") for n in range(40)}
    site = make_site(files)
    assert site.build().ok
    before = shards(site)
    assert len(before) > 10  # 40 stories spread over the shards
    edited = "content/stories/s07.md"
    (site.root / edited).write_text(STORY.format(body="Texte revu."), encoding="utf-8")
    assert site.build().ok
    after = shards(site)
    mine = f"{shard_of(str(site.root / edited)):02d}.pickle"
    assert after.keys() == before.keys()
    assert [name for name in after if after[name] != before[name]] == [mine]
    (site.root / edited).unlink()
    assert site.build().ok
    (shard,) = (site.root / "cache").glob(f"{FILE_PREFIX}*/{mine}")
    entries = pickle.loads(shard.read_bytes())
    assert str(site.root / edited) not in entries
    assert [name for name, state in shards(site).items() if state != after[name]] == [mine]


def test_only_the_last_caches_are_kept(make_site) -> None:
    site = make_site({"content/stories/un.md": STORY.format(body="Texte lu.")})
    cache = site.root / "cache"
    cache.mkdir()
    old = cache / f"{FILE_PREFIX}0123456789.pickle"  # in one file, as earlier versions kept it
    old.write_bytes(b"")
    os.utime(old, (1, 1))
    made = []
    for name in ("A", "B", "C", "D"):  # each setting makes a cache of its own
        seen = set(cache.glob(f"{FILE_PREFIX}*"))
        assert site.build(SITENAME=name).ok
        made += [p.name for p in set(cache.glob(f"{FILE_PREFIX}*")) - seen]
        time.sleep(0.01)  # dates apart, for the pruning's order
    assert len(made) == 4
    assert sorted(p.name for p in cache.glob(f"{FILE_PREFIX}*")) == sorted(made[-ReadCache.KEEP :])


def test_stories_read_from_the_cache_share_one_object_per_tag(make_site) -> None:
    tagged = "Title: {n}\nDate: 2025-03-0{n}\nTags: pain, levain\n\nTexte.\n"
    site = make_site({f"content/stories/s{n}.md": tagged.format(n=n) for n in (1, 2, 3)})
    assert site.build().ok
    result = site.build()  # every file from the cache
    assert result.ok
    stories = result.build.generators[0].context["articles"]
    tags = [{tag.name: tag for tag in story.tags} for story in stories]
    assert len(tags) == 3
    # One object per name: its slug is worked out once for the whole build.
    for name in ("pain", "levain"):
        assert len({id(found[name]) for found in tags}) == 1
    assert all(tag.slug == tag.name for tag in tags[0].values())
