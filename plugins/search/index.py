"""Writing the index: the records go to Pagefind's service, its files come
back in memory, made stable (stable.py) and written beside the live index,
then swapped in whole (livereload re-indexes a site being served). No HTML
is read back."""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from .records import Record
from .service import Service
from .stable import stable


def add_record(index: int, record: Record) -> dict[str, Any]:
    """The service's request adding ``record`` to index number ``index``."""
    return {
        "type": "AddRecord",
        "index_id": index,
        "url": record.url,
        "content": record.content,
        "language": record.language,
        "meta": record.meta,
        "filters": record.filters,
        "sort": record.sort,
    }


def raw_files(found: list[Record]) -> dict[str, bytes]:
    """Pagefind's bundle for ``found`` as it gives it: path → bytes."""
    with Service() as service:
        index = service.send({"type": "NewIndex", "config": None})["index_id"]
        service.send_all(add_record(index, record) for record in found)
        files = service.send({"type": "GetFiles", "index_id": index})["files"]
    return {file["path"]: base64.b64decode(file["content"]) for file in files}


# Pagefind's ready-made interfaces: the theme has its own page (search.js
# on pagefind.js), so these 420 kB would only be published, never loaded.
UNUSED = frozenset(
    {
        "pagefind-ui.js",
        "pagefind-ui.css",
        "pagefind-modular-ui.js",
        "pagefind-modular-ui.css",
        "pagefind-component-ui.js",
        "pagefind-component-ui.css",
        "pagefind-highlight.js",
    }
)


def pagefind_files(found: list[Record]) -> dict[str, bytes]:
    """Pagefind's bundle for ``found``, what the search page uses: path →
    bytes, stable."""
    files = stable(raw_files(found))
    return {path: data for path, data in files.items() if path not in UNUSED}


def write_index(found: list[Record], folder: Path) -> None:
    """Pagefind's bundle for ``found`` into ``folder``, replaced whole."""
    files = pagefind_files(found)
    fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
    try:
        for path, data in files.items():
            target = fresh / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for place in (fresh, *(p for p in fresh.rglob("*") if p.is_dir())):
            place.chmod(0o755)
        old = folder.with_name(f".{folder.name}.old")
        if folder.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(folder, old)
        os.replace(fresh, folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
