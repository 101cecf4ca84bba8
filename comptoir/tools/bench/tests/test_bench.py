"""A smoke test of the benchmark on a tiny corpus: it runs end to end and
records every figure. (No timing is asserted: the benchmark is a tool.)"""

import datetime as dt
import json
import random
import re
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from comptoir.tools.bench.corpus import generate, story, story_date
from comptoir.tools.bench.measure import timed
from comptoir.tools.bench.run import bench, table
from comptoir.tools.bench.site import Tools, Trash

ROOT = Path(__file__).resolve().parents[4]


def test_corpus_is_deterministic(tmp_path: Path) -> None:
    generate(tmp_path / "a", 5, 1, photo_size=(120, 80))
    generate(tmp_path / "b", 5, 1, photo_size=(120, 80))
    for path in sorted((tmp_path / "a").rglob("*.*")):
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert twin.read_bytes() == path.read_bytes(), path.name


def test_a_large_corpus_is_all_in_the_past_at_hours_that_exist() -> None:
    """Comptoir holds a future story back and stock Pelican does not: a
    corpus reaching past today would compare different sites. Comptoir also
    refuses an hour the clocks skip (2:00 on a spring night in Paris)."""
    last = story(random.Random(1), 19_999, 0)
    date = re.search(r"^Date: (.+)$", last, re.M)
    assert date and dt.datetime.strptime(date[1], "%Y-%m-%d %H:%M") < dt.datetime.now()
    paris = ZoneInfo("Europe/Paris")
    for index in range(20_000):
        moment = story_date(index).replace(tzinfo=paris)
        assert moment.astimezone(dt.UTC).astimezone(paris) == moment, moment


def test_bench_runs_alternated_and_saves_every_figure(tmp_path: Path) -> None:
    """Two corpus sizes, two alternated rounds: each measure has a run per
    round for each tool, a median inside its spread, a ratio; the scaling
    table and the SVG chart are written beside the JSON."""
    root = tmp_path / "kit"
    root.mkdir()
    (root / "theme").symlink_to(ROOT / "theme")
    (root / "tasks.py").symlink_to(ROOT / "tasks.py")
    result = bench(root, stories=[3, 6], photos=1, out_dir=tmp_path / "benchmarks", rounds=2)
    saved = json.loads(Path(result["file"]).read_text())
    assert [site["stories"] for site in saved["sites"]] == [3, 6]
    for site in saved["sites"]:
        for measure in ("cold", "warm", "edit", "cold_lean"):
            row = site["measures"][measure]
            for tool in ("stock", "comptoir"):
                figure = row[tool]
                assert len(figure["runs"]) == 2 and min(figure["runs"]) > 0
                assert figure["min"] <= figure["median"] <= figure["max"]
            assert row["ratio"] > 0
        assert site["peak_mb"]["stock"] > 0 and site["peak_mb"]["comptoir"] > 0
        # The lean cold runs alternate with the others, against the same stock runs.
        assert site["measures"]["cold_lean"]["stock"] == site["measures"]["cold"]["stock"]
        # Cold means no cache: every cold run of Comptoir encodes the photo again.
        assert site["images_encoded"] > 0 and site["cards_drawn"] > 0
    assert saved["sites"][0]["livereload_s"] > 0  # timed on the first size only
    assert "livereload_s" not in saved["sites"][1]
    scaling = saved["scaling"]
    assert scaling["stories"] == [3, 6] and scaling["warm_comptoir_linearity"] > 0
    # What the bench set aside is deleted when it ends.
    assert not (root / "cache" / "bench" / ".trash").exists()
    svg = Path(result["file"]).with_suffix(".svg").read_text()
    assert svg.startswith("<svg") and svg.count("<rect") == 8
    text = table(result)
    assert "Cold full build (no cache of either)" in text and "largest/smallest" in text
    assert "Cold, without share cards and search" in text


def test_the_lean_cold_build_makes_neither_share_cards_nor_search(tmp_path: Path) -> None:
    tools = Tools(tmp_path / "work", ROOT / "theme", Trash(tmp_path / "trash"))
    generate(tools.comptoir, 3, 0)
    for tool, made in (("lean", False), ("comptoir", True)):
        assert tools.cold(tool) > 0
        output = tools.comptoir / "output"
        assert (output / "index.html").is_file()
        assert (output / "pagefind").is_dir() is made
        assert any(output.glob("social/*.jpg")) is made


def test_what_a_cold_run_forgets_is_renamed_aside_and_deleted_at_the_end(tmp_path: Path) -> None:
    """Deleting thousands of files right before a build makes its new files
    dearer on this machine's disk (see :class:`Trash`): a cold run finds no
    output or cache, yet nothing was deleted until the trash is emptied."""
    trash = Trash(tmp_path / "trash")
    tools = Tools(tmp_path / "work", ROOT / "theme", trash)
    generate(tools.comptoir, 3, 0)
    tools.build("comptoir")
    page = tools.comptoir / "output" / "index.html"
    cached = next(path for path in (tools.comptoir / "cache").rglob("*") if path.is_file())
    inodes = {page.stat().st_ino, cached.stat().st_ino}
    tools.forget("comptoir")
    assert not any(folder.exists() for folder in tools._folders("comptoir"))
    aside = {path.stat().st_ino for path in trash.folder.rglob("*") if path.is_file()}
    assert inodes <= aside
    tools.cold("comptoir")
    tools.forget("comptoir")  # a second time: both kept apart
    assert len(list(trash.folder.rglob("output"))) == 2
    trash.empty()
    assert not trash.folder.exists()


