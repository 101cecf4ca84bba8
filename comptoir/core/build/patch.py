"""Bring the live site up to date in place: only what changed moves.

A build after an edit keeps most pages (reuse.py). Making a whole new site
of hard links and swapping it in (atomic.swap) cost, at 10,000 stories,
20,000 folders and 40,000 links made, and as many removed after: on a busy
disk, most of the build. Instead, such a build writes only what it rendered
or made into its staging folder; then:

1. the plan: each staged file that differs from the live one moves in, each
   live file the new site no longer has goes (:func:`plan`);
2. the plan is written into the live folder as a journal (atomically);
3. the plan is carried out: removals, emptied folders, then renames;
4. the journal goes.

A build cut during step 3 (killed, power lost) leaves the journal: the next
build carries it out first (:func:`finish_pending`), so the site is never
left half old, half new (``invoke clean`` removes it with the rest). Each step can be done twice:
a file already moved is no longer in the staging folder.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import posixpath
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypedDict, TypeGuard

from . import listing
from .atomic import MARKER, is_ours, remove_later

JOURNAL = ".comptoir-journal.json"


class Plan(TypedDict):
    staging: str
    moves: list[str]
    removals: list[str]


def _moves_in(new: str, old: str) -> bool:
    """Whether the staged file ``new`` must replace the live ``old``: not
    when ``old`` already is it (the same file, or the same bytes; a same
    size and date is not enough here, as a copy keeping its source's date
    or a clock counting whole seconds shows). A staged link to an artefact
    of a cache (a share card, a part of the search index) with the same
    bytes as a live copy takes that copy's dates and moves in all the same:
    later builds then find the very same file and read neither (10,000
    cards compared byte for byte at every build, after the cache was
    emptied)."""
    try:
        before = os.lstat(old)
    except OSError:
        return True
    after = os.lstat(new)
    if (before.st_ino, before.st_dev) == (after.st_ino, after.st_dev):
        return False
    if before.st_size != after.st_size or not os.path.isfile(old):
        return True
    if not _same_bytes(old, new):
        return True
    if after.st_nlink < 2 or before.st_mtime_ns == after.st_mtime_ns:
        return False
    os.utime(new, ns=(before.st_atime_ns, before.st_mtime_ns))
    return True


def _same_bytes(first: str, second: str) -> bool:
    # Not filecmp.cmp: it remembers its answers by size and date, in a
    # module global, for the life of the process (livereload's).
    with open(first, "rb") as one, open(second, "rb") as other:
        while True:
            block = one.read(1 << 16)
            if block != other.read(1 << 16):
                return False
            if not block:
                return True


def plan(
    staging: Path, output: Path, kept: Collection[str], listed: Collection[str] | None = None
) -> Plan:
    """What to do to ``output`` so it holds the new site: the staged files
    plus ``kept`` (relative paths of live files the build keeps as they are).
    ``listed``: every file of ``output`` when the caller has walked it."""
    base, live = os.fspath(staging), os.fspath(output)
    staged = listing.paths(base)
    moves = [rel for rel in staged if _moves_in(os.path.join(base, rel), os.path.join(live, rel))]
    wanted = {*staged, *kept}
    present = listing.paths(live) if listed is None else listed
    removals = [rel for rel in present if rel not in wanted and rel != JOURNAL]
    return Plan(staging=base, moves=moves, removals=removals)


def _ancestors(rel: str) -> list[str]:
    parts = rel.split("/")[:-1]
    return ["/".join(parts[: n + 1]) for n in range(len(parts))]


def _apply(output: Path, steps: Plan) -> None:
    """Carry out ``steps`` on ``output``; doing it again finishes it."""
    live, staging = os.fspath(output), steps["staging"]
    for rel in steps["removals"]:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(os.path.join(live, rel))
    # Folders left empty, deepest first (a page that became a file, or a
    # story removed): rmdir fails on one still holding something.
    emptied = {a for rel in steps["removals"] for a in _ancestors(rel)}
    for folder in sorted(emptied, key=lambda f: f.count("/"), reverse=True):
        with contextlib.suppress(OSError):
            os.rmdir(os.path.join(live, folder))
    made: set[str] = set()
    for rel in steps["moves"]:
        source = os.path.join(staging, rel)
        if not os.path.lexists(source):
            continue  # moved before the cut
        target = os.path.join(live, rel)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        os.replace(source, target)


def _journal(output: Path) -> Path:
    return output / JOURNAL


def apply(
    staging: Path, output: Path, kept: Collection[str], listed: Collection[str] | None = None
) -> Plan:
    """Bring ``output`` (ours, live) to the site built in ``staging`` plus
    ``kept``; the staging folder is removed after. Return what was done.
    ``listed``: as for :func:`plan`."""
    steps = plan(staging, output, kept, listed)
    journal = _journal(output)
    text = json.dumps(steps)
    handle, partial = tempfile.mkstemp(prefix=f"{JOURNAL}.", dir=output)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, journal)
    except BaseException:
        # Nothing was done yet: no half journal left in the published folder.
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise
    try:
        _finish(output, steps)
    except KeyboardInterrupt:
        # Ctrl-C half-way: finish first (a second one leaves the journal
        # to the next build).
        if pending(output):
            _finish(output, steps)
        raise
    return steps


def _finish(output: Path, steps: Plan) -> None:
    _apply(output, steps)
    _journal(output).unlink(missing_ok=True)
    # What was not moved is the same as the live files.
    _retire(Path(steps["staging"]))


def _retire(staging: Path) -> None:
    """A staging folder done with: gone in the background, as a replaced
    site is (atomic.remove_later)."""
    if staging.is_dir() and is_ours(staging):
        old = staging.with_name(staging.name.replace(".new-", ".old-", 1))
        os.replace(staging, old)
        remove_later(old)


def pending(output: Path) -> bool:
    """Whether a journal waits in ``output`` (its staging folder must stay)."""
    return _journal(output).is_file()


def drop_pending(output: Path) -> None:
    """Forget a journal that cannot be carried out (the next build swaps a
    whole new site in instead); its staging folder goes in the background."""
    journal = _journal(output)
    with contextlib.suppress(OSError, ValueError):
        steps = json.loads(journal.read_text(encoding="utf-8"))
        if _valid(steps, output):
            _retire(Path(steps["staging"]))
    journal.unlink(missing_ok=True)


def finish_pending(output: Path) -> bool:
    """Carry out a journal a cut build left in ``output``; whether there was one."""
    journal = _journal(output)
    if not (output / MARKER).is_file() or not journal.is_file():
        return False
    try:
        steps = json.loads(journal.read_text(encoding="utf-8"))
    except ValueError:
        steps = None
    if not _valid(steps, output):
        # Written atomically, so never half: one that cannot be read, or
        # that names files outside the site or another staging folder, was
        # edited by hand, and is not carried out (nor published).
        journal.unlink()
        return False
    _finish(output, steps)
    return True


def _valid(steps: object, output: Path) -> TypeGuard[Plan]:
    """Whether ``steps`` is a plan a build of ``output`` wrote: its staging
    folder beside ``output``, and paths inside the site."""
    if not isinstance(steps, dict) or set(steps) != {"staging", "moves", "removals"}:
        return False
    staging = steps["staging"]
    if not isinstance(staging, str) or not os.path.isabs(staging):
        return False
    if Path(staging).parent != output.parent or not Path(staging).name.startswith(
        f".{output.name}.new-"
    ):
        return False
    moves, removals = steps["moves"], steps["removals"]
    if not isinstance(moves, list) or not isinstance(removals, list):
        return False
    return all(isinstance(rel, str) and _inside(rel) for rel in [*moves, *removals])


def _inside(rel: str) -> bool:
    """A relative path that stays in the folder (no ``..``, no ``.``)."""
    return (
        bool(rel)
        and not rel.startswith("/")
        and posixpath.normpath(rel) == rel
        and (".." not in rel.split("/"))
    )


@contextmanager
def exclusive(output: Path) -> Iterator[None]:
    """One build at a time puts its site in ``output`` (livereload and
    ``invoke build`` may run together): a lock on the folder holding it,
    released when the block ends, or when the process does."""
    output.parent.mkdir(parents=True, exist_ok=True)
    folder = os.open(output.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX)
        except OSError as error:
            # A file system without locks (some network ones): build all the
            # same, as before there was a lock.
            if error.errno not in (errno.ENOLCK, errno.EOPNOTSUPP):
                raise
        yield
    finally:
        os.close(folder)


def token(output: Path) -> tuple[int, int] | None:
    """What tells whether another build put its site in ``output`` since:
    a swap makes a new folder, a patch writes and removes its journal in it
    (the folder's date changes), and livereload's new index too."""
    try:
        found = output.stat()
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns
