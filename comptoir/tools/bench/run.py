"""``invoke bench``: the parts asked for (site, statistics, search), their
tables for the terminal, and the figures saved under ``benchmarks/`` (JSON,
and an SVG chart for the site part)."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
from pathlib import Path
from typing import Any

from comptoir.core.i18n import N_, OwnerError

from .chart import chart
from .logs import bench_stats, stats_table
from .search import bench_search, search_table
from .site import MEASURES, Trash, bench_site, site_table

PARTS = ("all", "site", "stats", "search")


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }


def scaling(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Seconds per story at each size, and the largest size's against the
    smallest's (1 = linear), per measure and tool."""
    sizes = [r["stories"] for r in results]
    found: dict[str, Any] = {"stories": sizes, "peak_mb": [r["peak_mb"] for r in results]}
    for measure in MEASURES:
        for tool in ("stock", "comptoir"):
            per_story = [r["measures"][measure][tool]["median"] / r["stories"] for r in results]
            found[f"{measure}_{tool}_ms_per_story"] = [round(1000 * s, 3) for s in per_story]
            found[f"{measure}_{tool}_linearity"] = round(per_story[-1] / per_story[0], 3)
    return found


def scaling_table(found: dict[str, Any]) -> str:
    sizes = found["stories"]
    lines = [
        "Time per story (ms; median runs) and the largest corpus against the smallest",
        f"{'':24}" + "".join(f"{n:>10}" for n in sizes) + f"{'largest/smallest':>18}",
    ]
    for measure in MEASURES:
        for tool in ("stock", "comptoir"):
            row = found[f"{measure}_{tool}_ms_per_story"]
            lines.append(
                f"{measure + ' ' + tool:24}"
                + "".join(f"{v:>10.2f}" for v in row)
                + f"{found[f'{measure}_{tool}_linearity']:>18}"
            )
    peaks = "".join(f"{p['comptoir']:>8.0f}MB" for p in found["peak_mb"])
    lines.append(f"{'peak memory comptoir':24}{peaks}")
    return "\n".join(lines)


def bench(
    root: Path,
    stories: list[int],
    photos: int,
    out_dir: Path,
    rounds: int = 3,
    livereload: bool = True,
) -> dict[str, Any]:
    """The site part on each corpus size; saved as JSON and SVG."""
    trash = Trash(root / "cache" / "bench" / ".trash")
    trash.empty()  # left by a bench that was stopped
    try:
        results = [
            bench_site(root, n, photos, trash, rounds, livereload and n == stories[0])
            for n in sorted(stories)
        ]
    finally:
        trash.empty()
    stamp = dt.datetime.now()
    result: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "method": "runs alternated stock/Comptoir; cold = both tools' output and caches "
        "removed before each run (renamed aside, deleted when the bench ends); warm = each "
        "with its own cache (Pelican's content cache on); edit = one story's text changed, "
        "then a full build",
        "sites": results,
        "scaling": scaling(results),
    }
    sizes = "-".join(str(n) for n in sorted(stories))
    name = f"bench-{stamp:%Y%m%d-%H%M%S}-s{sizes}-p{photos}"
    saved = _save(out_dir, f"{name}.json", result)
    saved.with_suffix(".svg").write_text(chart(results), encoding="utf-8")
    result["file"] = str(saved)
    return result


def table(result: dict[str, Any]) -> str:
    tables = [site_table(site) for site in result["sites"]]
    if len(result["sites"]) > 1:
        tables.append(scaling_table(result["scaling"]))
    return "\n\n".join(tables)


def _save(out: Path, name: str, figures: dict) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    (out / name).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return out / name


def sizes(stories: str) -> list[int]:
    """``--stories``: one corpus size, or several separated by commas."""
    parts = stories.split(",")
    found = [int(n) for n in parts if n.strip().isdigit() and int(n) > 0]
    if not found or len(found) != len(parts):
        raise OwnerError(N_("--stories takes a number of stories, or several: 1000,5000,10000."))
    return sorted(set(found))


def run_parts(
    root: Path,
    part: str,
    stories: str,
    photos: int,
    livereload: bool,
    log_lines: int,
    rounds: int = 3,
) -> list[str]:
    """``invoke bench``: the site's build against stock Pelican, the
    statistics against a bare regex loop, search (indexing's share of a
    build, query times in Chromium), or all; saved in benchmarks/."""
    if part not in PARTS:
        raise OwnerError(N_("--part takes all, site, stats or search."))
    if rounds < 1:
        raise OwnerError(N_("--rounds takes a whole number above 0."))
    counts = sizes(stories)
    lines: list[str] = []
    out = root / "benchmarks"
    if part in ("all", "site"):
        result = bench(root, counts, photos, out, rounds, livereload)
        lines += [table(result), f"\nSaved to {Path(result['file']).relative_to(root)} (+ .svg)"]
    if part in ("all", "stats"):
        figures = bench_stats(root, log_lines)
        saved = _save(out, f"stats-{dt.datetime.now():%Y%m%d-%H%M%S}-l{log_lines}.json", figures)
        lines += [stats_table(figures), f"\nSaved to {saved.relative_to(root)}"]
    if part in ("all", "search"):
        size = max(counts)
        figures = bench_search(root, size)
        saved = _save(out, f"search-{dt.datetime.now():%Y%m%d-%H%M%S}-s{size}.json", figures)
        lines += [search_table(figures), f"\nSaved to {saved.relative_to(root)}"]
    return lines
