"""The index in parts (parts.py, kept.py): how many, which record where,
and an edit that indexes one part again, on Pagefind's real binary."""

from __future__ import annotations

import dataclasses
import gzip
from pathlib import Path

from comptoir.plugins.search.kept import write_kept_index
from comptoir.plugins.search.parts import (
    MAX_PARTS,
    bundles,
    loading,
    part_count,
    part_path,
    published,
    split,
)
from comptoir.plugins.search.tests.test_stable import sample


def test_parts_double_with_the_records_up_to_a_limit() -> None:
    counts = [part_count(n, 1000) for n in (0, 1, 1000, 1001, 2000, 2001, 3500, 10_000, 10**6)]
    assert counts == [1, 1, 1, 2, 2, 4, 4, 8, MAX_PARTS]


def test_a_record_stays_in_its_part_when_others_come_and_go() -> None:
    found = sample(40)
    parts = split(found, 10)
    assert len(parts) == 4 and all(parts)
    assert sorted(r.url for part in parts for r in part) == sorted(r.url for r in found)
    for part in parts:  # each in the records' order
        assert part == [r for r in found if r in part]
    where = {r.url: n for n, part in enumerate(parts) for r in part}
    fewer = split(found[:35] + sample(38)[35:], 10)
    assert all(where[r.url] == n for n, part in enumerate(fewer) for r in part)


def test_each_language_page_loads_the_parts_holding_it() -> None:
    found = [r for r in sample(40) if r.language == "fr"] + sample(1)  # one English record
    parts = split(found, 10)
    english = bundles(parts, "en")
    assert len(english) == 1 and len(bundles(parts, "fr")) == 4
    assert bundles(parts, "de") == []


def test_a_page_loads_first_the_first_part_holding_its_language() -> None:
    english = dataclasses.replace(sample(1)[0], url="/en/a/", language="en")
    parts = [[r for r in sample(8) if r.language == "fr"], [], [english], sample(4)]
    assert loading(parts) == {0, 2}
    assert loading([[], [english]]) == {0, 1}


def test_only_the_parts_a_page_loads_first_publish_pagefinds_scripts() -> None:
    files = ["pagefind.js", "pagefind-worker.js", "wasm.fr.pagefind", "wasm.unknown.pagefind"]
    files += ["pagefind-entry.json", "pagefind.fr_1.pf_meta", "fragment/fr_2.pf_fragment"]
    assert published(files, True) == files
    assert published(files, False) == files[4:]


def fragments(folder: Path) -> bytes:
    return b"".join(gzip.decompress(p.read_bytes()) for p in folder.rglob("fragment/*"))


def test_an_edit_indexes_its_part_again_and_links_the_others(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
    found = sample(40)
    assert write_kept_index(found, tmp_path / "a" / "pagefind", cache, 10, 2).cached is False
    first = {p.name: p.stat().st_ino for p in cache.glob("search-*")}
    assert len(first) == 4
    index = tmp_path / "a" / "pagefind"
    assert (index / "pagefind-entry.json").is_file()
    assert sorted(p.name for p in index.glob("part-*")) == ["part-1", "part-2", "part-3"]
    assert all((index / f"part-{n}" / "pagefind-entry.json").is_file() for n in (1, 2, 3))
    # Pagefind's scripts only where a search page loads them first.
    loads = loading(split(found, 10))
    for number in range(4):
        folder = index / part_path(number)
        scripts = {
            p.name for p in folder.iterdir() if p.name.endswith(".js") or ".pagefind" in p.name
        }
        assert bool(scripts) is (number in loads), (number, scripts)

    found[7] = dataclasses.replace(found[7], content=found[7].content + " pumpernickel")
    assert write_kept_index(found, tmp_path / "b" / "pagefind", cache, 10, 2).cached is False
    after = {p.name: p.stat().st_ino for p in cache.glob("search-*")}
    # One part made again; the three others are the very folders kept before.
    assert len(after) == 4 and len(set(after) - set(first)) == 1
    assert all(after[name] == first[name] for name in set(after) & set(first))
    assert b"pumpernickel" in fragments(tmp_path / "b" / "pagefind")
    assert b"pumpernickel" not in fragments(index)

    assert write_kept_index(found, tmp_path / "c" / "pagefind", cache, 10, 2).cached is True


def test_a_part_size_that_is_no_whole_number_is_named(make_site) -> None:
    site = make_site({}, settings="SEARCH_PART_RECORDS = '1000'\n")
    result = site.build()
    assert not result.ok and not site.output.exists()
    said = [p.format() for p in result.problems]
    assert any(
        "SEARCH_PART_RECORDS" in line and "Écrivez un nombre entier de fiches" in line
        for line in said
    ), said
