"""A build that would change nothing stops before it starts.

After a build that gave no message at all, a stamp of everything it was
made of is saved: the site key (reuse.py: code, theme, translations,
settings, the day), the libraries installed, and every file of the content
folder and of the live site by size, dates and inode. The next build works
the stamp out first; when it is the same, the live site is already what the
build would write, so it says so and leaves every file as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..artefacts import atomic_write
from . import listing
from .fingerprint import digest

STAMP_VERSION = 2


def _listing(root: Path) -> tuple[str, ...]:
    """Every file under ``root`` by path, size, date and inode (an editor
    that saves by renaming makes a new inode even within the same second)."""
    return tuple(listing.lines(listing.files(root)))


def _libraries() -> list[str]:
    """The installed distributions by name and version (their
    ``.dist-info`` folders): an upgraded Pillow or Pagefind counts."""
    found: list[str] = []
    for entry in sys.path:
        if entry.endswith("site-packages") and os.path.isdir(entry):
            found += sorted(n for n in os.listdir(entry) if n.endswith(".dist-info"))
    return found


@dataclass(frozen=True)
class Inputs:
    """What a build reads, taken before it runs: the site key with the
    libraries, and the content folder's files."""

    site: str
    content_root: Path
    content: tuple[str, ...]

    def digest(self) -> str:
        return digest("\n".join([f"v{STAMP_VERSION}", self.site, *self.content]))


def inputs(key: str, settings: Mapping[str, Any]) -> Inputs:
    """The inputs of a build of ``settings`` whose site key is ``key``."""
    site = digest("\n".join([key, *_libraries()]))
    content = Path(settings.get("PATH") or "content")
    return Inputs(site, content, _listing(content))


def _path(settings: Mapping[str, Any], live: Path) -> Path:
    cache = Path(settings.get("CACHE_PATH") or "cache")
    return cache / f"uptodate-{digest(str(live))[:12]}.json"


def is_current(found: Inputs, settings: Mapping[str, Any], live: Path) -> bool:
    """Whether the last build's stamp is this one's, and still in date."""
    try:
        saved = json.loads(_path(settings, live).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    until = saved.get("until")
    if until is not None and dt.datetime.now(dt.UTC).timestamp() >= until:
        return False
    # The inputs first: after an edit, the output need not be listed.
    if saved.get("inputs") != found.digest() or not live.is_dir():
        return False
    return saved.get("output") == digest("\n".join(_listing(live)))


def save(
    found: Inputs,
    settings: Mapping[str, Any],
    live: Path,
    dates: Iterable[Any],
    output: dict[str, listing.Stat] | None = None,
) -> None:
    """Stamp the live site just made from ``found``. ``dates``: the stories'
    and pages' dates; the first one still to come ends the stamp's validity
    (a story scheduled for 17:00 appears at the first build after it).
    ``output``: the live site's listing when the build already has it
    (patch.py), instead of a walk."""
    if _listing(found.content_root) != found.content:
        # A file was saved while the build ran: what it made may be older.
        forget(settings, live)
        return
    now = dt.datetime.now(dt.UTC)
    later = [
        moment.timestamp()
        for moment in dates
        if isinstance(moment, dt.datetime) and _aware(moment) > now
    ]
    stamp = {
        "inputs": found.digest(),
        "output": digest(
            "\n".join(listing.lines(output) if output is not None else _listing(live))
        ),
        "until": min(later, default=None),
    }
    text = json.dumps(stamp)
    atomic_write(_path(settings, live), lambda p: Path(p).write_text(text, encoding="utf-8"))


def forget(settings: Mapping[str, Any], live: Path) -> None:
    """No stamp: the next build runs in full."""
    _path(settings, live).unlink(missing_ok=True)


def _aware(moment: dt.datetime) -> dt.datetime:
    # Pelican's dates carry the site's time zone; a naive one is local time.
    return moment if moment.tzinfo else moment.astimezone()
