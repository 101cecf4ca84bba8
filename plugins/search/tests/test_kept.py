"""The last index kept in the cache (kept.py): the same records link it
back, other records make a new one, and a build after an edit indexes it."""

from __future__ import annotations

import dataclasses
import gzip
from pathlib import Path

from comptoir.plugins.search.index import write_files
from comptoir.plugins.search.kept import index_key, write_kept_index
from comptoir.plugins.search.records import Record
from comptoir.plugins.search.tests.test_stable import sample


def test_the_same_records_link_the_kept_index(tmp_path: Path, digest) -> None:
    cache = tmp_path / "cache"
    for folder in (cache, tmp_path / "a", tmp_path / "b"):
        folder.mkdir()
    assert write_kept_index(sample(30), tmp_path / "a" / "pagefind", cache).cached is False
    assert write_kept_index(sample(30), tmp_path / "b" / "pagefind", cache).cached is True
    first, again = tmp_path / "a" / "pagefind", tmp_path / "b" / "pagefind"
    assert digest(again) == digest(first) and len(digest(first)) > 5
    entry = again / "pagefind-entry.json"
    kept = next(cache.glob("search-*")) / "pagefind-entry.json"
    assert entry.stat().st_ino == kept.stat().st_ino  # linked, not written


def test_other_records_make_a_new_index_and_keep_only_it(tmp_path: Path, digest) -> None:
    cache = tmp_path / "cache"
    for folder in (cache, tmp_path / "a", tmp_path / "b"):
        folder.mkdir()
    found = sample(30)
    write_kept_index(found, tmp_path / "a" / "pagefind", cache)
    found[3] = dataclasses.replace(found[3], content=found[3].content + " seigle")
    assert write_kept_index(found, tmp_path / "b" / "pagefind", cache).cached is False
    assert digest(tmp_path / "b" / "pagefind") != digest(tmp_path / "a" / "pagefind")
    assert len(list(cache.glob("search-*"))) == 1
    assert not list(cache.glob(".search-*"))


def test_a_build_after_an_edit_indexes_the_new_words(example_copy, digest) -> None:
    assert example_copy.build().ok
    index = example_copy.output / "pagefind"
    before = digest(index)
    assert example_copy.build().ok
    assert digest(index) == before
    story = example_copy.root / "content/stories/une-nuit-au-fournil.md"
    story.write_text(story.read_text("utf-8") + "\nUn mot neuf : pumpernickel.\n", "utf-8")
    assert example_copy.build().ok
    assert digest(index) != before
    words = b"".join(gzip.decompress(p.read_bytes()) for p in (index / "fragment").iterdir())
    assert b"pumpernickel" in words


def test_equal_records_have_one_key_however_their_strings_are_shared() -> None:
    # Read from the cache, a record's strings may be one object in two
    # places; read from Markdown, two equal ones. The key is the same, or
    # every part would be indexed again at the first build after the cold one.
    text = "Le levain du matin, " * 20
    shared = Record("/a/", "story", "fr", text, meta={"title": text})
    apart = Record("/a/", "story", "fr", "".join(text), meta={"title": "".join(list(text))})
    assert shared.content is shared.meta["title"]
    assert apart.content is not apart.meta["title"]
    assert index_key([shared]) == index_key([apart])
    assert index_key([shared]) != index_key([dataclasses.replace(shared, url="/b/")])


def _inodes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_an_edited_part_links_the_files_it_shares_with_the_part_before(
    tmp_path: Path, digest
) -> None:
    # One record edited: Pagefind names fragments and chunks by their bytes,
    # so most files of the new part are those of the old one, linked (a new
    # file costs the disk far more), and the live copies stay where they are.
    cache = tmp_path / "cache"
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
    found = sample(30)
    write_kept_index(found, tmp_path / "a" / "pagefind", cache)
    before = _inodes(tmp_path / "a" / "pagefind")
    found[3] = dataclasses.replace(found[3], content=found[3].content + " seigle")
    write_kept_index(found, tmp_path / "b" / "pagefind", cache)
    after = _inodes(tmp_path / "b" / "pagefind")
    shared = {rel for rel, inode in after.items() if before.get(rel) == inode}
    assert len(after) > 30 and len(shared) >= len(after) - 6
    assert {rel for rel in after if rel.startswith("fragment/")} - shared  # the edited one
    # The same bytes as an index made from nothing.
    fresh = write_kept_index(found, tmp_path / "c" / "pagefind", tmp_path / "empty")
    assert fresh.cached is False
    assert digest(tmp_path / "b" / "pagefind") == digest(tmp_path / "c" / "pagefind")
    assert not set(before.values()) & set(_inodes(tmp_path / "c" / "pagefind").values())


def test_a_file_that_differs_from_its_earlier_namesake_is_written(tmp_path: Path) -> None:
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    (earlier / "pagefind-entry.json").write_bytes(b'{"version":"old"}')
    folder = tmp_path / "new"
    files = {"pagefind-entry.json": b'{"version":"new"}', "a/b.bin": b"\x00\x01"}
    write_files(files, folder, {"pagefind-entry.json": str(earlier / "pagefind-entry.json")})
    assert (folder / "pagefind-entry.json").read_bytes() == b'{"version":"new"}'
    assert (earlier / "pagefind-entry.json").read_bytes() == b'{"version":"old"}'
    assert (folder / "a/b.bin").read_bytes() == b"\x00\x01"


def test_the_earlier_parts_are_listed_once_and_only_when_a_part_is_indexed(
    tmp_path: Path, monkeypatch
) -> None:
    from comptoir.plugins.search import kept

    calls: list[Path] = []
    listed = kept.earlier_files
    monkeypatch.setattr(kept, "earlier_files", lambda cache: calls.append(cache) or listed(cache))
    cache = tmp_path / "cache"
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
    found = sample(40)
    write_kept_index(found, tmp_path / "a" / "pagefind", cache, 10, 2)
    assert len(calls) == 1  # four parts made, one listing
    write_kept_index(found, tmp_path / "b" / "pagefind", cache, 10, 2)
    assert len(calls) == 1  # every part kept: nothing listed
    found = [dataclasses.replace(r, content=r.content + " seigle") for r in found]
    write_kept_index(found, tmp_path / "c" / "pagefind", cache, 10, 2)
    assert len(calls) == 2
