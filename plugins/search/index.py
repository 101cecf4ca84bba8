"""Writing the index: the records go to Pagefind's service, its files come
back in memory, made stable (stable.py) and written into the cache, from
where kept.py links them into the output. No HTML is read back."""

from __future__ import annotations

import base64
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


def write_files(files: dict[str, bytes], folder: Path) -> None:
    """Pagefind's files (path → bytes) into the new ``folder``, readable by
    a web server whatever the umask."""
    for path, data in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for place in (folder, *(p for p in folder.rglob("*") if p.is_dir())):
        place.chmod(0o755)
