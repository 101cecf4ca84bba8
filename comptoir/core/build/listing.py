"""Every file of a folder with its size, date and inode, in one walk.

A build after an edit used to walk the live site twice: once to plan what
to remove (patch.py), once more, with a ``stat`` per file, to stamp it
(uptodate.py). At 10,000 stories that was 40,000 files and 20,000 folders,
0.7 s. One walk now serves both: the plan takes the paths, and the stamp
takes the same listing brought up to date with what the plan moved and
removed (:func:`after`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

# size, modification time (ns), inode
Stat = tuple[int, int, int]


def _stat(entry: os.DirEntry[str] | str) -> Stat:
    try:
        found = entry.stat() if isinstance(entry, os.DirEntry) else os.stat(entry)
    except OSError:  # a link to nothing: the link itself
        found = os.lstat(entry.path if isinstance(entry, os.DirEntry) else entry)
    return found.st_size, found.st_mtime_ns, found.st_ino


def _entries(root: str | os.PathLike[str]) -> Iterator[tuple[str, os.DirEntry[str]]]:
    # scandir itself, not os.walk: its entries already say which are
    # folders (half the time of os.walk at 20,000 folders).
    stack = [("", os.fspath(root))]
    while stack:
        prefix, folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((f"{prefix}{entry.name}/", entry.path))
                else:
                    yield prefix + entry.name, entry


def paths(root: str | os.PathLike[str]) -> list[str]:
    """Every file under ``root`` by relative path (with ``/``); a link
    counts as a file, and the walk never enters a linked folder."""
    return [rel for rel, _entry in _entries(root)]


def files(root: str | os.PathLike[str]) -> dict[str, Stat]:
    """:func:`paths` with each file's size, date and inode (a link's
    target's, or the link's own when it leads nowhere)."""
    return {rel: _stat(entry) for rel, entry in _entries(root)}


def lines(found: dict[str, Stat]) -> list[str]:
    """The listing as sorted text lines, for a digest."""
    return [f"{rel}:{size}:{mtime}:{ino}" for rel, (size, mtime, ino) in sorted(found.items())]


def after(
    found: dict[str, Stat],
    root: str | os.PathLike[str],
    removed: Iterable[str],
    changed: Iterable[str],
) -> dict[str, Stat]:
    """The listing of ``root`` once the files ``removed`` are gone and those
    ``changed`` were written again (each is read anew)."""
    result = dict(found)
    for rel in removed:
        result.pop(rel, None)
    base = os.fspath(root)
    for rel in changed:
        result[rel] = _stat(os.path.join(base, rel))
    return result
