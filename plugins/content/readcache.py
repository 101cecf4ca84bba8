"""Remember what reading each Markdown file gave, across builds.

An entry is reused only when the file's bytes (hashed), the kit's code and
every plain setting are the same as when it was made, and the photos it
names have not changed; a file with a problem is never kept, so its message
comes back on every build until it is fixed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

FILE = "comptoir-read.pickle"
# Settings that differ between builds without changing what reading gives.
IGNORED = {"OUTPUT_PATH"}


def _plain(value: Any) -> bool:
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if isinstance(value, list | tuple | set | frozenset):
        return all(_plain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def fingerprint(settings: dict[str, Any]) -> str:
    """What, besides the file itself, shapes the result of reading it."""
    digest = hashlib.sha256()
    code = Path(__file__).resolve().parents[1]
    for source in sorted(code.rglob("*.py")):
        if "tests" not in source.parts:
            digest.update(source.read_bytes())
    for key in sorted(settings):
        value = settings[key]
        if key in IGNORED:
            continue
        if key == "MARKDOWN":
            value = {
                "extension_configs": value.get("extension_configs", {}),
                "extensions": [
                    getattr(e, "__name__", type(e).__name__) if not isinstance(e, str) else e
                    for e in value.get("extensions", [])
                ],
                "output_format": value.get("output_format"),
            }
        if _plain(value):
            digest.update(f"{key}={value!r};".encode())
    return digest.hexdigest()


def file_key(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


class ReadCache:
    def __init__(self, settings: dict[str, Any]):
        self.file = Path(settings.get("CACHE_PATH", "cache")) / FILE
        self.fingerprint = fingerprint(settings)
        self.entries: dict[str, tuple] = {}
        self.changed = False
        try:
            with open(self.file, "rb") as handle:
                stored_fingerprint, entries = pickle.load(handle)
            if stored_fingerprint == self.fingerprint:
                self.entries = entries
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
            self.entries = {}

    def get(self, path: str, key: str) -> tuple | None:
        entry = self.entries.get(path)
        return entry[1:] if entry and entry[0] == key else None

    def put(self, path: str, key: str, content: str, flat: dict, deltas: dict) -> None:
        self.entries[path] = (key, content, flat, deltas)
        self.changed = True

    def save(self, present: set[str]) -> None:
        gone = set(self.entries) - present
        for path in gone:
            del self.entries[path]
        if not (self.changed or gone):
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.file.parent, suffix=".pickle")
        with os.fdopen(handle, "wb") as out:
            pickle.dump((self.fingerprint, self.entries), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.file)
