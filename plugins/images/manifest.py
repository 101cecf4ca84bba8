"""The image cache: encoded files named by fingerprint, and a manifest that
remembers each source's hash and probe by (size, mtime) so an unchanged
photo is neither re-read nor re-hashed on the next build.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from .probe import Probe

MANIFEST = "manifest.json"


def file_digest(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Manifest:
    """Source path -> (size, mtime_ns, sha256, probe), kept in ``cache_dir``."""

    def __init__(self, cache_dir: Path):
        self.cache_dir = cache_dir
        self.entries: dict[str, dict] = {}
        self.changed = False
        try:
            self.entries = json.loads((cache_dir / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def lookup(self, path: str) -> tuple[str, Probe] | None:
        stat = os.stat(path)
        entry = self.entries.get(path)
        if entry and entry["size"] == stat.st_size and entry["mtime_ns"] == stat.st_mtime_ns:
            return entry["sha256"], Probe(**entry["probe"])
        return None

    def remember(self, path: str, digest: str, probe: Probe) -> None:
        stat = os.stat(path)
        self.entries[path] = {
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "sha256": digest,
            "probe": asdict(probe),
        }
        self.changed = True

    def remember_known(self, path: str, digest: str, probe: Probe) -> None:
        """Like :meth:`remember`, unless the entry is already current."""
        if self.lookup(path) is None:
            self.remember(path, digest, probe)

    def cached(self, key: str, ext: str) -> Path:
        return self.cache_dir / f"{key}.{ext}"

    def save(self) -> None:
        if not self.changed:
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.cache_dir, suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self.entries, out, sort_keys=True)
        os.replace(temporary, self.cache_dir / MANIFEST)
        self.changed = False
