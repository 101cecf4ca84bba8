"""Each part of the index (parts.py) kept in the cache by a hash of what
made it: its records, Pagefind's version and this plugin's code. A part
whose records are the same is linked into the output instead of asking
Pagefind again (1–2 s per 1,000 records, more than the rest of an
unchanged build)."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from comptoir.core.artefacts import link_into

from .index import pagefind_files, write_files
from .parts import part_path, split
from .records import Record

PART_RECORDS = 1000  # SEARCH_PART_RECORDS' default


def index_key(found: list[Record]) -> str:
    """What the index is made of: same key, same files (stable.py)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(importlib.metadata.version("pagefind-bin").encode())
    for code in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(code.read_bytes())
    digest.update(pickle.dumps(found, protocol=4))
    return digest.hexdigest()


def link_tree(source: Path, target: Path) -> None:
    """``target`` made of hard links to ``source``'s files. Nothing writes
    into an index's files after: a new index is a new folder."""
    found = [
        (Path(folder, name), os.path.relpath(os.path.join(folder, name), source))
        for folder, _dirs, files in os.walk(source)
        for name in files
    ]
    link_into(target, found)


def kept_index(found: list[Record], cache: Path) -> tuple[Path, bool]:
    """The cache's folder holding the index of ``found``, made if missing;
    and whether it was there already."""
    key = index_key(found)
    kept = cache / f"search-{key}"
    if kept.is_dir():
        return kept, True
    partial = cache / f".search-{key}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    write_files(pagefind_files(found), partial)
    os.replace(partial, kept)
    return kept, False


def write_kept_index(
    found: list[Record],
    folder: Path,
    cache: Path,
    part_records: int = PART_RECORDS,
    workers: int = 1,
) -> bool:
    """Write the index of ``found`` into ``folder`` (replaced whole), in
    parts, each from the cache when the same records made it before;
    ``workers`` parts are indexed at once. Return whether every part came
    from the cache. Only this index's parts stay in the cache."""
    parts = split(found, part_records)
    # A part with no record is never loaded (parts.bundles); the first is
    # written even so, for a site with nothing to find.
    wanted = [(n, part) for n, part in enumerate(parts) if part or n == 0]
    cache.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(wanted)))) as pool:
        made = list(pool.map(lambda pair: (pair[0], *kept_index(pair[1], cache)), wanted))
    # Put together beside the live folder and swapped in whole: livereload
    # re-indexes a site being served.
    fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
    try:
        fresh.chmod(0o755)
        for number, kept, _ in made:
            link_tree(kept, fresh / part_path(number))
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
    return all(was for _, _, was in made)
