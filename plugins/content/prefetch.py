"""Read every Markdown file on all cores before Pelican asks for them.

Pelican reads files one by one in one process; converting Markdown is most
of a cold build. At the first generator's start, a process pool reads them
all with the same reader; Pelican's later ``read()`` calls then take the
result. Pelican's URL objects (tags, category, author) travel as plain names
and are rebuilt here, since pickling one would pickle the whole settings.

Per-build objects that workers change (the images registry) take part
through three methods: ``fork_mark()``, ``fork_delta(mark)`` and
``fork_merge(delta)``.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

from pelican.urlwrappers import Author, Category, Tag, URLWrapper

KEY = "COMPTOIR_PREFETCHED"
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


def _read(path: str) -> tuple:
    settings = _worker["settings"]
    marks = {key: value.fork_mark() for key, value in _forkable(settings)}
    try:
        content, metadata = _worker["reader"].read(path)
    except Exception:  # let the main process read it again and report it
        return (path, None, None, None, {})
    deltas = {key: value.fork_delta(marks.get(key)) for key, value in _forkable(settings)}
    flat = {key: _flatten(value) for key, value in metadata.items()}
    return (path, os.stat(path).st_mtime_ns, content, flat, deltas)


def prefetch(settings: dict[str, Any], paths: list[str]) -> None:
    """Read ``paths`` (absolute) in parallel into ``settings[KEY]``."""
    workers = settings.get("COMPTOIR_WORKERS") or os.cpu_count() or 1
    if workers < 2 or len(paths) < MIN_FILES or KEY in settings:
        return
    results: dict[str, tuple] = {}
    chunk = max(1, len(paths) // (workers * 8))
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("fork"),
        initializer=_start,
        initargs=(settings,),
    ) as pool:
        for path, mtime, content, flat, deltas in pool.map(_read, sorted(paths), chunksize=chunk):
            if content is None:
                continue
            for key, delta in deltas.items():
                if key in settings:  # made before the pool started, as it must be
                    settings[key].fork_merge(delta)
            results[path] = (mtime, content, flat)
    settings[KEY] = results


def take(settings: dict[str, Any], path: str) -> tuple[str, dict[str, Any]] | None:
    """The prefetched (content, metadata) of ``path``, if still current."""
    found = settings.get(KEY, {}).pop(path, None)
    if found is None:
        return None
    mtime, content, flat = found
    if os.stat(path).st_mtime_ns != mtime:
        return None
    return content, {key: _restore(value, settings) for key, value in flat.items()}
