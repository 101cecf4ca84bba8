"""Read every Markdown file on all cores before Pelican asks for them.

Pelican reads files one by one in one process; converting Markdown is most
of a cold build. At the first generator's start, a process pool reads them
all with the same reader; Pelican's later ``read()`` calls then take the
result. Pelican's URL objects (tags, category, author) travel as plain names
and are rebuilt here, since pickling one would pickle the whole settings.

Per-build objects that workers change (the images registry) take part
through ``fork_mark()``, ``fork_delta(mark)``, ``fork_merge(delta)`` and
``fork_valid(delta)`` (is a cached delta still true?). Results are kept
across builds by :mod:`.readcache`.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

from pelican.urlwrappers import Author, Category, Tag, URLWrapper

from comptoir.core.report import captured_logs, replay

from .readcache import ReadCache, file_key

KEY = "COMPTOIR_PREFETCHED"
PROBLEMS = "comptoir_problems"
MIN_FILES = 40  # below this, starting processes costs more than it saves
_WRAPPERS = {"Category": Category, "Tag": Tag, "Author": Author}

# Set in each worker process by the pool's initializer (never in the main
# process): the reader and settings that worker uses for every file.
_worker: dict[str, Any] = {}


def _flatten(value: Any) -> Any:
    if isinstance(value, URLWrapper):
        return ("__urlwrapper__", type(value).__name__, value.name)
    if isinstance(value, list):
        return [_flatten(item) for item in value]
    return value


def _restore(value: Any, settings: dict[str, Any]) -> Any:
    if isinstance(value, tuple) and len(value) == 3 and value[0] == "__urlwrapper__":
        return _WRAPPERS[value[1]](value[2], settings)
    if isinstance(value, list):
        return [_restore(item, settings) for item in value]
    return value


def _forkable(settings: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(key, value) for key, value in settings.items() if hasattr(value, "fork_delta")]


def _start(settings: dict[str, Any]) -> None:
    from .reader import ComptoirMarkdownReader

    _worker["settings"] = settings
    _worker["reader"] = ComptoirMarkdownReader(settings)


def read_one(reader: Any, settings: dict[str, Any], path: str) -> tuple:
    """Read one file; what it gave, flattened, with the forkable objects' changes."""
    marks = {key: value.fork_mark() for key, value in _forkable(settings)}
    try:
        content, metadata = reader.read(path)
    except Exception:  # let Pelican read it again and report it
        return (path, None, None, {})
    deltas = {key: value.fork_delta(marks.get(key)) for key, value in _forkable(settings)}
    flat = {key: _flatten(value) for key, value in metadata.items()}
    return (path, content, flat, deltas)


def _read(path: str) -> tuple:
    with captured_logs() as records:
        result = read_one(_worker["reader"], _worker["settings"], path)
    return (*result, records)


def _keepable(settings: dict[str, Any], flat: dict[str, Any], deltas: dict[str, Any]) -> bool:
    """Never keep a file with a problem (its message must come back)."""
    forkable = dict(_forkable(settings))
    return not flat.get(PROBLEMS) and all(
        key in forkable and forkable[key].fork_valid(delta) for key, delta in deltas.items()
    )


def prefetch(settings: dict[str, Any], paths: list[str]) -> None:
    """Give every file's reading result to ``settings[KEY]``: from the cache
    when nothing it depends on changed, else read now (on every core when
    there are many)."""
    if KEY in settings:
        return
    cache = ReadCache(settings)
    results: dict[str, tuple] = {}
    keys = {path: file_key(path) for path in paths}
    missing = []
    for path in sorted(paths):
        hit = cache.get(path, keys[path])
        forkable = dict(_forkable(settings))
        if hit is not None and all(
            key in forkable and forkable[key].fork_valid(delta) for key, delta in hit[2].items()
        ):
            content, flat, deltas = hit
            for key, delta in deltas.items():
                forkable[key].fork_merge(delta)
            results[path] = (content, flat)
        else:
            missing.append(path)
    for path, content, flat, deltas, records in _read_all(settings, missing):
        # What a worker logged is logged here too; a file that logged
        # anything is not kept, so the message comes back next time.
        replay(records)
        if content is None:
            continue
        for key, delta in deltas.items():
            if key in settings:  # made before the pool started, as it must be
                settings[key].fork_merge(delta)
        results[path] = (content, flat)
        if _keepable(settings, flat, deltas) and not records:
            cache.put(path, keys[path], content, flat, deltas)
    cache.save(set(paths))
    settings[KEY] = results


def _read_all(settings: dict[str, Any], paths: list[str]) -> list[tuple]:
    workers = settings.get("COMPTOIR_WORKERS") or os.cpu_count() or 1
    if workers < 2 or len(paths) < MIN_FILES:
        from .reader import ComptoirMarkdownReader

        reader = ComptoirMarkdownReader(settings)
        results = []
        for path in paths:
            with captured_logs() as records:
                result = read_one(reader, settings, path)
            results.append((*result, list(records)))
        return results
    chunk = max(1, len(paths) // (workers * 8))
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("fork"),
        initializer=_start,
        initargs=(settings,),
    ) as pool:
        return list(pool.map(_read, paths, chunksize=chunk))


def take(settings: dict[str, Any], path: str) -> tuple[str, dict[str, Any]] | None:
    """The prefetched (content, metadata) of ``path``, once."""
    found = settings.get(KEY, {}).pop(path, None)
    if found is None:
        return None
    content, flat = found
    return content, {key: _restore(value, settings) for key, value in flat.items()}
