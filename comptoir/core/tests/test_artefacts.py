"""Artefacts: written whole or not at all, hashed once, forgotten when unused."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from comptoir.core.artefacts import (
    KEEP_DAYS,
    MANIFEST,
    PART,
    PUBLIC,
    ArtefactCache,
    atomic_write,
    link_into,
)

DAY = 86400


def test_a_failed_write_leaves_the_old_file_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "card.jpg"
    target.write_bytes(b"old")

    def fail(path: str) -> None:
        Path(path).write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        atomic_write(target, fail)
    assert [p.name for p in tmp_path.iterdir()] == ["card.jpg"]
    assert target.read_bytes() == b"old"
    atomic_write(target, lambda path: Path(path).write_bytes(b"new"))
    assert target.read_bytes() == b"new"


def test_an_unchanged_source_is_not_read_again(tmp_path: Path) -> None:
    source = tmp_path / "font.ttf"
    source.write_bytes(b"aaaa")
    cache = ArtefactCache(tmp_path / "cache")
    first = cache.digest(str(source))
    cache.save()
    stat = source.stat()
    source.write_bytes(b"bbbb")  # same size; the same mtime put back below
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert ArtefactCache(tmp_path / "cache").digest(str(source)) == first
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert ArtefactCache(tmp_path / "cache").digest(str(source)) != first


def test_what_no_build_used_for_long_is_deleted(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    now = time.time()
    for name in ("used-now.jpg", "used-last-week.jpg", "unused-for-long.jpg", "unlisted-old.jpg"):
        (folder / name).write_bytes(b"x")
    old = now - (KEEP_DAYS + 1) * DAY
    os.utime(folder / "unlisted-old.jpg", (old, old))
    cut = folder / f".card.jpg{PART}"  # left by a build cut while writing
    cut.write_bytes(b"half")
    os.utime(cut, (now - 7200, now - 7200))
    writing = folder / f".other.jpg{PART}"  # being written right now
    writing.write_bytes(b"half")

    cache = ArtefactCache(folder)
    day = lambda seconds: dt.date.fromtimestamp(seconds).isoformat()  # noqa: E731
    cache.last_used = {
        "used-last-week.jpg": day(now - 7 * DAY),
        "unused-for-long.jpg": day(old),
        "used-now.jpg": day(old),
    }
    assert cache.missing(["used-now.jpg", "made-now.jpg"]) == ["made-now.jpg"]
    cache.save(now)
    left = sorted(p.name for p in folder.iterdir())
    assert left == [f".other.jpg{PART}", MANIFEST, "used-last-week.jpg", "used-now.jpg"]
    again = ArtefactCache(folder)
    assert again.last_used == {"used-last-week.jpg": day(now - 7 * DAY), "used-now.jpg": day(now)}


def test_link_into_skips_what_could_not_be_made(tmp_path: Path) -> None:
    made = tmp_path / "a.webp"
    made.write_bytes(b"x")
    output = tmp_path / "output"
    link_into(output, [(made, "media/a.webp"), (tmp_path / "never.webp", "media/b.webp")])
    assert sorted(p.name for p in (output / "media").iterdir()) == ["a.webp"]
    assert (output / "media/a.webp").stat().st_ino == made.stat().st_ino


def test_a_file_is_its_owners_alone_unless_it_is_served(tmp_path: Path) -> None:
    """Private by default (the digest's ledger holds readers' addresses);
    what the site serves is readable by the web server."""
    atomic_write(tmp_path / "ledger.json", lambda p: Path(p).write_text("{}"))
    atomic_write(tmp_path / "card.jpg", lambda p: Path(p).write_bytes(b"jpeg"), mode=PUBLIC)
    assert (tmp_path / "ledger.json").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "card.jpg").stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.jpg", "ledger.json"]
