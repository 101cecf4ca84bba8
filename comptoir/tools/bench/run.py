"""``invoke bench``: stock Pelican and Comptoir on the same synthetic corpus,
in one run, as ratios plus absolute figures, saved under ``benchmarks/``."""

from __future__ import annotations

import datetime as dt
import json
import platform
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from comptoir.core.minimal import minimal_settings
from comptoir.plugins.content.readcache import FILE_PREFIX as READ_CACHE

from .corpus import generate
from .logs import bench_stats, stats_table
from .measure import raw_pillow_rate, timed
from .search import bench_search, search_table

STOCK_CONF = """\
# Pelican's quickstart defaults, on the benchmark corpus.
AUTHOR = "Bench"
SITENAME = "Bench"
SITEURL = ""
PATH = {content!r}
OUTPUT_PATH = "output"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
LINKS = (("Pelican", "https://getpelican.com/"),)
SOCIAL = (("You can add links in your config file", "#"),)
DEFAULT_PAGINATION = 10
STATIC_PATHS = ["images"]
CACHE_CONTENT = {cache}
LOAD_CONTENT_CACHE = {cache}
"""


def _edit(story: Path, marker: str) -> None:
    text = story.read_text(encoding="utf-8")
    story.write_text(text.rstrip("\n") + f"\n\nMarque {marker}.\n", encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _livereload_seconds(project: Path, story: Path, url_path: str) -> float:
    """Seconds from saving a story to the livereload server serving it fresh."""
    port = _free_port()
    shutil.copy(Path(__file__).resolve().parents[3] / "tasks.py", project / "tasks.py")
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "livereload", "--port", str(port), "--no-drafts"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}{url_path}"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 600
        while "<html" not in page():
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("livereload did not start")
            time.sleep(0.2)
        time.sleep(1.5)  # let the watcher settle on its first scan
        marker = f"livereload-{time.time_ns()}"
        saved = time.perf_counter()
        _edit(story, marker)
        while marker not in page():
            if time.perf_counter() - saved > 120:
                raise RuntimeError("the edited story never showed up")
            time.sleep(0.02)
        return time.perf_counter() - saved
    finally:
        process.terminate()
        process.wait(timeout=20)


def bench(root: Path, stories: int, photos: int, out_dir: Path, livereload: bool = True) -> dict:
    """Run every measurement; return (and save) the figures."""
    work = root / "cache" / "bench" / f"s{stories}-p{photos}"
    comptoir = work / "comptoir"
    stock = work / "stock"
    content = comptoir / "content"
    if (content / "stories").exists():
        shutil.rmtree(content / "stories")  # edits from a previous run
    generate(comptoir, stories, photos)
    stock.mkdir(parents=True, exist_ok=True)
    (comptoir / "pelicanconf.py").write_text(
        minimal_settings(str(root / "theme"), name="Bench"), encoding="utf-8"
    )
    py = sys.executable
    figures: dict[str, float] = {}

    def stock_build(cache: bool) -> float:
        (stock / "pelicanconf.py").write_text(
            STOCK_CONF.format(content=str(content), cache=cache), encoding="utf-8"
        )
        run = timed([py, "-m", "pelican", "-s", "pelicanconf.py", "-q"], stock)
        figures["stock_peak_mb"] = max(figures.get("stock_peak_mb", 0), run.peak_mb)
        return run.seconds

    def comptoir_build(stats: Path | None = None) -> tuple[float, dict]:
        command = [py, "-m", "comptoir.core.build", "pelicanconf.py"]
        if stats:
            command += ["--stats", str(stats)]
        run = timed(command, comptoir)
        figures["comptoir_peak_mb"] = max(figures.get("comptoir_peak_mb", 0), run.peak_mb)
        return run.seconds, (json.loads(stats.read_text()) if stats else {})

    for folder in (stock / "output", stock / "cache", comptoir / "output", comptoir / "cache"):
        shutil.rmtree(folder, ignore_errors=True)
    edited = content / "stories" / "histoire-00000.md"

    figures["stock_cold_s"] = stock_build(cache=False)
    shutil.rmtree(stock / "output", ignore_errors=True)
    stock_build(cache=True)  # fills Pelican's content cache
    figures["stock_warm_s"] = stock_build(cache=True)
    _edit(edited, "stock")
    figures["stock_edit_s"] = stock_build(cache=True)

    seconds, stats = comptoir_build(work / "images-cold.json")
    images = stats.get("images", {})
    figures["comptoir_images_uncached_s"] = seconds
    figures["images_encoded"] = images.get("encoded", 0)
    figures["images_per_s"] = images.get("encoded", 0) / max(images.get("encode_seconds", 0), 1e-9)
    cards = stats.get("cards", {})
    figures["cards_drawn"] = cards.get("drawn", 0)
    figures["cards_seconds"] = cards.get("seconds", 0.0)
    # Cold: images cached (they cost minutes and are measured above), but
    # nothing remembered of reading the stories.
    for kept in (comptoir / "cache").glob(f"{READ_CACHE}*.pickle"):
        kept.unlink()
    figures["comptoir_cold_s"], stats = comptoir_build(work / "images-warm.json")
    figures["images_encoded_second_build"] = stats.get("images", {}).get("encoded", -1)
    figures["cards_drawn_second_build"] = stats.get("cards", {}).get("drawn", -1)
    figures["comptoir_warm_s"], _ = comptoir_build()
    _edit(edited, "comptoir")
    figures["comptoir_edit_s"], _ = comptoir_build()
    if livereload:
        figures["comptoir_livereload_s"] = _livereload_seconds(
            comptoir, edited, "/histoires/histoire-00000/"
        )

    sample = sorted((content / "images").glob("*.jpg"))[: min(8, photos)]
    if sample:
        figures["raw_pillow_per_s"] = raw_pillow_rate(sample, [480, 800, 1200, 1600], 80)
    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": __import__("os").cpu_count(),
            "platform": platform.platform(),
        },
        "corpus": {"stories": stories, "photos": photos},
        "figures": figures,
        "ratios": ratios(figures),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    name = f"bench-{dt.datetime.now():%Y%m%d-%H%M%S}-s{stories}-p{photos}.json"
    (out_dir / name).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    result["file"] = str(out_dir / name)
    return result


