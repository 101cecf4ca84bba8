"""The site part of ``invoke bench``: stock Pelican 4.12 (quickstart
settings, its default theme) and Comptoir on the same generated corpus,
runs alternated, medians and spread.

- *cold*: no cache of either tool: each one's output and cache folders are
  removed before each of its runs (Comptoir then encodes every photo and
  draws every share card again);
- *warm*: each tool with its own cache (Pelican's content cache on);
- *edit*: a full build after one story's text changed, caches warm;
- *cold_lean*: the cold build without the two things stock Pelican does
  not make at all, share cards and the search index (``lean.py``), run in
  the same alternation as *cold*: how much of the cold gap they are.

Comptoir deletes the site a build replaced in a process of its own, after
the build returns; the bench waits for it between runs, untimed.

What the bench removes (a tool's output and caches before a cold run, the
previous corpus) goes to a :class:`Trash`, emptied when the bench ends.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from comptoir.core.minimal import minimal_settings

from .corpus import generate
from .livereload import edit, livereload_seconds
from .measure import raw_pillow_rate, timed
from .rounds import alternate, ratio, summary

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
MEASURES = ("cold", "warm", "edit", "cold_lean")
# Comptoir's settings without share cards and search, for *cold_lean*.
LEAN_CONF = """\
from pelicanconf import *  # noqa: F403
SOCIAL_CARDS = False
SEARCH = False
"""


class Trash:
    """Folders the bench is done with: renamed aside, deleted when it ends.

    Why not at once: on ext4 without a journal (this bench machine's disk),
    the kernel gives no new file an inode freed less than 30 s before (5 min
    while its table is unwritten), and reads each such inode on its way to a
    free one. A build started right after the bench deleted the previous
    output paid for that deletion: at 1,000 stories, 2.5 s of system time
    more for Comptoir's cold build (6.9 s against 5.5 s), 0.3 s for stock's,
    in kernel ``recently_deleted``. That cost is the bench's, not a build's;
    a folder renamed aside frees nothing.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def discard(self, path: Path) -> None:
        if path.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            os.replace(path, Path(tempfile.mkdtemp(dir=self.folder)) / path.name)

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class Tools:
    """Both tools' folders on one corpus, and one timed build of each."""

    def __init__(self, work: Path, theme: Path, trash: Trash) -> None:
        self.trash = trash
        self.comptoir = work / "comptoir"
        self.stock = work / "stock"
        self.content = self.comptoir / "content"
        self.stock.mkdir(parents=True, exist_ok=True)
        self.comptoir.mkdir(parents=True, exist_ok=True)
        (self.comptoir / "pelicanconf.py").write_text(
            minimal_settings(str(theme), name="Bench"), encoding="utf-8"
        )
        (self.comptoir / "lean.py").write_text(LEAN_CONF, encoding="utf-8")
        self.peak_mb = {"stock": 0.0, "comptoir": 0.0}
        self.edits = 0

    def _folders(self, tool: str) -> list[Path]:
        root = self.stock if tool == "stock" else self.comptoir  # lean: Comptoir's
        return [root / "output", root / "cache", root / "__pycache__"]

    def forget(self, tool: str) -> None:
        """Everything the tool kept from a previous build: output and caches."""
        for folder in self._folders(tool):
            self.trash.discard(folder)

    def build(self, tool: str, cache: bool = True, stats: Path | None = None) -> float:
        py = sys.executable
        if tool == "stock":
            conf = STOCK_CONF.format(content=str(self.content), cache=cache)
            (self.stock / "pelicanconf.py").write_text(conf, encoding="utf-8")
            run = timed([py, "-m", "pelican", "-s", "pelicanconf.py", "-q"], self.stock)
        else:
            conf = "lean.py" if tool == "lean" else "pelicanconf.py"
            command = [py, "-m", "comptoir.core.build", conf]
            run = timed(command + (["--stats", str(stats)] if stats else []), self.comptoir)
            self._settle()
        if tool != "lean":
            self.peak_mb[tool] = max(self.peak_mb[tool], run.peak_mb)
        return run.seconds

    def _settle(self, limit: float = 600.0) -> None:
        """Wait, untimed, for Comptoir's removal of the site it replaced
        (a process it does not wait for) to end, so that it never weighs
        on the next run of either tool."""
        deadline = time.monotonic() + limit
        while any(self.comptoir.glob(".output.old-*")) and time.monotonic() < deadline:
            time.sleep(0.05)

    def cold(self, tool: str) -> float:
        self.forget(tool)
        return self.build(tool, cache=False)

    def edited(self, tool: str) -> float:
        self.edits += 1
        edit(self.content / "stories" / "histoire-00000.md", f"{tool}-{self.edits}")
        return self.build(tool)


def bench_site(
    root: Path,
    stories: int,
    photos: int,
    trash: Trash,
    rounds: int = 3,
    livereload: bool = True,
) -> dict[str, Any]:
    """Every site measure on ``stories`` stories and ``photos`` photos."""
    work = root / "cache" / "bench" / f"s{stories}-p{photos}"
    tools = Tools(work, root / "theme", trash)
    trash.discard(tools.content / "stories")  # edits from a previous run
    generate(tools.comptoir, stories, photos)
    samples = {}
    cold = alternate({t: lambda t=t: tools.cold(t) for t in ("stock", "comptoir", "lean")}, rounds)
    samples["cold"] = {"stock": cold["stock"], "comptoir": cold["comptoir"]}
    # What one cold build of Comptoir did (photos encoded, cards drawn).
    tools.forget("comptoir")
    facts_file = work / "cold-stats.json"
    tools.build("comptoir", stats=facts_file)
    facts = json.loads(facts_file.read_text(encoding="utf-8"))
    for tool in ("stock", "comptoir"):
        tools.build(tool)  # fills the caches a warm build reads
    samples["warm"] = alternate(
        {t: lambda t=t: tools.build(t) for t in ("stock", "comptoir")}, rounds
    )
    samples["edit"] = alternate(
        {t: lambda t=t: tools.edited(t) for t in ("stock", "comptoir")}, rounds
    )
    samples["cold_lean"] = {"stock": cold["stock"], "comptoir": cold["lean"]}
    result: dict[str, Any] = {
        "stories": stories,
        "photos": photos,
        "rounds": rounds,
        "measures": {
            name: {
                "stock": summary(runs["stock"]),
                "comptoir": summary(runs["comptoir"]),
                "ratio": ratio(runs["comptoir"], runs["stock"]),
            }
            for name, runs in samples.items()
        },
        "peak_mb": {tool: round(mb, 1) for tool, mb in tools.peak_mb.items()},
        "images_encoded": facts.get("images", {}).get("encoded", 0),
        "cards_drawn": facts.get("cards", {}).get("drawn", 0),
    }
    images = facts.get("images", {})
    if images.get("encode_seconds"):
        sample = sorted((tools.content / "images").glob("*.jpg"))[: min(8, photos)]
        ours = images["encoded"] / images["encode_seconds"]
        raw = raw_pillow_rate(sample, [480, 800, 1200, 1600], 80)
        result["images_per_s"] = {"comptoir": round(ours, 2), "raw_pillow_1core": round(raw, 2)}
    if livereload:
        result["livereload_s"] = round(
            livereload_seconds(
                tools.comptoir,
                tools.content / "stories/histoire-00000.md",
                "/histoires/histoire-00000/",
            ),
            3,
        )
    return result


LABELS = {
    "cold": "Cold full build (no cache of either)",
    "warm": "Warm full build (each with its cache)",
    "edit": "Full build after editing one story",
    "cold_lean": "Cold, without share cards and search",
}


def site_table(result: dict[str, Any]) -> str:
    """One corpus's measures: medians with their spread, and the ratio."""
    lines = [
        f"{result['stories']} stories, {result['photos']} photos, "
        f"{result['rounds']} alternated runs each (median [lowest–highest])",
        f"{'':40} {'stock Pelican':>22} {'Comptoir':>22} {'ratio':>6}",
    ]

    def cell(figure: dict[str, Any]) -> str:
        return f"{figure['median']:.2f}s [{figure['min']:.2f}–{figure['max']:.2f}]"

    for name in MEASURES:
        row = result["measures"][name]
        lines.append(
            f"{LABELS[name]:40} {cell(row['stock']):>22} {cell(row['comptoir']):>22} "
            f"{row['ratio']:>6}"
        )
    peak = result["peak_mb"]
    lines.append(f"{'Peak memory':40} {peak['stock']:>20.0f}MB {peak['comptoir']:>20.0f}MB")
    if "livereload_s" in result:
        lines.append(f"Save → fresh livereload page: {result['livereload_s']:.3f}s")
    if "images_per_s" in result:
        rate = result["images_per_s"]
        lines.append(
            f"Images: {result['images_encoded']} encoded cold, {rate['comptoir']:.1f}/s "
            f"(raw Pillow on 1 core: {rate['raw_pillow_1core']:.1f}/s); "
            f"{result['cards_drawn']} share cards and crops drawn"
        )
    return "\n".join(lines)
