"""``invoke bench --part stats``: ``invoke stats``'s counting on a million
generated log lines against a bare regex loop over the same files, runs
alternated A B A B, medians, each in a fresh process (wall time and peak
memory as the owner's machine sees them).

The corpus is a month of a busy shop's combined log: three quarters in
rotated ``.gz`` files, the newest quarter plain, as logrotate leaves them;
pages, assets, robots, feed readers, embeds, 404s, 30,000 returning
readers. It is generated once into ``cache/bench/logs-<lines>/``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import random
import statistics
import sys
from pathlib import Path

from .measure import timed

AGENTS = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36",
]
ROBOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "",
]
READERS = [
    "Feedly/1.0 (+http://www.feedly.com/fetcher.html; {n} subscribers; like FeedFetcher-Google)",
    "Mozilla/5.0 (compatible; Inoreader/1.0; +https://www.inoreader.com; {n} subscribers; )",
    "NetNewsWire (RSS Reader; https://netnewswire.com/)",
]
REFERRERS = [
    "-",
    "-",
    "-",
    "https://www.google.fr/",
    "https://duckduckgo.com/",
    "https://blog.example/",
]
ASSETS = ["/theme/css/site.css", "/theme/js/share.js", "/favicon.ico", "/icon-192.png"]
FILES = 4  # access.log.3.gz … access.log.1.gz, access.log
CORPUS = "v2"  # in the cache folder's name: a new generator makes new files


def generate(folder: Path, lines: int, seed: int = 7) -> list[Path]:
    """The corpus's files (made once, then reused)."""
    names = [folder / f"access.log.{n}.gz" for n in range(FILES - 1, 0, -1)]
    names.append(folder / "access.log")
    if all(p.is_file() for p in names):
        return names
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    # Readers come back: 30,000 addresses, each with its own browser.
    people = [
        (
            f"{rng.randrange(1, 224)}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
            rng.choice(AGENTS),
        )
        for _ in range(30_000)
    ]
    pages = [f"/histoires/histoire-{n:05d}/" for n in range(1500)] + ["/", "/tutoriels/", "/faq/"]
    images = [f"/images/photo-{n:04d}-800w.webp" for n in range(600)]
    start = dt.datetime(2026, 11, 1, 0, 0, 0)
    step = 30 * 86400 / lines
    per_file = lines // FILES
    for index, name in enumerate(names):
        count = per_file if index < FILES - 1 else lines - per_file * (FILES - 1)
        rows = []
        for n in range(count):
            when = start + dt.timedelta(seconds=(index * per_file + n) * step)
            ip, browser = rng.choice(people)
            draw = rng.random()
            status, referrer = 200, rng.choice(REFERRERS)
            if draw < 0.20:
                path, agent = rng.choice(pages), browser
            elif draw < 0.75:
                path, agent = rng.choice(ASSETS + images), browser
            elif draw < 0.87:
                path, agent = rng.choice(pages + images), rng.choice(ROBOTS)
            elif draw < 0.95:
                reader = rng.choice(READERS).format(n=rng.randrange(1, 300))
                path, agent, referrer = "/rss.xml", reader, "-"
            elif draw < 0.98:
                path, agent = f"/embed{rng.choice(pages)}", browser
                referrer = "https://partenaire.example/blog/"
            else:
                path, agent, status = f"/wp-login-{rng.randrange(50)}.php", browser, 404
            stamp = when.strftime("%d/%b/%Y:%H:%M:%S +0100")
            rows.append(
                f'{ip} - - [{stamp}] "GET {path} HTTP/1.1" {status} {rng.randrange(200, 90000)} '
                f'"{referrer}" "{agent}"\n'
            )
        data = "".join(rows).encode()
        partial = name.with_name(name.name + ".part")
        partial.write_bytes(gzip.compress(data, 6) if name.suffix == ".gz" else data)
        partial.replace(name)
    return names


def bare(names: list[str]) -> int:
    """The baseline: the same files opened the same way, one regex a line."""
    from contextlib import ExitStack

    from comptoir.tools.stats.formats import COMBINED
    from comptoir.tools.stats.sources import open_text

    match, found = COMBINED.match, 0
    for name in names:
        with ExitStack() as stack:
            for line in open_text(name, stack):
                if match(line) is not None:
                    found += 1
    return found


def count(names: list[str], out: str) -> None:
    """``invoke stats``'s reading, counting and report, without the site build."""
    from comptoir.core.i18n import language
    from comptoir.tools.stats.figures import figures
    from comptoir.tools.stats.model import Look
    from comptoir.tools.stats.report import write_report
    from comptoir.tools.stats.sources import Unread, read
    from comptoir.tools.stats.tally import Scope, Tally

    root = Path(__file__).resolve().parents[3]
    settings = {"DEFAULT_LANG": "fr", "THEME": str(root / "theme")}
    words = language(settings)
    tally = Tally(Scope(own=frozenset({"lesdeuxepis.example"}), feeds=frozenset({"/rss.xml"})))
    read(names, tally, Unread())
    found = figures(tally, "www.lesdeuxepis.example", {}, words)
    assert found is not None
    write_report(Path(out), found, words, Look("Bench"), root / "theme")


def bench_stats(root: Path, lines: int, rounds: int = 3) -> dict:
    """Time both, alternated; the figures and the ratio of the medians."""
    work = root / "cache" / "bench" / f"logs-{CORPUS}-{lines}"
    names = [str(p) for p in generate(work, lines)]
    size = sum(Path(n).stat().st_size for n in names)
    raw = sum(
        len(gzip.decompress(Path(n).read_bytes())) if n.endswith(".gz") else Path(n).stat().st_size
        for n in names
    )
    py = sys.executable
    module = "comptoir.tools.bench.logs"
    ours, theirs, peaks = [], [], []
    for _ in range(rounds):
        run = timed([py, "-m", module, "bare", *names], root)
        theirs.append(run.seconds)
        run = timed([py, "-m", module, "count", str(work / "rapport"), *names], root)
        ours.append(run.seconds)
        peaks.append(run.peak_mb)
    return {
        "lines": lines,
        "files": len(names),
        "bytes_on_disk": size,
        "bytes_read": raw,
        "bare_regex_s": [round(s, 3) for s in theirs],
        "stats_s": [round(s, 3) for s in ours],
        "stats_peak_mb": round(max(peaks), 1),
        "stats_vs_bare_regex": round(statistics.median(ours) / statistics.median(theirs), 3),
    }


def stats_table(figures: dict) -> str:
    """The part's lines for the terminal."""
    return "\n".join(
        [
            f"Statistics: {figures['lines']:,} log lines in {figures['files']} files "
            f"({figures['bytes_read'] / 1e6:.0f} MB read, {figures['bytes_on_disk'] / 1e6:.0f} MB "
            "on disk, gzip included)",
            f"  bare regex loop  {statistics.median(figures['bare_regex_s']):>7.2f}s "
            f"(runs {figures['bare_regex_s']})",
            f"  invoke stats     {statistics.median(figures['stats_s']):>7.2f}s "
            f"(runs {figures['stats_s']}), peak {figures['stats_peak_mb']} MB",
            f"  ratio (medians)  {figures['stats_vs_bare_regex']:>7}  (target ≤ 3; memory < 200 MB)",
        ]
    )


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare(sys.argv[2:])
    else:
        count(sys.argv[3:], sys.argv[2])
