"""Writing the index with Pagefind's own binary (the ``pagefind_bin``
package, pinned: nothing is downloaded at build time), through its Python
API, from records: no HTML is read back."""

from __future__ import annotations

import asyncio
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .records import Record

ENTRY = "pagefind-entry.json"


async def _write(found: list[Record], folder: Path) -> None:
    from pagefind.index import PagefindIndex

    async with PagefindIndex(config={"output_path": str(folder)}) as index:
        for record in found:
            await index.add_custom_record(
                url=record.url,
                content=record.content,
                language=record.language,
                meta=record.meta,
                sort=record.sort,
            )


def write_index(found: list[Record], folder: Path) -> None:
    """Pagefind's bundle for ``found`` into ``folder`` (replaced whole)."""
    if folder.exists():
        shutil.rmtree(folder)
    # A thread of its own: livereload builds inside tornado's running event
    # loop, where asyncio.run() is refused.
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(asyncio.run, _write(found, folder)).result()
    # Pagefind lists the languages in a hash map's order, different at each
    # run: sorted, the same records give the same bytes.
    entry = folder / ENTRY
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
