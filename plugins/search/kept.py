"""The last index, kept in the cache by a hash of what made it: the records,
Pagefind's version and this plugin's code. A build whose records are the
same links that index into its output instead of asking Pagefind again
(1–2 s at 1,000 stories, more than the rest of an unchanged build)."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import shutil
from pathlib import Path

from comptoir.core.artefacts import link_into

from .index import write_index
from .records import Record


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


def write_kept_index(found: list[Record], folder: Path, cache: Path) -> bool:
    """Write the index into ``folder``, from the cache when the same records
    made it before; return whether it came from the cache."""
    key = index_key(found)
    kept = cache / f"search-{key}"
    if kept.is_dir():
        link_tree(kept, folder)
        return True
    write_index(found, folder)
    partial = cache / f".search-{key}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    link_tree(folder, partial)
    # One index kept: the last one.
    for old in cache.glob("search-*"):
        shutil.rmtree(old, ignore_errors=True)
    os.replace(partial, kept)
    return False
