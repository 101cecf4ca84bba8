"""A smoke test of the benchmark on a tiny corpus: it runs end to end and
records every figure. (No timing is asserted: the benchmark is a tool.)"""

import json
from pathlib import Path

from comptoir.tools.bench.corpus import generate
from comptoir.tools.bench.run import bench, table

ROOT = Path(__file__).resolve().parents[4]


def test_corpus_is_deterministic(tmp_path: Path) -> None:
    generate(tmp_path / "a", 5, 1, photo_size=(120, 80))
    generate(tmp_path / "b", 5, 1, photo_size=(120, 80))
    for path in sorted((tmp_path / "a").rglob("*.*")):
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert twin.read_bytes() == path.read_bytes(), path.name


def test_bench_runs_and_saves_every_figure(tmp_path: Path) -> None:
    root = tmp_path / "kit"
    root.mkdir()
    (root / "theme").symlink_to(ROOT / "theme")
    (root / "tasks.py").symlink_to(ROOT / "tasks.py")
    result = bench(root, stories=4, photos=1, out_dir=tmp_path / "benchmarks")
    saved = json.loads(Path(result["file"]).read_text())
    figures = saved["figures"]
    for key in (
        "stock_cold_s",
        "stock_warm_s",
        "stock_edit_s",
        "comptoir_cold_s",
        "comptoir_warm_s",
        "comptoir_edit_s",
        "comptoir_livereload_s",
        "images_per_s",
        "raw_pillow_per_s",
        "stock_peak_mb",
        "comptoir_peak_mb",
    ):
        assert figures[key] > 0, key
    assert figures["images_encoded"] > 0
    assert figures["images_encoded_second_build"] == 0
    assert "Cold full build" in table(result)


def test_the_statistics_part_runs_on_a_small_corpus(tmp_path: Path) -> None:
    """`invoke bench --part stats` end to end on 4,000 lines: every figure
    recorded, the generated files read in full by both sides."""
    from comptoir.tools.bench.logs import bench_stats, generate, stats_table

    root = tmp_path / "kit"
    root.mkdir()
    figures = bench_stats(root, 4000, rounds=1)
    assert figures["lines"] == 4000 and figures["files"] == 4
    assert figures["bare_regex_s"][0] > 0 and figures["stats_s"][0] > 0
    assert figures["stats_peak_mb"] > 0 and figures["stats_vs_bare_regex"] > 0
    report = json.loads((root / "cache/bench/logs-v2-4000/rapport/stats.json").read_text())
    assert report["lines"] == 4000 and report["unparsed"] == 0 and report["views"] > 0
    assert "ratio (medians)" in stats_table(figures)
    # Generated once, then reused byte for byte.
    files = generate(root / "cache/bench/logs-v2-4000", 4000)
    assert [p.name for p in files] == [
        "access.log.3.gz",
        "access.log.2.gz",
        "access.log.1.gz",
        "access.log",
    ]


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