def test_the_options_are_checked_with_the_owners_words(tmp_path: Path) -> None:
    from comptoir.core.i18n import OwnerError
    from comptoir.tools.bench.run import run_parts, sizes

    assert sizes("5000,1000") == [1000, 5000]
    for wrong in ("", "mille", "1000,", "0", "-5"):
        with pytest.raises(OwnerError, match="--stories"):
            sizes(wrong)
    with pytest.raises(OwnerError, match="--part"):
        run_parts(tmp_path, "images", "10", 1, False, 10)
    with pytest.raises(OwnerError, match="--rounds"):
        run_parts(tmp_path, "site", "10", 1, False, 10, rounds=0)


def test_the_statistics_part_runs_on_a_small_corpus(tmp_path: Path) -> None:
    """`invoke bench --part stats` end to end on 4,000 lines: every figure
    recorded, the generated files read in full by both sides."""
    from comptoir.tools.bench.logs import CORPUS, bench_stats, generate, stats_table

    root = tmp_path / "kit"
    root.mkdir()
    figures = bench_stats(root, 4000, rounds=1)
    assert figures["lines"] == 4000 and figures["files"] == 4
    assert figures["bare_regex_s"][0] > 0 and figures["stats_s"][0] > 0
    assert figures["stats_peak_mb"] > 0 and figures["stats_vs_bare_regex"] > 0
    folder = root / f"cache/bench/logs-{CORPUS}-4000"
    report = json.loads((folder / "rapport/stats.json").read_text())
    assert report["lines"] == 4000 and report["unparsed"] == 0 and report["views"] > 0
    assert report["not_found_hits"] > 100 and report["other_requests"] > 0
    assert "ratio (medians)" in stats_table(figures)
    # Generated once, then reused byte for byte.
    files = generate(folder, 4000)
    assert [p.name for p in files] == [
        "access.log.3.gz",
        "access.log.2.gz",
        "access.log.1.gz",
        "access.log",
    ]


def test_the_statistics_corpus_is_seeded_and_as_varied_as_real_logs(tmp_path: Path) -> None:
    """The same bytes twice (gzip included); user agents in a long tail (a
    real month has some 20,000 distinct a million lines, more for a
    smaller site), 3 % of lines from scanners asking for made-up paths."""
    import gzip as gz

    from comptoir.tools.bench.logs import generate

    first, second = generate(tmp_path / "a", 20_000), generate(tmp_path / "b", 20_000)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    lines = [
        line
        for p in first
        for line in (gz.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes())
        .decode()
        .splitlines()
    ]
    assert len(lines) == 20_000
    agents = {line.rsplit('"', 2)[1] for line in lines}
    scanners = [line for line in lines if line.startswith("198.51.100.")]
    assert 800 <= len(agents) <= 1_200
    assert 540 <= len(scanners) <= 660 and all('" 404 ' in line for line in scanners)
    assert len({line.split('"')[1] for line in scanners}) > 500  # made-up paths


def test_the_search_part_times_indexing_and_queries(tmp_path: Path) -> None:
    """`invoke bench --part search` on 40 stories: builds with and without
    the index, then every query asked in Chromium finds what the corpus
    holds (the rare number in exactly one title)."""
    from comptoir.tools.bench.search import QUERIES, bench_search, search_table

    root = tmp_path / "kit"
    root.mkdir()
    (root / "theme").symlink_to(ROOT / "theme")
    figures = bench_search(root, 40, runs=1)
    assert figures["build_with_search_s"] > 0 and figures["build_without_search_s"] > 0
    assert figures["index_files"] > 40 and figures["index_mb"] > 0
    queries = figures["queries"]
    assert set(queries) == {*QUERIES, "init_ms"} and queries["init_ms"] > 0
    assert queries["croissant"]["results"] >= 20
    # Only the title of story number 31 holds "31" (dates are indexed too,
    # but no day or month is 31).
    assert queries["31"]["results"] == 1
    assert all(queries[q]["first_ms"] > 0 and queries[q]["median_ms"] > 0 for q in QUERIES)
    assert "Search on 40 stories" in search_table(figures)


# A parent that stays small while the child it forks holds 300 MB: the build's
# shape (core/build/apart.py builds in a forked child).
FORKING = """\
import os, time
pid = os.fork()
if pid == 0:
    held = bytearray(300 * 1024 * 1024)
    time.sleep(0.5)
    os._exit(0)
os.waitpid(pid, 0)
"""


def test_peak_memory_counts_the_processes_a_command_forks(tmp_path: Path) -> None:
    run = timed([sys.executable, "-c", FORKING], tmp_path)
    assert run.code == 0
    assert 300 <= run.peak_mb < 400
