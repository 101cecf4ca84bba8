"""``invoke stats`` end to end on the inputs an owner really has: a log
holding several sites, files in no known format, a .gz cut short, each
format the kit reads, bad options and folders; the figures and the French
lines the owner reads, exactly."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import importlib.util
import io
import json
import shlex
import sys
import zlib
from pathlib import Path
from types import ModuleType

import pytest
from invoke import Context

from comptoir.tools.stats import run as stats_run
from comptoir.tools.stats.run import Options, stats
from comptoir.tools.stats.tests.test_counting import day, facts, line
from comptoir.tools.stats.tests.test_formats import (
    CADDY,
    CLOUDFRONT_FIELDS,
    CLOUDFRONT_ROW,
    S3,
    S3_LIFECYCLE,
    S3_REST,
)

ROOT = Path(__file__).resolve().parents[4]
HOST = "www.lesdeuxepis.example"  # SITEURL's host in test_counting.facts
NO_VISIT = "Aucune visite dans ces journaux pour cette période\u00a0: pas de rapport écrit."


def run(tmp_path: Path, logs: list[str], **options) -> tuple[dict | None, list[str]]:
    """(stats.json, or None when no report was written; the terminal's lines)."""
    out = tmp_path / "rapport"
    done = stats(tmp_path / "publishconf.py", Options(logs, out, **options), facts(tmp_path))
    assert done.ok
    written = out / "stats.json"
    return (json.loads(written.read_text("utf-8")) if written.exists() else None), done.lines


def vhost(host: str, path: str, ip: str, referrer: str = "-") -> str:
    return f"{host}:443 " + line(day(30), path, ip=ip, referrer=referrer)


# --site chooses the host counted --------------------------------------------


def test_site_selects_the_host_counted_in_a_vhost_log(tmp_path: Path) -> None:
    log = tmp_path / "vhost.log"
    log.write_text(
        vhost(HOST, "/histoires/a/", "203.0.113.1", "https://www.google.fr/")
        + vhost(HOST, "/histoires/a/", "203.0.113.2")
        + vhost(HOST, "/", "203.0.113.3")
        # The other site's: links from it and from SITEURL's host are no referrer.
        + vhost("other.example", "/autre/", "203.0.113.4", f"https://{HOST}/histoires/a/")
        + vhost("other.example", "/autre/", "203.0.113.5", "https://other.example/")
        + vhost("other.example", "/autre/", "203.0.113.6", "https://blog.example/billet/"),
        "utf-8",
    )
    other, _ = run(tmp_path, [str(log)], sites=("Other.example",))
    assert other is not None
    assert other["site"] == "other.example"
    assert (other["views"], other["visitors"]) == (3, 3)
    assert [(p["path"], p["views"]) for p in other["pages"]] == [("/autre/", 3)]
    assert other["referrers"] == [{"site": "blog.example", "views": 1}]
    assert other["lines"] == 6

    default, _ = run(tmp_path, [str(log)])
    assert default is not None
    assert default["site"] == HOST
    assert (default["views"], default["visitors"]) == (3, 3)
    assert [(p["path"], p["views"]) for p in default["pages"]] == [("/histoires/a/", 2), ("/", 1)]
    assert default["referrers"] == [{"site": "Google", "views": 1}]


def test_a_log_of_other_hosts_says_so_and_how_to_count_them(tmp_path: Path) -> None:
    log = tmp_path / "vhost.log"
    log.write_text(
        vhost("_", "/", "203.0.113.4") * 2 + vhost("shop.example:8080", "/a/", "203.0.113.5"),
        "utf-8",
    )
    figures, lines = run(tmp_path, [str(log)])
    assert figures is None
    assert lines == [
        "3 requêtes pour d’autres sites ont été écartées (_, shop.example)\u00a0: pour en "
        "compter un, nommez-le avec --site.",
        "Aucune visite dans ces journaux pour cette période\u00a0: pas de rapport écrit.",
    ]


def test_the_report_names_the_site_as_counted(tmp_path: Path) -> None:
    log = tmp_path / "vhost.log"
    log.write_text(vhost("autre.example", "/a/", "203.0.113.4"), "utf-8")
    figures, _ = run(tmp_path, [str(log)], sites=("Autre.example:80", "www.autre.example"))
    assert figures is not None
    assert (figures["site"], figures["views"]) == ("autre.example", 1)


# A file in no known format ---------------------------------------------------


def test_every_line_of_a_file_in_no_format_is_unread(tmp_path: Path) -> None:
    log, junk = tmp_path / "access.log", tmp_path / "notes.txt"
    log.write_text(line(day(30)), "utf-8")
    # 30 lines, more than the 20 read to tell a format, and blank lines between.
    junk.write_text("".join(f"note {n}\n\n" for n in range(1, 31)), "utf-8")
    figures, lines = run(tmp_path, [str(log), str(junk)])
    assert figures is not None
    assert (figures["unparsed"], figures["lines"], figures["views"]) == (30, 31, 1)
    assert lines[0] == "30 lignes n’ont pas pu être lues\u202f; les premières\u00a0:"
    # The file's own line numbers (a blank line between each).
    assert lines[1:6] == [f"  {junk}:{2 * n - 1}: note {n}" for n in range(1, 6)]


def test_one_unread_line_is_shown_as_the_one_not_the_first_ones(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    # Accented text is shown as it is; a control character, escaped.
    log.write_text(line(day(30)) + "café \x1b[2J crème\n", "utf-8")
    _, lines = run(tmp_path, [str(log)])
    assert lines[:2] == [
        "1 ligne n’a pas pu être lue\u202f; la voici\u00a0:",
        f"  {log}:2: café \\x1b[2J crème",
    ]
    english = dataclasses.replace(
        facts(tmp_path), settings={**facts(tmp_path).settings, "DEFAULT_LANG": "en"}
    )
    done = stats(tmp_path / "publishconf.py", Options([str(log)], tmp_path / "en"), english)
    assert done.lines[0] == "1 line could not be read; here it is:"
    log.write_text(line(day(30)) + "junk\n" * 2, "utf-8")
    _, lines = run(tmp_path, [str(log)])
    assert lines[0] == "2 lignes n’ont pas pu être lues\u202f; les premières\u00a0:"


def test_standard_input_is_named_in_the_site_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (line(day(30)) + "junk\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    figures, lines = run(tmp_path, ["-"])
    assert figures is not None and figures["views"] == 1
    assert lines[:2] == [
        "1 ligne n’a pas pu être lue\u202f; la voici\u00a0:",
        "  entrée standard:2: junk",
    ]


# A .gz cut short ---------------------------------------------------------------


def test_a_gz_cut_short_counts_the_lines_before_the_cut(tmp_path: Path) -> None:
    rows = [line(day(30), f"/histoires/{n}/", ip=f"203.0.{n // 250}.{n % 250}") for n in range(200)]
    rows[2] = "junk\n"
    packed = gzip.compress("".join(rows).encode(), mtime=0)
    cut = tmp_path / "access.log.2.gz"
    cut.write_bytes(packed[: len(packed) * 6 // 10])
    # What can be read of the cut file, told by zlib itself: its whole lines.
    whole = zlib.decompressobj(wbits=31).decompress(cut.read_bytes()).count(b"\n")
    assert 20 < whole < 200
    later = tmp_path / "access.log"
    later.write_text(line(day(30), "/", ip="198.51.100.1"), "utf-8")

    figures, lines = run(tmp_path, [str(cut), str(later)])
    assert figures is not None
    # Every whole line before the cut but the junk one is a view; the next file counts too.
    assert figures["views"] == whole - 1 + 1
    assert (figures["lines"], figures["unparsed"]) == (whole + 1, 1)
    assert lines[:3] == [
        f"{cut}\u00a0: le fichier est tronqué après la ligne {whole}\u00a0; "
        "les lignes précédentes ont été comptées.",
        "1 ligne n’a pas pu être lue\u202f; la voici\u00a0:",
        f"  {cut}:3: junk",
    ]


def test_a_tiny_gz_cut_before_its_first_line(tmp_path: Path) -> None:
    cut = tmp_path / "access.log.3.gz"
    cut.write_bytes(gzip.compress(line(day(30)).encode(), mtime=0)[:14])
    figures, lines = run(tmp_path, [str(cut)])
    assert figures is None
    assert lines == [
        f"{cut}\u00a0: le fichier est tronqué avant sa première ligne\u00a0; "
        "rien n’a pu y être compté.",
        NO_VISIT,
    ]
    assert not (tmp_path / "rapport").exists()
    # Cut in the first lines read to tell its format: those lines still count.
    short = tmp_path / "access.log.4.gz"
    # A last line that does not compress away, so the cut falls inside it.
    noise = "".join(hashlib.sha256(bytes([n])).hexdigest() for n in range(40))
    packed = gzip.compress((line(day(30)) * 3 + line(day(30), f"/{noise}/")).encode())
    short.write_bytes(packed[:-30])
    whole = zlib.decompressobj(wbits=31).decompress(short.read_bytes()).count(b"\n")
    assert whole == 3
    figures, lines = run(tmp_path, [str(short)])
    assert figures is not None and (figures["views"], figures["lines"]) == (3, 3)
    assert lines[0] == (
        f"{short}\u00a0: le fichier est tronqué après la ligne 3\u00a0; "
        "les lignes précédentes ont été comptées."
    )


# The terminal's summary and the empty period ------------------------------------


def test_the_summary_speaks_of_one_day_in_the_singular(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(line(day(30)), "utf-8")
    _, lines = run(tmp_path, [str(log)])
    assert lines[0] == "Le 30 nov. 2026\u00a0: 1 visiteur, 1 page vue, 0 abonné aux flux."
    feedly = (
        "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 1 subscribers; like FeedFetcher-Google)"
    )
    log.write_text(
        line(day(1))
        + line(day(2), "/", ip="203.0.113.2")
        + line(day(2), "/rss.xml", ip="203.0.113.3", agent=feedly),
        "utf-8",
    )
    _, lines = run(tmp_path, [str(log)])
    assert lines[0] == (
        "Du 1 nov. 2026 au 2 nov. 2026\u00a0: 2 visiteurs, 2 pages vues, 1 abonné aux flux."
    )


def test_a_period_with_no_hit_writes_no_report(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(line(day(1)) + line(day(3)), "utf-8")
    figures, lines = run(tmp_path, [str(log)], since="2026-11-20", until="2026-11-25")
    assert figures is None and lines == [NO_VISIT]
    assert not (tmp_path / "rapport").exists()


# Through the task: an owner's mistake is a French sentence, no traceback ---------


@pytest.fixture
def task(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The project's tasks.py, its site's facts those of test_counting."""
    spec = importlib.util.spec_from_file_location("comptoir_test_tasks", ROOT / "tasks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(stats_run, "read_facts", lambda _: facts(tmp_path))
    return module


def invoke_stats(task: ModuleType, logs: list[Path], **options: str) -> str:
    """``invoke stats [options] -- logs``: the message it exits with."""
    with pytest.raises(SystemExit) as exited:
        task.stats(Context(remainder=shlex.join(map(str, logs))), **options)
    assert isinstance(exited.value.code, str)
    return exited.value.code


@pytest.mark.parametrize(
    ("log_format", "message"),
    [
        ("%h %Q", "--format\u00a0: %Q n’est pas une directive de LogFormat d’Apache."),
        ("%h %{Referer", "--format\u00a0: la directive à «\u00a0%{Referer\u00a0» est mal écrite."),
    ],
)
def test_a_bad_logformat_is_named(
    task: ModuleType,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    log_format: str,
    message: str,
) -> None:
    log = tmp_path / "access.log"
    log.write_text(line(day(30)), "utf-8")
    assert invoke_stats(task, [log], out=str(tmp_path / "r"), format=log_format) == message
    assert "Traceback" not in "".join(capsys.readouterr())


@pytest.mark.parametrize("out", ["file.txt", "file.txt/sub"])
def test_a_report_folder_that_cannot_be_written_is_named(
    task: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str
) -> None:
    log = tmp_path / "access.log"
    log.write_text(line(day(30)), "utf-8")
    (tmp_path / "file.txt").write_text("the owner's notes\n", "utf-8")
    folder = tmp_path / out
    assert invoke_stats(task, [log], out=str(folder)) == (
        f"Le rapport ne peut pas être écrit dans {folder}\u00a0: c’est un fichier, ou un dossier "
        "qui ne peut être ni créé ni écrit. Choisissez un autre dossier avec --out."
    )
    assert "Traceback" not in "".join(capsys.readouterr())
    assert (tmp_path / "file.txt").read_text("utf-8") == "the owner's notes\n"


# Each format, end to end -------------------------------------------------------


def _caddy(uri: str, referrer: str, ip: str) -> str:
    entry = json.loads(CADDY)
    entry["request"] |= {"uri": uri, "client_ip": ip, "remote_ip": ip}
    entry["request"]["headers"]["Referer"] = [referrer]
    return json.dumps(entry)


def _cloudfront(stem: str, referrer: str, query: str, ip: str) -> str:
    cells = CLOUDFRONT_ROW.split("\t")
    cells[4], cells[7], cells[9], cells[11] = ip, stem, referrer, query
    return "\t".join(cells)


@pytest.mark.parametrize(
    ("name", "rows", "expected"),
    [
        (
            "caddy",
            [
                CADDY,
                _caddy("/faq/", f"https://{HOST}/", "203.0.113.8"),
                _caddy("/embed/histoires/a/", "https://cafe.example/carte/", "203.0.113.9"),
                _caddy("/", "https://other.example/", "203.0.113.10").replace(
                    HOST, "other.example"
                ),
            ],
            (2, 2, [{"site": "DuckDuckGo", "views": 1}], 4),
        ),
        (
            "s3",
            [
                *S3_LIFECYCLE,
                S3,
                S3_REST,
                S3.replace("/histoires/a/ ", "/embed/histoires/a/ ")
                .replace("https://www.qwant.com/", "https://cafe.example/carte/")
                .replace("203.0.113.7", "203.0.113.9"),
            ],
            (1, 1, [{"site": "Qwant", "views": 1}], 3),
        ),
        (
            "cloudfront",
            [
                "#Version: 1.0",
                f"#Fields: {CLOUDFRONT_FIELDS}",
                CLOUDFRONT_ROW,
                _cloudfront("/faq/", "https://www.bing.com/", "-", "203.0.113.8"),
                _cloudfront("/embed/histoires/a/", "https://cafe.example/", "-", "203.0.113.9"),
            ],
            (2, 2, [{"site": "Bing", "views": 1}, {"site": "partenaire", "views": 1}], 3),
        ),
    ],
)
def test_each_format_end_to_end(
    tmp_path: Path, name: str, rows: list[str], expected: tuple[int, int, list, int]
) -> None:
    log = tmp_path / f"{name}.log"
    log.write_text("".join(f"{row}\n" for row in rows), "utf-8")
    figures, _ = run(tmp_path, [str(log)])
    assert figures is not None
    views, visitors, referrers, lines = expected
    assert (figures["views"], figures["visitors"]) == (views, visitors)
    assert figures["referrers"] == referrers
    assert figures["embeds"] == [{"site": "cafe.example", "path": "/histoires/a/", "views": 1}]
    assert (figures["unparsed"], figures["lines"]) == (0, lines)
    assert figures["browsers"] == [{"name": "Firefox", "visitors": visitors}]
