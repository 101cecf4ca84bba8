"""Build into a fresh folder, then swap it into place; clean only our folders.

The output folder carries a marker file. A folder without it was not made by
Comptoir (it may be the owner's documents after a typo in OUTPUT_PATH), so the
kit refuses to replace or delete it.
"""

from __future__ import annotations

import os
import shutil
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


def swap(staging: Path, output: Path, project: Path) -> None:
    """Put ``staging`` where ``output`` is; the old output is deleted after.

    Two renames on one file system: readers of the folder see either the old
    site or the new one, never a half-written one.
    """
    check_replaceable(output, project)
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        os.rmdir(old)
        os.replace(output, old)
    try:
        os.replace(staging, output)
    except OSError:
        if old is not None:
            os.replace(old, output)  # put the previous site back
        raise
    if old is not None:
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
