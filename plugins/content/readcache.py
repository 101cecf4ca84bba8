"""Remember what reading each Markdown file gave, across builds.

An entry is reused only when the file's bytes (hashed), the kit's code and
every plain setting are the same as when it was made, and the photos it
names have not changed; a file with a problem is never kept, so its message
comes back on every build until it is fixed.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import pickle
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from comptoir.core.artefacts import atomic_write

if TYPE_CHECKING:
    from comptoir.core.build import Build

FILE_PREFIX = "comptoir-read-"
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


def _source_digest(digest: Any, module_name: str) -> None:
    """Hash a plugin's code: every .py of its package, or its single file."""
    spec = importlib.util.find_spec(module_name)
    origin = Path(spec.origin) if spec and spec.origin else None
    if origin is None:
        digest.update(module_name.encode())
        return
    files = sorted(origin.parent.rglob("*.py")) if origin.name == "__init__.py" else [origin]
    for source in files:
        if "tests" not in source.parts:
            digest.update(source.read_bytes())


def fingerprint(build: Build) -> str:
    """What, besides the file itself, shapes the result of reading it: the
    kit's and every plugin's code, which plugins run and the Markdown
    extensions they bring, library versions, the theme's template names
    (``Template:`` is checked against them) and every setting."""
    settings = build.settings
    digest = hashlib.sha256()
    for package in ("comptoir", "comptoir.plugins"):
        _source_digest(digest, package)
    for plugin in settings.get("PLUGINS", []):
        if isinstance(plugin, str) and not plugin.startswith("comptoir"):
            _source_digest(digest, plugin)
    # Which plugins, not their order (nothing a reader makes depends on it).
    digest.update(repr(sorted(loaded.name for loaded in build.plugins)).encode())
    digest.update(_describe(list(build.markdown)).encode())
    for package in ("pelican", "markdown", "pygments", "pillow", "babel"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{package}={metadata.version(package)};".encode())
    folders = [
        *settings.get("THEME_TEMPLATES_OVERRIDES", []),
        os.path.join(settings.get("THEME", ""), "templates"),
    ]
    for folder in folders:
        names = sorted(p.name for p in Path(folder).glob("*.html")) if folder else []
        digest.update(repr(names).encode())
    for key in sorted(settings):
        if key in IGNORED:
            continue
        digest.update(f"{key}={_describe(settings[key])};".encode())
    return digest.hexdigest()


def _describe(value: Any) -> str:
    """A stable text for a setting; objects (e.g. Markdown extensions) by
    their class and configuration, not their memory address."""
    if _plain(value):
        return repr(value)
    if isinstance(value, dict):
        return (
            "{"
            + ",".join(
                f"{k!r}:{_describe(v)}"
                for k, v in sorted(value.items(), key=lambda kv: repr(kv[0]))
            )
            + "}"
        )
    if isinstance(value, list | tuple):
        return "[" + ",".join(_describe(v) for v in value) + "]"
    configs = getattr(value, "getConfigs", None)
    if callable(configs):
        return f"{type(value).__qualname__}({_describe(configs())})"
    return getattr(value, "__qualname__", None) or type(value).__qualname__


def file_key(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


class ReadCache:
    """One file per fingerprint (dev, publish and preview builds each keep
    theirs); the last few are kept, older ones deleted."""

    KEEP = 3

    def __init__(self, build: Build):
        self.fingerprint = fingerprint(build)
        self.folder = Path(build.settings.get("CACHE_PATH", "cache"))
        self.file = self.folder / f"{FILE_PREFIX}{self.fingerprint[:20]}.pickle"
        self.entries: dict[str, tuple] = {}
        self.changed = False
        try:
            with open(self.file, "rb") as handle:
                self.entries = pickle.load(handle)
        except Exception:  # missing, cut, or made by another version: start afresh
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
        data = pickle.dumps(self.entries, protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(self.file, lambda path: Path(path).write_bytes(data))
        others = sorted(
            self.folder.glob(f"{FILE_PREFIX}*.pickle"),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in others[self.KEEP :]:
            old.unlink(missing_ok=True)
