"""The search part of ``invoke bench``: what indexing adds to a build
(Comptoir with and without ``SEARCH``, on the same corpus, runs alternated,
medians), and how fast a query answers in headless Chromium with Pagefind's
own script, the index served from loopback as the site serves it."""

from __future__ import annotations

import shutil
import statistics
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from comptoir.core.minimal import minimal_settings

from .corpus import generate
from .measure import timed
from .rounds import alternate, summary

RUNS = 3
# A word in nearly every story, two words, a rare stem, a number only one
# title holds (no day or month is 31; the corpus has a vocabulary of a few
# dozen words).
QUERIES = ("croissant", "levain farine", "épeautre", "31")
REPEATS = 5
INIT = """async () => {
  const pagefind = await import("/pagefind/pagefind.js");
  const start = performance.now();
  await pagefind.init();
  await pagefind.preload("");
  return performance.now() - start;
}"""
# One query, timed inside the page: Pagefind's search and the data of the
# first ten results (what the search page shows first).
TIME_QUERY = """async (query) => {
  const pagefind = await import("/pagefind/pagefind.js");
  const start = performance.now();
  const found = await pagefind.search(query);
  await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  return [performance.now() - start, found.results.length];
}"""


def _build_seconds(project: Path, theme: Path, search: bool) -> float:
    settings = minimal_settings(str(theme), name="Bench")
    (project / "pelicanconf.py").write_text(settings + f"SEARCH = {search}\n", encoding="utf-8")
    return timed([sys.executable, "-m", "comptoir.core.build", "pelicanconf.py"], project).seconds


def _query_ms(output: Path) -> dict[str, Any]:
    """First-query and repeated-query times in Chromium, per query."""
    try:
        from playwright.sync_api import sync_playwright

        from comptoir.tools.preview.server import make_server
        from comptoir.tools.screenshots import CHROMIUM, CHROMIUM_ARGS
    except ImportError:
        return {"error": "Playwright is missing: run `invoke test-deps` first."}
    if not Path(CHROMIUM).exists():
        return {"error": "Chromium is missing: run `invoke test-deps` first."}
    server = make_server(output, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    found: dict[str, Any] = {}
    # Per query: results, the first time it is asked, the median of REPEATS more.
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(origin + "/recherche/")
            # What search.js does as the reader reaches the field: load
            # Pagefind's WebAssembly and the index's list of pieces.
            found["init_ms"] = round(page.evaluate(INIT), 1)
            for query in QUERIES:
                first, count = page.evaluate(TIME_QUERY, query)
                again = [page.evaluate(TIME_QUERY, query)[0] for _ in range(REPEATS)]
                found[query] = {
                    "results": count,
                    "first_ms": round(first, 1),
                    "median_ms": round(statistics.median(again), 1),
                }
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return found


def _in_own_thread(function: Any, *args: Any) -> Any:
    # Playwright's sync API refuses a thread where an event loop runs (a
    # test session's browser, say): a thread of its own has none.
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(function, *args).result()


def bench_search(root: Path, stories: int, runs: int = RUNS) -> dict[str, Any]:
    """Indexing's share of a warm build, and query times, on ``stories``."""
    project = root / "cache" / "bench" / f"search-s{stories}"
    theme = root / "theme"
    if (project / "content" / "stories").exists():
        shutil.rmtree(project / "content" / "stories")
    generate(project, stories, photos=0)
    _build_seconds(project, theme, True)  # warms the read cache for both
    builds = alternate(
        {
            "with": lambda: _build_seconds(project, theme, True),
            "without": lambda: _build_seconds(project, theme, False),
        },
        runs,
    )
    _build_seconds(project, theme, True)
    output = project / "output"
    index = output / "pagefind"
    size = sum(f.stat().st_size for f in index.rglob("*") if f.is_file())
    on, off = statistics.median(builds["with"]), statistics.median(builds["without"])
    return {
        "stories": stories,
        "builds": {name: summary(runs) for name, runs in builds.items()},
        "build_with_search_s": round(on, 3),
        "build_without_search_s": round(off, 3),
        "with_vs_without": round(on / off, 3),
        "index_seconds": round(on - off, 3),
        "index_files": sum(1 for f in index.rglob("*") if f.is_file()),
        "index_mb": round(size / 1e6, 2),
        "queries": _in_own_thread(_query_ms, output),
    }


def search_table(figures: dict[str, Any]) -> str:
    lines = [
        f"Search on {figures['stories']} stories",
        f"  warm build with the index {figures['build_with_search_s']:.2f}s, without "
        f"{figures['build_without_search_s']:.2f}s (×{figures['with_vs_without']}; "
        f"indexing ≈ {figures['index_seconds']:.2f}s)",
        f"  index: {figures['index_files']} files, {figures['index_mb']} MB "
        "(a query loads only the pieces it needs)",
    ]
    queries = figures["queries"]
    if "error" in queries:
        return "\n".join([*lines, f"  queries: {queries['error']}"])
    lines.append(f"  Pagefind loaded (as the reader reaches the field): {queries['init_ms']:.1f}ms")
    lines.append(f"  {'query':16} {'results':>8} {'first':>9} {'then':>9}")
    for query, row in queries.items():
        if not isinstance(row, dict):
            continue
        lines.append(
            f"  {query:16} {row['results']:>8} {row['first_ms']:>7.1f}ms {row['median_ms']:>7.1f}ms"
        )
    return "\n".join(lines)
