"""Each part of the index (parts.py) kept in the cache by a hash of what
made it: its records, Pagefind's version and this plugin's code. A part
whose records are the same is linked into the output instead of asking
Pagefind again (1–2 s per 1,000 records, more than the rest of an
unchanged build)."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

from comptoir.core.artefacts import link_into
from comptoir.core.build import listing

from .index import pagefind_files, write_files
from .parts import loading, part_path, published, split
from .records import Record

# SEARCH_PART_RECORDS' default. Not smaller, though Pagefind takes about
# 1 ms a record and an edit at 1,000 stories waits 0.3 s for the part it
# indexes again: where a word is in no record of a part, Pagefind answers
# with the longest prefix of it that the part has ("le" for "levain"), so
# each part more adds unrelated results to a search the whole index answers
# well. A site under 1,000 records keeps one index.
PART_RECORDS = 1000
FIELDS = dataclasses.fields(Record)


def index_key(found: list[Record]) -> str:
    """What the index is made of: same key, same files (stable.py)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(importlib.metadata.version("pagefind-bin").encode())
    for code in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(code.read_bytes())
    # JSON, not pickle: pickle writes a string met twice as a reference, so
    # equal records read from Markdown or from the read cache (which shares
    # strings) gave other keys, and every part was indexed again.
    # The fields as they are (astuple deep-copies each: a third of the time).
    fields = [[getattr(record, f.name) for f in FIELDS] for record in found]
    digest.update(json.dumps(fields, ensure_ascii=False).encode())
    return digest.hexdigest()


def kept_index(
    found: list[Record], cache: Path, earlier: Callable[[], Mapping[str, str]]
) -> tuple[Path, bool]:
    """The cache's folder holding the index of ``found``, made if missing,
    with links to the same files of the parts made before (``earlier()``:
    :class:`Earlier`); and whether it was there already."""
    key = index_key(found)
    kept = cache / f"search-{key}"
    if kept.is_dir():
        return kept, True
    partial = cache / f".search-{key}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    write_files(pagefind_files(found), partial, earlier())
    os.replace(partial, kept)
    return kept, False


def earlier_files(cache: Path) -> dict[str, str]:
    """Each file of the parts kept in ``cache``, by its path in its part."""
    found: dict[str, str] = {}
    for kept in cache.glob("search-*"):
        found.update((rel, os.path.join(kept, rel)) for rel in listing.paths(kept))
    return found


class Earlier:
    """The files of the parts in the cache (:func:`earlier_files`), listed
    once, when a part to index first asks, whichever thread it is on: an
    index whose parts are all kept lists nothing, and each part's key is
    worked out on the thread that may then run Pagefind for it."""

    def __init__(self, cache: Path) -> None:
        self._cache = cache
        self._lock = threading.Lock()
        self._found: dict[str, str] | None = None

    def __call__(self) -> dict[str, str]:
        with self._lock:
            if self._found is None:
                self._found = earlier_files(self._cache)
            return self._found


class Written(NamedTuple):
    """What :func:`write_kept_index` did: whether every part came from the
    cache, and the parts left where they are in the live site, as (their
    folder in ``pagefind/``, their folder in the cache, whether a search
    page loads it first: parts.published)."""

    cached: bool
    in_place: list[tuple[str, str, bool]]


def _in_place(kept: Path, files: list[str], live: Path | None) -> bool:
    """Whether each of ``files`` of the cached part ``kept`` is in ``live``
    (that part's folder in the live site) as the same file."""
    if live is None:
        return False
    for rel in files:
        try:
            there, made = os.lstat(live / rel), os.stat(kept / rel)
        except OSError:
            return False
        if (there.st_ino, there.st_dev) != (made.st_ino, made.st_dev):
            return False
    return True


def write_kept_index(
    found: list[Record],
    folder: Path,
    cache: Path,
    part_records: int = PART_RECORDS,
    workers: int = 1,
    live: Path | None = None,
) -> Written:
    """Write the index of ``found`` into ``folder`` (replaced whole), in
    parts, each from the cache when the same records made it before;
    ``workers`` parts are indexed at once. Only this index's parts stay in
    the cache. ``live``: the live site's index, when the build patches that
    site in place (build/patch.py): a part already there as the cache has it
    is left there, not linked into ``folder``."""
    parts = split(found, part_records)
    # A part with no record is never loaded (parts.bundles); the first is
    # written even so, for a site with nothing to find.
    wanted = [(n, part) for n, part in enumerate(parts) if part or n == 0]
    cache.mkdir(parents=True, exist_ok=True)
    earlier = Earlier(cache)
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(wanted)))) as pool:
        made = list(pool.map(lambda pair: (pair[0], *kept_index(pair[1], cache, earlier)), wanted))
    first = loading(parts)
    files = {n: published(listing.paths(kept), n in first) for n, kept, _ in made}
    # After an edit at 10,000 stories, linking the seven unchanged parts
    # was 10,000 links made, compared with the live files, then removed.
    placed = {n for n, kept, _ in made if _in_place(kept, files[n], live and live / part_path(n))}
    # Put together beside the live folder and swapped in whole: livereload
    # re-indexes a site being served.
    fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
    try:
        fresh.chmod(0o755)
        for number, kept, _ in made:
            if number not in placed:
                # Links: nothing writes into an index's files after (a new
                # index is a new folder).
                link_into(fresh / part_path(number), [(kept / r, r) for r in files[number]])
        old = folder.with_name(f".{folder.name}.old")
        if folder.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(folder, old)
        os.replace(fresh, folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    current = {kept for _, kept, _ in made}
    for other in cache.glob("search-*"):
        if other not in current:
            shutil.rmtree(other, ignore_errors=True)
    in_place = [(part_path(n), str(kept), n in first) for n, kept, _ in made if n in placed]
    return Written(all(was for _, _, was in made), in_place)


def in_place_files(written: Written, index: str = "pagefind") -> list[str]:
    """The files (relative to the output) of the parts left in place."""
    # Listed here rather than sent back by the indexing process: a forked
    # process's answer must stay small (parallel.Forked).
    return [
        f"{index}/{prefix}{rel}"
        for prefix, kept, loads in written.in_place
        for rel in published(listing.paths(kept), loads)
    ]
