"""Remember what reading each Markdown file gave, across builds.

An entry is reused only when the file's bytes (hashed), the kit's code and
every plain setting are the same as when it was made, and the photos it
names have not changed; a file with a problem is never kept, so its message
comes back on every build until it is fixed. Entries are kept in shards by
path, and only the shards that changed are written again.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import pickle
import shutil
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


# An edit changes one entry: the cache is cut in shards by path, and a build
# writes again only the shards whose entries changed (the whole cache is
# 98 MB at 10,000 stories, written again after each edit when it was one file).
SHARDS = 32


def shard_of(path: str) -> int:
    """The shard holding ``path``'s entry, the same from build to build."""
    return int.from_bytes(hashlib.blake2b(path.encode(), digest_size=2).digest(), "big") % SHARDS


class ReadCache:
    """One folder of shards per fingerprint (dev, publish and preview builds
    each keep theirs); the last few are kept, older ones deleted."""

    KEEP = 3

    def __init__(self, build: Build):
        self.fingerprint = fingerprint(build)
        self.folder = Path(build.settings.get("CACHE_PATH", "cache"))
        self.place = self.folder / f"{FILE_PREFIX}{self.fingerprint[:20]}"
        self.entries: dict[str, tuple] = {}
        self.dirty: set[int] = set()  # the shards to write again
        for shard in self.place.glob("*.pickle"):
            try:
                with open(shard, "rb") as handle:
                    self.entries.update(pickle.load(handle))
            except Exception:  # cut, or made by another version: its files are read again
                with contextlib.suppress(ValueError):
                    self.dirty.add(int(shard.stem))

    def get(self, path: str, key: str) -> tuple | None:
        entry = self.entries.get(path)
        return entry[1:] if entry and entry[0] == key else None

    def put(self, path: str, key: str, content: str, flat: dict, deltas: dict) -> None:
        self.entries[path] = (key, content, flat, deltas)
        self.dirty.add(shard_of(path))

    def save(self, present: set[str]) -> None:
        """Write the shards that changed; forget the entries of files gone."""
        for path in set(self.entries) - present:
            del self.entries[path]
            self.dirty.add(shard_of(path))
        if not self.dirty:
            return
        shards: dict[int, dict[str, tuple]] = {number: {} for number in self.dirty}
        for path, entry in self.entries.items():
            part = shards.get(shard_of(path))
            if part is not None:
                part[path] = entry
        self.place.mkdir(parents=True, exist_ok=True)
        for number, part in shards.items():
            data = pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)
            atomic_write(
                self.place / f"{number:02d}.pickle", lambda p, d=data: Path(p).write_bytes(d)
            )
        self.dirty.clear()
        os.utime(self.place)  # its date: when it was last written, for the pruning below
        others = sorted(
            self.folder.glob(f"{FILE_PREFIX}*"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in others[self.KEEP :]:
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:  # a cache in one file, as earlier versions kept it
                old.unlink(missing_ok=True)
