"""Read every Markdown file on all cores before Pelican asks for them.

Pelican reads files one by one in one process; converting Markdown is most
of a cold build. At the first generator's start, forked processes read them
all with the build's own reader; Pelican's later ``read()`` calls then take
the result from :class:`Prefetched`, a part of the build. Pelican's URL
objects (tags, category, author) travel as plain names and are rebuilt here,
since pickling one would pickle the whole settings.

Parts of the build that readers change (the images registry) take part
through ``fork_mark()``, ``fork_delta(mark)``, ``fork_merge(delta)`` and
``fork_valid(delta)`` (is a cached delta still true?). Results are kept
across builds by :mod:`.readcache`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from pelican.urlwrappers import Author, Category, Tag, URLWrapper

from comptoir.core.build.parallel import fork_shares
from comptoir.core.report import captured_logs, replay

from .readcache import ReadCache, file_key

if TYPE_CHECKING:
    from comptoir.core.build import Build

PROBLEMS = "comptoir_problems"
MIN_FILES = 40  # below this, starting processes costs more than it saves
_WRAPPERS = {"Category": Category, "Tag": Tag, "Author": Author}


class Prefetched:
    """What reading each file gave, waiting for Pelican to ask (once)."""

    def __init__(self, build: Build):
        self.settings = build.settings
        self.results: dict[str, tuple[str, dict[str, Any]]] | None = None
        # One tag, category or author object per name for the whole build:
        # each new one works its slug out again (40,000 slugs at 10,000
        # stories). Nothing changes one once made; Pelican groups them by slug.
        self._wrappers: dict[tuple[str, str], URLWrapper] = {}

    def take(self, path: str) -> tuple[str, dict[str, Any]] | None:
        """The prefetched (content, metadata) of ``path``, once."""
        found = (self.results or {}).pop(path, None)
        if found is None:
            return None
        content, flat = found
        return content, {key: self._restore(value) for key, value in flat.items()}

    def _restore(self, value: Any) -> Any:
        if isinstance(value, tuple) and len(value) == 3 and value[0] == "__urlwrapper__":
            key = (value[1], value[2])
            made = self._wrappers.get(key)
            if made is None:
                made = self._wrappers[key] = _WRAPPERS[value[1]](value[2], self.settings)
            return made
        if isinstance(value, list):
            return [self._restore(item) for item in value]
        return value


def _flatten(value: Any) -> Any:
    if isinstance(value, URLWrapper):
        return ("__urlwrapper__", type(value).__name__, value.name)
    if isinstance(value, list):
        return [_flatten(item) for item in value]
    return value


def _forkable(build: Build) -> dict[str, Any]:
    return {type(part).__qualname__: part for part in build.parts() if hasattr(part, "fork_delta")}


def read_one(reader: Any, build: Build, path: str) -> tuple:
    """Read one file; what it gave, flattened, with the forkable parts' changes."""
    forkable = _forkable(build)
    marks = {key: value.fork_mark() for key, value in forkable.items()}
    try:
        content, metadata = reader.read(path)
    except Exception:  # let Pelican read it again and report it
        return (path, None, None, {})
    deltas = {key: value.fork_delta(marks.get(key)) for key, value in forkable.items()}
    flat = {key: _flatten(value) for key, value in metadata.items()}
    return (path, content, flat, deltas)


def _still_true(forkable: dict[str, Any], deltas: dict[str, Any]) -> bool:
    return all(key in forkable and forkable[key].fork_valid(d) for key, d in deltas.items())


def prefetch(build: Build, reader: Any, paths: list[str]) -> None:
    """Give every file's reading result to the build's :class:`Prefetched`:
    from the cache when nothing it depends on changed, else read now (on
    every core when there are many)."""
    store = build.part(Prefetched)
    if store.results is not None:
        return
    cache = ReadCache(build)
    results: dict[str, tuple] = {}
    keys = {path: file_key(path) for path in paths}
    missing = []
    forkable = _forkable(build)
    for path in sorted(paths):
        hit = cache.get(path, keys[path])
        if hit is not None and _still_true(forkable, hit[2]):
            content, flat, deltas = hit
            for key, delta in deltas.items():
                forkable[key].fork_merge(delta)
            results[path] = (content, flat)
        else:
            missing.append(path)
    for path, content, flat, deltas, records in _read_all(build, reader, missing):
        # What a worker logged is logged here too; a file that logged
        # anything is not kept, so the message comes back next time.
        replay(records)
        if content is None:
            continue
        for key, delta in deltas.items():
            if key in forkable:  # made before the workers forked, as it must be
                forkable[key].fork_merge(delta)
        results[path] = (content, flat)
        # Never keep a file with a problem (its message must come back).
        if not flat.get(PROBLEMS) and _still_true(forkable, deltas) and not records:
            cache.put(path, keys[path], content, flat, deltas)
    cache.save(set(paths))
    store.results = results


def _read_all(build: Build, reader: Any, paths: list[str]) -> list[tuple]:
    def read(share: int, shares: int) -> list[tuple]:
        found = []
        for path in paths[share::shares]:
            with captured_logs() as records:
                result = read_one(reader, build, path)
            found.append((*result, list(records)))
        return found

    workers = build.settings.get("COMPTOIR_WORKERS") or os.cpu_count() or 1
    if workers < 2 or len(paths) < MIN_FILES:
        return read(0, 1)
    shares, failures = fork_shares(read, workers)
    for failure in failures:
        build.report.add("content", failure)
    # In the files' order, as one process would have read them: what they
    # logged is told in that order.
    return sorted((result for share in shares for result in share), key=lambda r: r[0])
