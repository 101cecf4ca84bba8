"""Pagefind's files made stable: read and written back byte for byte, the
same records in any run give the same files, and the renamed files are
still the ones each reference names."""

from __future__ import annotations

import gzip
import json

from comptoir.plugins.search.index import pagefind_files, raw_files
from comptoir.plugins.search.records import Record
from comptoir.plugins.search.stable import FILTER, META, _dump, _load

WORDS = ["pain", "levain", "croissant", "farine", "four", "beurre", "sel", "eau", "sucre", "miel"]


def sample(count: int) -> list[Record]:
    return [
        Record(
            url=f"/s/{i}/",
            kind="story",
            language="fr" if i % 4 else "en",
            content=" ".join(WORDS[(i * 7 + j) % len(WORDS)] + str(j % 13) for j in range(60)),
            meta={"title": f"Titre {i}"},
            filters={
                "kind": ["Histoire" if i % 3 else "Tutoriel"],
                "tag": WORDS[i % 5 : i % 5 + 3],
            },
            sort={"date": f"2024-01-{i % 28 + 1:02d}"},
        )
        for i in range(count)
    ]


def test_meta_and_filter_files_are_read_and_written_back_exactly() -> None:
    files = raw_files(sample(40))
    read = [path for path in files if FILTER.fullmatch(path) or META.fullmatch(path)]
    assert len(read) == 6  # a meta file and two filters, per language
    for path in read:
        assert gzip.decompress(_dump(_load(files[path]))) == gzip.decompress(files[path])


def test_the_same_records_give_the_same_files_at_every_run() -> None:
    runs = [pagefind_files(sample(40)) for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]


def test_every_renamed_file_is_the_one_its_reference_names() -> None:
    files = pagefind_files(sample(40))
    entry = json.loads(files["pagefind-entry.json"])
    assert list(entry["languages"]) == ["en", "fr"]
    for lang, facts in entry["languages"].items():
        meta = _load(files[f"pagefind.{facts['hash']}.pf_meta"])
        named = {
            item[1]
            for part in meta
            if isinstance(part, list)
            for item in part
            if isinstance(item, list) and len(item) == 2 and str(item[1]).startswith(lang + "_")
        }
        filters = {
            p.split("/")[1].split(".")[0]
            for p in files
            if FILTER.fullmatch(p) and p.startswith(f"filter/{lang}_")
        }
        assert filters and filters <= named
        for name in filters:
            _name, values = _load(files[f"filter/{name}.pf_filter"])
            assert [v for v, _ in values] == sorted(v for v, _ in values)


def test_only_what_the_search_page_uses_is_written() -> None:
    files = pagefind_files(sample(5))
    assert {"pagefind.js", "pagefind-worker.js", "wasm.fr.pagefind"} <= set(files)
    assert not [path for path in files if "-ui." in path or "highlight" in path]
