"""``invoke bench --part stats``: ``invoke stats``'s counting on a million
generated log lines against a bare regex loop over the same files, runs
alternated A B A B, medians, each in a fresh process (wall time and peak
memory as the owner's machine sees them).

The corpus is a month of a busy shop's combined log: three quarters in
rotated ``.gz`` files, the newest quarter plain, as logrotate leaves them;
pages, assets, robots, feed readers, embeds, broken links, returning
readers (3 for 100 lines), and 3 % of lines from scanners asking for
made-up paths. User agents spread as a real month's do: a few current
browsers for most readers, a long tail of versions, phone models and
in-app browsers, scanners' random ones: about 20,000 distinct a million
lines. It is generated once, seeded and streamed, into
``cache/bench/logs-<corpus>-<lines>/``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import random
import statistics
import sys
from pathlib import Path
from typing import IO

from .measure import timed

ROBOTS = (
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "",
)
READERS = (
    "Feedly/1.0 (+http://www.feedly.com/fetcher.html; {n} subscribers; like FeedFetcher-Google)",
    "Mozilla/5.0 (compatible; Inoreader/1.0; +https://www.inoreader.com; {n} subscribers; )",
    "NetNewsWire (RSS Reader; https://netnewswire.com/)",
)
OWN = "https://www.lesdeuxepis.example"
REFERRERS = (
    "-",
    "-",
    "-",
    "https://www.google.fr/",
    "https://duckduckgo.com/",
    "https://blog.example/",
    f"{OWN}/",
)
PAGES = (*(f"/histoires/histoire-{n:05d}/" for n in range(1500)), "/", "/tutoriels/", "/faq/")
ASSETS = ("/theme/css/site.css", "/theme/js/share.js", "/favicon.ico", "/icon-192.png")
# What scanners ask for, a made-up token after each.
PROBES = ("/wp-admin/", "/wp-content/plugins/", "/.env.", "/.git/", "/admin/", "/cgi-bin/", "/")
TOOLS = ("python-requests/2.{n}.0", "curl/7.{n}.0", "Go-http-client/1.1", "zgrab/0.{n}")
DESKTOPS = (
    "Windows NT 10.0; Win64; x64",
    "Macintosh; Intel Mac OS X 10_15_7",
    "X11; Linux x86_64",
    "X11; Ubuntu; Linux x86_64",
    "Windows NT 6.1; Win64; x64",
)
WEBKIT = "AppleWebKit/537.36 (KHTML, like Gecko)"
SAFARI = "AppleWebKit/605.1.15 (KHTML, like Gecko)"
FILES = 4  # access.log.3.gz … access.log.1.gz, access.log
CORPUS = "v3"  # in the cache folder's name: a new generator makes new files
CHUNK = 5_000  # lines written at once: the corpus is never held whole


def _older(rng: random.Random, newest: int, spread: float) -> int:
    """A version: mostly the newest, some a few behind, a long tail far behind."""
    return newest - min(int(rng.expovariate(1 / spread)), 40)


def browser(rng: random.Random) -> str:
    """One reader's user agent, drawn as a real month spreads them."""
    draw = rng.random()
    chrome = _older(rng, 131, 1.5)
    if draw < 0.28:  # Chrome on a computer: the reduced agent, few distinct
        return f"Mozilla/5.0 ({rng.choice(DESKTOPS)}) {WEBKIT} Chrome/{chrome}.0.0.0 Safari/537.36"
    if draw < 0.38:
        firefox = _older(rng, 133, 2)
        os = rng.choice(DESKTOPS).replace("_", ".")
        return f"Mozilla/5.0 ({os}; rv:{firefox}.0) Gecko/20100101 Firefox/{firefox}.0"
    if draw < 0.54:  # iPhones: the iOS version, with its patch
        major = _older(rng, 18, 1)
        ios = f"{major}_{rng.randrange(7)}" + (
            f"_{rng.randrange(1, 4)}" if rng.random() < 0.4 else ""
        )
        return (
            f"Mozilla/5.0 (iPhone; CPU iPhone OS {ios} like Mac OS X) {SAFARI} "
            f"Version/{major}.{rng.randrange(7)} Mobile/15E148 Safari/604.1"
        )
    if draw < 0.64:  # Android's Chrome: reduced, few distinct
        return (
            f"Mozilla/5.0 (Linux; Android 10; K) {WEBKIT} Chrome/{chrome}.0.0.0 "
            "Mobile Safari/537.36"
        )
    if draw < 0.74:  # Samsung Internet and older Chromes: the phone's model, the full build
        model = f"SM-{rng.choice('AGSMN')}{rng.randrange(100, 999)}{rng.choice('BFUN')}"
        return (
            f"Mozilla/5.0 (Linux; Android {_older(rng, 14, 1.5)}; {model}) {WEBKIT} "
            f"Chrome/{chrome}.0.{rng.randrange(6000, 6800)}.{rng.randrange(200)} "
            "Mobile Safari/537.36"
        )
    if draw < 0.78:
        return (
            f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {WEBKIT} Chrome/{chrome}.0.0.0 "
            f"Safari/537.36 Edg/{chrome}.0.{rng.randrange(2800, 2950)}.{rng.randrange(120)}"
        )
    # In-app browsers (Facebook, Instagram): their build numbers make each almost unique.
    ios = f"{_older(rng, 18, 1)}_{rng.randrange(7)}"
    return (
        f"Mozilla/5.0 (iPhone; CPU iPhone OS {ios} like Mac OS X) {SAFARI} Mobile/15E148 "
        f"[FBAN/FBIOS;FBAV/{rng.randrange(440, 490)}.0.0.{rng.randrange(60)}.{rng.randrange(120)};"
        f"FBBV/{rng.randrange(600_000_000, 700_000_000)};FBDV/iPhone{rng.randrange(11, 17)},"
        f"{rng.randrange(1, 9)};FBMD/iPhone;FBSN/iOS;FBSV/{ios.replace('_', '.')};FBLC/fr_FR]"
    )


