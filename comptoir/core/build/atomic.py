"""Build into a fresh folder, then swap it into place; clean only our folders.
(A build after an edit brings the live folder up to date instead: patch.py.)

The output folder carries a marker file. A folder without it was not made by
Comptoir (it may be the owner's documents after a typo in OUTPUT_PATH), so the
kit refuses to replace or delete it.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from comptoir.core.i18n import N_
from comptoir.core.i18n.errors import OwnerError

MARKER = ".comptoir-output"
MARKER_TEXT = "This folder is built by Comptoir; `invoke clean` may delete it.\n"


class RefusedError(OwnerError):
    """The kit will not touch this folder (``translated(settings)`` says why)."""


def is_ours(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def _not_ours(output: Path) -> RefusedError:
    return RefusedError(
        N_(
            "%(path)s was not made by Comptoir (there is no %(marker)s file in it), so it "
            "is left untouched: empty it yourself or choose another OUTPUT_PATH."
        ),
        path=str(output),
        marker=MARKER,
    )


def check_replaceable(output: Path, project: Path) -> None:
    """Refuse an output folder that is not ours or that holds the project."""
    output, project = output.resolve(), project.resolve()
    if output == project or output in project.parents or output == Path(output.anchor):
        raise RefusedError(
            N_("%(path)s contains the project itself: choose another OUTPUT_PATH."),
            path=str(output),
        )
    if output.exists() and not output.is_dir():
        raise RefusedError(
            N_("%(path)s is a file, not a folder: choose another OUTPUT_PATH."), path=str(output)
        )
    if output.is_dir() and any(output.iterdir()) and not is_ours(output):
        raise _not_ours(output)


def new_staging(output: Path) -> Path:
    """A fresh, marked folder beside ``output`` to build into."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    # mkdtemp makes it 0700; the site is for a web server to read, like any
    # folder made with the owner's umask.
    staging.chmod(0o777 & ~_umask())
    (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return staging


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def discard(staging: Path) -> None:
    if staging.exists() and is_ours(staging):
        shutil.rmtree(staging)


def keep_times(staging: Path, output: Path) -> int:
    """Give each staged file whose bytes equal the live one's the live file's
    times, and return how many: a file that did not change keeps its date,
    so a publish by size and date (rsync) passes over it, and so does a
    reader's cache."""
    kept = 0
    for folder, _dirs, files in os.walk(staging):
        rel = os.path.relpath(folder, staging)
        for name in files:
            new, old = os.path.join(folder, name), os.path.join(output, rel, name)
            try:
                before = os.stat(old)
            except OSError:
                continue
            after = os.stat(new)
            # Photos' sizes are hard links to the artefacts cache, static
            # files copies that keep their source's date: the same file, or
            # the same size and date, is the same (rsync's own quick check).
            # Sizes then tell most changed pages apart, unread.
            same = (before.st_ino, before.st_dev) == (after.st_ino, after.st_dev) or (
                before.st_size == after.st_size and before.st_mtime_ns == after.st_mtime_ns
            )
            if not same:
                if before.st_size != after.st_size or not filecmp.cmp(old, new, False):
                    continue
                os.utime(new, ns=(before.st_atime_ns, before.st_mtime_ns))
            kept += 1
    return kept


def swap(staging: Path, output: Path, project: Path) -> None:
    """Put ``staging`` where ``output`` is; the old output is deleted after,
    in the background (:func:`remove_later`).

    Two renames on one file system: readers of the folder see either the old
    site or the new one, never a half-written one. Unchanged files keep
    their dates (:func:`keep_times`).
    """
    check_replaceable(output, project)
    if output.is_dir():
        keep_times(staging, output)
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        os.rmdir(old)
    try:
        if old is not None:
            os.replace(output, old)
        os.replace(staging, output)
    except BaseException:
        # A failure, or Ctrl-C, between the two renames: never no site at all.
        if old is not None and old.exists():
            if output.exists():
                remove_later(old)
            else:
                os.replace(old, output)  # put the previous site back
        raise
    if old is not None:
        remove_later(old)


def remove_later(old: Path) -> None:
    """Delete the replaced site in a process of its own, not waited for.

    The new site is in place already; deleting the old one's tens of
    thousands of files (4 s at 10,000 stories) is no reason to keep the
    owner waiting. The files kept from it are hard links, so they stay.
    Where ``rm`` cannot be started, delete it here.
    """
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", str(old)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(old, ignore_errors=True)


def clean(output: Path, project: Path) -> bool:
    """Delete the output folder if it is ours; return whether anything went.

    Stricter than a build: even an empty folder must carry our marker.
    """
    check_replaceable(output, project)
    if not output.exists():
        return False
    if not is_ours(output):
        raise _not_ours(output)
    shutil.rmtree(output)
    for leftover in output.parent.glob(f".{output.name}.*-*"):
        if leftover.is_dir() and is_ours(leftover):
            shutil.rmtree(leftover, ignore_errors=True)
    return True
