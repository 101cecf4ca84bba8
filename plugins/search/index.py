"""Writing the index with Pagefind's own binary (the ``pagefind_bin``
package, pinned: nothing is downloaded at build time), through its Python
API, from records: no HTML is read back."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import tempfile
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
    """Pagefind's bundle for ``found`` into ``folder``, replaced whole: written
    beside it, then swapped in (livereload re-indexes a site being served)."""
    fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
    try:
        # A thread of its own: livereload builds inside tornado's running
        # event loop, where asyncio.run() is refused.
        with ThreadPoolExecutor(max_workers=1) as worker:
            worker.submit(asyncio.run, _write(found, fresh)).result()
        # Pagefind lists the languages in a hash map's order, different at
        # each run: sorted, the same records give the same bytes.
        entry = fresh / ENTRY
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["languages"] = dict(sorted(data.get("languages", {}).items()))
        entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
        fresh.chmod(0o755)
        old = folder.with_name(f".{folder.name}.old")
        if folder.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(folder, old)
        os.replace(fresh, folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