def scanner(rng: random.Random) -> str:
    """A scanner's user agent: a tool's, or a browser's with random versions."""
    if rng.random() < 0.2:
        return rng.choice(TOOLS).format(n=rng.randrange(10, 90))
    return (
        f"Mozilla/5.0 ({rng.choice(DESKTOPS)}) {WEBKIT} Chrome/{rng.randrange(40, 131)}.0."
        f"{rng.randrange(1000, 6800)}.{rng.randrange(200)} Safari/537.36"
    )


Request = tuple[str, str, str, int, str, str]  # ip, method, path, status, referrer, agent


def _line(rng: random.Random, people: list[tuple[str, str]], scanners: list[str]) -> Request:
    """(ip, method, path, status, referrer, agent) of one request."""
    page = rng.choice(PAGES)
    ip, agent = rng.choice(people)
    draw, referrer = rng.random(), rng.choice(REFERRERS)
    if draw < 0.03:  # a scanner: made-up paths, random agents, a few forms sent
        method = "POST" if rng.random() < 0.1 else "GET"
        path = f"{rng.choice(PROBES)}{rng.getrandbits(40):010x}.php"
        return (f"198.51.100.{rng.randrange(1, 60)}", method, path, 404, "-", rng.choice(scanners))
    if draw < 0.22:
        return ip, "GET", page, 200, referrer, agent
    if draw < 0.75:
        path = (
            rng.choice(ASSETS)
            if rng.random() < 0.3
            else f"/images/photo-{rng.randrange(600):04d}-800w.webp"
        )
        return ip, "GET", path, 200, f"{OWN}{page}", agent
    if draw < 0.86:
        return ip, "GET", page, 200, "-", rng.choice(ROBOTS)
    if draw < 0.94:
        return ip, "GET", "/rss.xml", 200, "-", rng.choice(READERS).format(n=rng.randrange(1, 300))
    if draw < 0.975:
        return ip, "GET", f"/embed{page}", 200, "https://partenaire.example/blog/", agent
    # A broken link: an old address, from one of the site's pages or elsewhere.
    return ip, "GET", f"/histoires/ancienne-{rng.randrange(40)}/", 404, referrer, agent


def _write(target: IO[bytes], rows: list[str]) -> None:
    target.write("".join(rows).encode())
    rows.clear()


def generate(folder: Path, lines: int, seed: int = 7) -> list[Path]:
    """The corpus's files (made once, then reused); the same bytes for the
    same ``lines`` and ``seed``."""
    names = [folder / f"access.log.{n}.gz" for n in range(FILES - 1, 0, -1)]
    names.append(folder / "access.log")
    if all(p.is_file() for p in names):
        return names
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    # Readers come back: 3 for 100 lines, each with their own browser.
    people = [
        (
            f"{rng.randrange(1, 224)}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
            browser(rng),
        )
        for _ in range(max(100, lines * 3 // 100))
    ]
    scanners = [scanner(rng) for _ in range(max(20, lines * 9 // 1000))]
    start = dt.datetime(2026, 11, 1, 0, 0, 0)
    step = 30 * 86400 / lines
    per_file = lines // FILES
    for index, name in enumerate(names):
        count = per_file if index < FILES - 1 else lines - per_file * (FILES - 1)
        partial = name.with_name(name.name + ".part")
        with partial.open("wb") as raw:
            # mtime=0: the same lines make the same bytes.
            packed = gzip.GzipFile("", "wb", 6, raw, mtime=0) if name.suffix == ".gz" else None
            target = packed or raw
            rows: list[str] = []
            for n in range(count):
                when = start + dt.timedelta(seconds=(index * per_file + n) * step)
                ip, method, path, status, referrer, agent = _line(rng, people, scanners)
                stamp = when.strftime("%d/%b/%Y:%H:%M:%S +0100")
                rows.append(
                    f'{ip} - - [{stamp}] "{method} {path} HTTP/1.1" {status} '
                    f'{rng.randrange(200, 90000)} "{referrer}" "{agent}"\n'
                )
                if len(rows) == CHUNK:
                    _write(target, rows)
            _write(target, rows)
            if packed is not None:
                packed.close()
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
    # As `invoke stats` counts: only the site's host (the corpus has others).
    host = frozenset({"lesdeuxepis.example"})
    tally = Tally(Scope(counted=host, own=host, feeds=frozenset({"/rss.xml"})))
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
