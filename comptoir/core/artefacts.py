"""Files a build makes from inputs and keeps for the next one: the photos'
web versions, the share cards.

An artefact is named by a hash of everything that shapes it, so it is made
again exactly when one of its inputs changed (mkdocs-material's social
plugin does the same). :class:`ArtefactCache` keeps, in one folder, the
artefacts and a manifest: each source's hash by (size, mtime), so an
unchanged file is never read again, and the day each artefact was last used,
so what no build has used for :data:`KEEP_DAYS` days is deleted. Every file
is written aside and renamed (:func:`atomic_write`): a cut build never leaves
half a file, and what a cut left behind is cleared.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

MANIFEST = "manifest.json"
# Long enough for a site built now and then for development and for
# publishing (their cards differ): each keeps its own.
KEEP_DAYS = 30
PART = ".part"  # what atomic_write writes before the rename
# A file the site serves (a photo's sizes, a share card): readable by the
# web server, as Pelican's own pages are and as publish sends them.
PUBLIC = 0o644
J = TypeVar("J")
R = TypeVar("R")


def file_digest(path: str | Path) -> str:
    """The SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def atomic_write(target: str | Path, write: Callable[[str], None], mode: int | None = None) -> None:
    """``write(path)`` into a temporary file beside ``target``, then rename it
    over ``target``; nothing is left behind if ``write`` fails.

    The file is the owner's alone (0600, as the temporary file is made),
    unless ``mode`` says otherwise: :data:`PUBLIC` for what the site serves.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.stem}.", suffix=f"{target.suffix}{PART}"
    )
    os.close(handle)
    try:
        write(temporary)
        if mode is not None:
            # Before the rename: the file is never there with the wrong mode.
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def make_all(make: Callable[[J], R], jobs: list[J], workers: int, chunksize: int = 1) -> list[R]:
    """``[make(job) for job in jobs]``, over ``workers`` processes when there
    is more than one job (``make`` and the jobs must pickle)."""
    if len(jobs) > 1 and workers > 1:
        # Imported here: the build package imports this module.
        from .build.parallel import frozen

        # The workers are forked from the build, whose objects stay out of
        # their garbage collector's reach (frozen()'s docstring says why).
        with frozen(), ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            return list(pool.map(make, jobs, chunksize=chunksize))
    return [make(job) for job in jobs]


def link_into(
    output: Path,
    files: Iterable[tuple[str | os.PathLike[str], str]],
    folders: set[str] | None = None,
    live: tuple[Path, set[str]] | None = None,
) -> None:
    """Hard-link (or copy, across file systems) each made file to its path in
    ``output``; a missing artefact (it could not be made) is skipped.
    ``folders``: those already made, shared by calls linking into one tree
    (one ``mkdir`` per folder, not per file: 2,000 kept pages). ``live``:
    the live site a build patches in place (build/patch.py) and the set of
    files it keeps there; a file already linked there joins the set instead
    of being linked into ``output``."""
    folders = set() if folders is None else folders
    base = os.fspath(output)
    if live is not None:
        files = _not_in_place(files, os.fspath(live[0]), live[1])
    # Plain strings and os calls: pathlib's objects were half the time of
    # linking 20,000 kept pages into 20,000 folders.
    for made, name in files:
        target = os.path.join(base, name)
        parent = os.path.dirname(target)
        if parent not in folders:
            try:
                os.mkdir(parent)
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(parent, exist_ok=True)
            folders.add(parent)
        # link() tells both cases apart itself: no stat before (3 calls
        # per file were 2 s of a 10,000-story build).
        try:
            os.link(made, target)
        except (FileExistsError, FileNotFoundError):
            continue  # already there, or an artefact that could not be made
        except OSError:
            if os.path.exists(made) and not os.path.exists(target):
                shutil.copyfile(made, target)


def _not_in_place(
    files: Iterable[tuple[str | os.PathLike[str], str]], live: str, kept: set[str]
) -> Iterable[tuple[str | os.PathLike[str], str]]:
    """The files not already in the live site as the same file; the others
    go into ``kept``. Two reads, where a link and its removal after are two
    writes to the disk (10,000 share cards at 10,000 stories)."""
    for made, name in files:
        try:
            there, source = os.lstat(os.path.join(live, name)), os.stat(made)
        except OSError:
            yield made, name
            continue
        if (there.st_ino, there.st_dev) == (source.st_ino, source.st_dev):
            kept.add(name)
        else:
            yield made, name


class ArtefactCache:
    """One folder of artefacts and its manifest (see the module's docstring)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.sources: dict[str, dict[str, Any]] = {}
        self.last_used: dict[str, str] = {}
        self.used: set[str] = set()
        self.changed = False
        try:
            found = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            self.sources, self.last_used = dict(found["sources"]), dict(found["last_used"])
        except (OSError, ValueError, KeyError, TypeError):  # none yet, cut, or older
            self.sources, self.last_used = {}, {}

    def path(self, name: str) -> Path:
        """Where the artefact ``name`` is (or will be) kept."""
        return self.folder / name

    def source(self, path: str) -> dict[str, Any] | None:
        """What is known of the source file ``path`` if it has not changed
        since (same size and mtime): its ``sha256`` and what the caller kept."""
        stat = os.stat(path)
        entry = self.sources.get(path)
        if entry and entry["size"] == stat.st_size and entry["mtime_ns"] == stat.st_mtime_ns:
            return entry
        return None

    def remember(self, path: str, digest: str, **kept: Any) -> None:
        """Record the source ``path`` as it is now, with its hash."""
        stat = os.stat(path)
        entry = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": digest, **kept}
        if self.sources.get(path) != entry:
            self.sources[path] = entry
            self.changed = True

    def digest(self, path: str) -> str:
        """The SHA-256 of ``path``, from the manifest while the file is unchanged."""
        known = self.source(path)
        if known is not None:
            return str(known["sha256"])
        digest = file_digest(path)
        self.remember(path, digest)
        return digest

    def missing(self, names: Iterable[str]) -> list[str]:
        """The artefacts among ``names`` not made yet; all are marked as used."""
        names = list(names)
        self.used.update(names)
        return [name for name in names if not self.path(name).exists()]

    def save(self, now: float | None = None) -> None:
        """Forget what no build used for KEEP_DAYS days (and what a cut
        build left half-written), then write the manifest atomically."""
        now = time.time() if now is None else now
        today = dt.date.fromtimestamp(now).isoformat()
        for name in self.used:
            if self.last_used.get(name) != today:
                self.last_used[name] = today
                self.changed = True
        self._prune(now)
        if not self.changed:
            return
        manifest = {"sources": self.sources, "last_used": self.last_used}
        text = json.dumps(manifest, sort_keys=True)
        atomic_write(self.folder / MANIFEST, lambda p: Path(p).write_text(text, encoding="utf-8"))
        self.changed = False

    def _prune(self, now: float) -> None:
        if not self.folder.is_dir():
            return
        oldest = dt.date.fromtimestamp(now - KEEP_DAYS * 86400).isoformat()
        for entry in os.scandir(self.folder):
            if not entry.is_file(follow_symlinks=False) or entry.name == MANIFEST:
                continue
            if entry.name.endswith(PART):
                # Left by a cut build (one being written now is seconds old).
                stale = entry.stat().st_mtime < now - 3600
            elif entry.name in self.used:
                continue
            else:
                # Made before manifests kept the day: its own date stands in.
                day = (
                    self.last_used.get(entry.name)
                    or dt.date.fromtimestamp(entry.stat().st_mtime).isoformat()
                )
                stale = day < oldest
            if stale:
                os.unlink(entry.path)
                self.last_used.pop(entry.name, None)
                self.changed = True
        for name in [n for n in self.last_used if not self.path(n).exists()]:
            del self.last_used[name]
            self.changed = True