PARTS = ("all", "site", "stats", "search")


def run_parts(
    root: Path, part: str, stories: int, photos: int, livereload: bool, log_lines: int
) -> list[str]:
    """``invoke bench``: the site's build against stock Pelican, the
    statistics against a bare regex loop, search (indexing's share of a
    build, query times in Chromium), or all; saved in benchmarks/."""
    lines: list[str] = []
    out = root / "benchmarks"
    if part in ("all", "site"):
        result = bench(root, stories, photos, out, livereload)
        lines += [table(result), f"\nSaved to {Path(result['file']).relative_to(root)}"]
    if part in ("all", "stats"):
        figures = bench_stats(root, log_lines)
        saved = _save(out, f"stats-{dt.datetime.now():%Y%m%d-%H%M%S}-l{log_lines}.json", figures)
        lines += [stats_table(figures), f"\nSaved to {saved.relative_to(root)}"]
    if part in ("all", "search"):
        figures = bench_search(root, stories)
        saved = _save(out, f"search-{dt.datetime.now():%Y%m%d-%H%M%S}-s{stories}.json", figures)
        lines += [search_table(figures), f"\nSaved to {saved.relative_to(root)}"]
    return lines


def _save(out: Path, name: str, figures: dict) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    (out / name).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return out / name


def ratios(figures: dict[str, float]) -> dict[str, float]:
    def ratio(a: str, b: str) -> float | None:
        return round(figures[a] / figures[b], 3) if figures.get(a) and figures.get(b) else None

    return {
        "cold_build_vs_stock": ratio("comptoir_cold_s", "stock_cold_s"),
        "warm_build_vs_stock": ratio("comptoir_warm_s", "stock_warm_s"),
        "edit_rebuild_vs_stock": ratio("comptoir_edit_s", "stock_edit_s"),
        "livereload_vs_stock_edit": ratio("comptoir_livereload_s", "stock_edit_s"),
        "images_vs_raw_pillow_1core": ratio("images_per_s", "raw_pillow_per_s"),
        "peak_memory_vs_stock": ratio("comptoir_peak_mb", "stock_peak_mb"),
    }


def table(result: dict) -> str:
    f, r = result["figures"], result["ratios"]
    rows = [
        (
            "Cold full build (images cached)",
            "stock_cold_s",
            "comptoir_cold_s",
            "cold_build_vs_stock",
            "s",
        ),
        ("Warm full build", "stock_warm_s", "comptoir_warm_s", "warm_build_vs_stock", "s"),
        (
            "Rebuild after editing one story",
            "stock_edit_s",
            "comptoir_edit_s",
            "edit_rebuild_vs_stock",
            "s",
        ),
        (
            "Save → livereload page fresh",
            "stock_edit_s",
            "comptoir_livereload_s",
            "livereload_vs_stock_edit",
            "s",
        ),
        (
            "Images/second (Comptoir vs raw Pillow, 1 core)",
            "raw_pillow_per_s",
            "images_per_s",
            "images_vs_raw_pillow_1core",
            "/s",
        ),
        ("Peak memory", "stock_peak_mb", "comptoir_peak_mb", "peak_memory_vs_stock", " MB"),
    ]
    lines = [
        f"Corpus: {result['corpus']['stories']} stories, {result['corpus']['photos']} photos",
        f"{'':48} {'stock':>10} {'Comptoir':>10} {'ratio':>7}",
    ]
    for label, stock_key, ours_key, ratio_key, unit in rows:

        def show(key: str, unit: str = unit) -> str:
            return f"{f[key]:.2f}{unit}" if key in f else "—"

        ratio = r.get(ratio_key)
        lines.append(
            f"{label:48} {show(stock_key):>10} {show(ours_key):>10} "
            f"{ratio if ratio is not None else '—':>7}"
        )
    lines.append(
        f"Images encoded: {f.get('images_encoded', 0):.0f} on the first build, "
        f"{f.get('images_encoded_second_build', 0):.0f} on the second; "
        f"first build with encoding {f.get('comptoir_images_uncached_s', 0):.2f}s"
    )
    lines.append(
        f"Share cards and crops drawn: {f.get('cards_drawn', 0):.0f} on the first build "
        f"(in {f.get('cards_seconds', 0):.2f}s), {f.get('cards_drawn_second_build', 0):.0f} "
        "on the second"
    )
    return "\n".join(lines)
