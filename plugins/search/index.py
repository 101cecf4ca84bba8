"""Writing the index: the records go to Pagefind's service, its files come
back in memory, made stable (stable.py) and written into the cache, from
where kept.py links them into the output. No HTML is read back."""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping
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


def write_files(
    files: dict[str, bytes], folder: Path, earlier: Mapping[str, str] | None = None
) -> None:
    """Pagefind's files (path → bytes) into the new ``folder``, readable by
    a web server whatever the umask. ``earlier``: files of the parts made
    before (path in a part → where it is); one with the same bytes is
    linked, not written."""
    # Plain os calls, one mkdir per folder: pathlib's mkdir and a walk to set
    # the modes were 0.3 s of the 500 files of a part (after an edit, the
    # build waits for them).
    base = os.fspath(folder)
    os.makedirs(base, exist_ok=True)
    folders = {base}
    for path, data in files.items():
        target = os.path.join(base, path)
        parent = os.path.dirname(target)
        if parent not in folders:
            os.makedirs(parent, exist_ok=True)
            # Its new ancestors too, for the modes (up to the folder, or the root).
            while parent not in folders and parent != os.path.dirname(parent):
                folders.add(parent)
                parent = os.path.dirname(parent)
        if not _linked(earlier, path, data, target):
            with open(target, "wb") as handle:
                handle.write(data)
    for place in folders:
        os.chmod(place, 0o755)


def _linked(earlier: Mapping[str, str] | None, path: str, data: bytes, target: str) -> bool:
    """Whether ``target`` could be a link to an earlier file holding ``data``.

    An edit changes one record of its part, and Pagefind names fragments and
    index chunks by their bytes: most files of the part it indexes again are
    those of the part before. A new file costs the disk far more than a link
    (here 0.03 to 0.7 ms against 0.01 ms, depending on what the disk still
    has to write: up to 0.4 s for the 500 files of a part), and the live
    site's copy, a link to the same file, then stays where it is."""
    source = earlier.get(path) if earlier else None
    if source is None:
        return False
    try:
        with open(source, "rb") as handle:
            if handle.read(len(data) + 1) != data:
                return False
        os.link(source, target)
    except OSError:  # gone since, or another file system: written instead
        return False
    return True
