"""How long fetched logs stay, and what is fetched at all: copies older
than STATS_KEEP_LOGS_DAYS deleted after each fetch (and files that old not
brought), unchanged files not sent again over SSH, and S3 listings that
start at the period's first day and stop after its last, against the same
real servers as test_fetch.py (OpenSSH, SeaweedFS)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from comptoir.core.i18n import language
from comptoir.core.settings import apply
from comptoir.tools.stats import s3logs
from comptoir.tools.stats.config import SETTINGS
from comptoir.tools.stats.fetch import fetch
from comptoir.tools.stats.tests.test_fetch import (
    HOST,
    PLAIN,
    ROTATED,
    agent,
    ago,
    log_bucket,
    s3_publish,
    ssh_publish,
)

__all__ = ["agent", "log_bucket"]  # fixtures, registered here too


def age(path: Path, days: float) -> None:
    """Give ``path`` the time of a file last written ``days`` ago."""
    when = time.time() - days * 86400
    os.utime(path, (when, when))


def said(files: Any, lang: str = "fr") -> list[str]:
    """What the owner is told about the fetch, in ``lang``."""
    return files.lines(language({"DEFAULT_LANG": lang}))


@pytest.mark.parametrize("target", ["rsync", "sftp"])
def test_ssh_keeps_copies_no_longer_than_keep_days(ssh_server, agent, tmp_path, target) -> None:
    """Copies last written more than STATS_KEEP_LOGS_DAYS ago go after the
    fetch (in every folder of .comptoir/logs/), told in one line; a file that
    old on the server is not brought; a recent copy whose file the server
    rotated away stays."""
    publish, remote = ssh_publish(ssh_server, target)
    (remote / "access.log.9.gz").write_bytes(ROTATED)
    age(remote / "access.log.9.gz", 90)
    root = tmp_path / "site"
    folder = root / ".comptoir" / "logs" / HOST
    folder.mkdir(parents=True)
    for name, days in (("access.log.14.gz", 70), ("access.log.5.gz", 10)):
        (folder / name).write_bytes(ROTATED)
        age(folder / name, days)
    elsewhere = root / ".comptoir" / "logs" / "old-host" / "access.log"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(PLAIN)
    age(elsewhere, 61)
    files = fetch(publish, root, None)
    assert [p.name for p in files] == ["access.log", "access.log.2.gz", "access.log.5.gz"]
    assert not elsewhere.exists() and not (folder / "access.log.9.gz").exists()
    assert files.removed == 2  # not 3: the server's old file was not brought to be deleted
    assert said(files) == [
        "2 copies de journaux vieilles de plus de 60 jours supprimées de "
        ".comptoir/logs/ (STATS_KEEP_LOGS_DAYS)."
    ]
    # Kept a week: the copy of ten days ago goes too.
    files = fetch(publish, root, None, keep_days=7)
    assert [p.name for p in files] == ["access.log", "access.log.2.gz"]
    assert said(files, "en") == [
        "1 log copy older than 7 days deleted from .comptoir/logs/ (STATS_KEEP_LOGS_DAYS)."
    ]
    assert said(fetch(publish, root, None, keep_days=7)) == []


@pytest.mark.parametrize("target", ["rsync", "sftp"])
def test_ssh_does_not_bring_unchanged_files_again(ssh_server, agent, tmp_path, target) -> None:
    """A file of the same size and time as its copy is not sent again (the
    copy is altered here, same size and time, to see it), also one written
    over six months ago (sftp shows its day, not its minute); written again
    on the server, with the same size, it is."""
    publish, remote = ssh_publish(ssh_server, target)
    (remote / "access.log.30.gz").write_bytes(ROTATED)
    age(remote / "access.log.30.gz", 300)
    root = tmp_path / "site"
    copies = [
        root / ".comptoir" / "logs" / HOST / n for n in ("access.log.2.gz", "access.log.30.gz")
    ]
    fetch(publish, root, None, keep_days=400)
    for copy in copies:
        served = remote / copy.name
        assert int(copy.stat().st_mtime) == int(served.stat().st_mtime)  # the server's time
        stamp = copy.stat().st_mtime
        copy.write_bytes(b"x" * len(ROTATED))
        os.utime(copy, (stamp, stamp))
    fetch(publish, root, None, keep_days=400)
    assert [c.read_bytes() for c in copies] == [b"x" * len(ROTATED)] * 2
    age(remote / "access.log.2.gz", 1 / 24)  # an hour earlier
    fetch(publish, root, None, keep_days=400)
    assert [c.read_bytes() for c in copies] == [ROTATED, b"x" * len(ROTATED)]


def watch_listing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys S3 answers fetch()'s listing requests with, in order (seen
    through s3logs.py's one listing call, the real store answering)."""
    listed: list[str] = []
    real = s3logs.list_page

    def listing(client: Any, **params: Any) -> dict[str, Any]:
        page = real(client, **params)
        listed.extend(item["Key"] for item in page.get("Contents", ()))
        return page

    monkeypatch.setattr(s3logs, "list_page", listing)
    return listed


def test_s3_lists_and_brings_only_the_period(s3_server, keys, tmp_path, monkeypatch) -> None:
    """With --since and --until, in a prefix holding both kinds of logs
    (pages of two names, to see the listing stop): no access log before the
    period is listed, and none after the first one past it; each CloudFront
    distribution is read from its first day, learnt from one earlier name."""
    bucket, client = s3_server.new_bucket("logs"), s3_server.client()
    since, until = ago(20), ago(10)
    access = {n: f"logs/{ago(n)}-10-00-00-A{n}" for n in (22, 21, 20, 15, 10, 9, 8, 2)}
    cloudfront = {
        (d, n): f"logs/{d}.{ago(n)}-13.abcd00{n:02d}.gz"
        for d, days in (("E1EXAMPLE", (22, 21, 20, 10, 9)), ("E2EXAMPLE", (22, 20, 9, 2)))
        for n in days
    }
    cloudfront |= {
        ("E3EXAMPLE", n): f"logs/E3EXAMPLE.{ago(n)}-08.abcd00{n:02d}.gz" for n in (15, 10)
    }
    for key in [*access.values(), *cloudfront.values()]:
        client.put_object(Bucket=bucket, Key=key, Body=key.encode())
    listed = watch_listing(monkeypatch)
    monkeypatch.setattr(s3logs, "PAGE", 2)
    files = fetch(s3_publish(s3_server, f"s3://{bucket}/logs/"), tmp_path / "site", since, until)
    # The access logs of the day after too: S3 names a log when it delivers
    # it, hours after some of its requests; CloudFront by their hour.
    brought = [access[n] for n in (20, 15, 10, 9)]
    brought += [cloudfront[k] for k in (("E1EXAMPLE", 20), ("E1EXAMPLE", 10), ("E2EXAMPLE", 20))]
    brought += [cloudfront["E3EXAMPLE", n] for n in (15, 10)]
    assert sorted(p.read_text() for p in files) == sorted(brought)
    assert listed == [
        access[22],  # the prefix's first name, asked alone: it tells the layout
        *(access[n] for n in (20, 15, 10, 9, 8)),
        # Past the year's access logs only: early in January, the next year's.
        *([access[2]] if ago(2).year > ago(8).year else []),
        *(cloudfront["E1EXAMPLE", n] for n in (22, 20, 10, 9)),
        *(cloudfront["E2EXAMPLE", n] for n in (22, 20, 9, 2)),  # 9 and 2: one page
        *(cloudfront["E3EXAMPLE", n] for n in (15, 10)),
    ]


def test_s3_keeps_copies_no_longer_than_keep_days(
    s3_server, log_bucket, tmp_path, monkeypatch
) -> None:
    """Copies named by a day more than STATS_KEEP_LOGS_DAYS ago go, whatever
    their file's time; others by their time; logs that old in the bucket are
    not brought, and not even listed but for the prefix's first name (asked
    alone: it tells the layout)."""
    bucket, client = log_bucket
    old = [f"logs/{ago(n)}-10-00-00-OLD" for n in (90, 80)]
    for key in old:
        client.put_object(Bucket=bucket, Key=key, Body=b"site old\n")
    root = tmp_path / "site"
    folder = root / ".comptoir" / "logs" / bucket
    folder.mkdir(parents=True)
    copies = {  # name: days since the file was written
        f"logs_{ago(70)}-10-00-00-XYZ": 0,
        f"cf_E2EXAMPLE.{ago(61)}-13.abcd1234.gz": 0,
        f"logs_{ago(2)}-10-00-00-NEW": 100,
        "notes.txt": 61,
        "summary.txt": 1,
    }
    for name, days in copies.items():
        (folder / name).write_bytes(b"copy\n")
        age(folder / name, days)
    listed = watch_listing(monkeypatch)
    files = fetch(s3_publish(s3_server, f"s3://{bucket}/logs/"), root, None)
    assert sorted(p.name for p in files) == sorted(
        [f"logs_{ago(n)}-10-00-00-{u}" for n, u in ((5, "ABC"), (3, "DEF"), (2, "NEW"))]
        + ["summary.txt"]
    )
    assert listed == [old[0], f"logs/{ago(5)}-10-00-00-ABC", f"logs/{ago(3)}-10-00-00-DEF"]
    assert said(files) == [
        "3 copies de journaux vieilles de plus de 60 jours supprimées de "
        ".comptoir/logs/ (STATS_KEEP_LOGS_DAYS)."
    ]


@pytest.mark.parametrize("value", [0, -3, 2.5, "60", True, None])
def test_keep_logs_days_is_a_whole_number_of_days(value) -> None:
    settings = {"DEFAULT_LANG": "fr", "STATS_KEEP_LOGS_DAYS": value}
    assert apply(settings, SETTINGS) == [
        ("STATS_KEEP_LOGS_DAYS", "Écrivez un nombre entier de jours (1 ou plus), comme 60.")
    ]


def test_keep_logs_days_is_60_unless_set() -> None:
    settings: dict[str, Any] = {"DEFAULT_LANG": "fr"}
    assert apply(settings, SETTINGS) == []
    assert settings["STATS_KEEP_LOGS_DAYS"] == 60
    assert apply({"STATS_KEEP_LOGS_DAYS": 1}, SETTINGS) == []


def test_s3_partitioned_logs_are_listed_and_brought_for_the_period(
    s3_server, keys, tmp_path, monkeypatch
) -> None:
    """S3's date-based partitioning (prefix/account/region/bucket/YYYY/MM/
    DD/name), two sources, one account sorting before the year, the other
    after (pages of two names, to see the listing stop): each source is
    read from the first day's folder and left after the last, and exactly
    the period's logs are brought."""
    bucket, client = s3_server.new_bucket("logs"), s3_server.client()
    since, until = ago(20), ago(10)
    sources = {
        "A": ("012345678901/eu-west-3/shop-bucket", (25, 22, 20, 15, 10, 9, 8, 2)),
        "B": ("987654321098/us-east-1/blog-bucket", (21, 12, 9, 3)),
    }
    logs = {
        (name, n): f"logs/{folder}/{ago(n):%Y/%m/%d}/{ago(n)}-13-05-59-{name}{n:02d}"
        for name, (folder, days) in sources.items()
        for n in days
    }
    for key in logs.values():
        client.put_object(Bucket=bucket, Key=key, Body=key.encode())
    listed = watch_listing(monkeypatch)
    monkeypatch.setattr(s3logs, "PAGE", 2)
    files = fetch(s3_publish(s3_server, f"s3://{bucket}/logs/"), tmp_path / "site", since, until)
    # The day after --until too, as for access logs named the simple way.
    brought = [logs["A", n] for n in (20, 15, 10, 9)] + [logs["B", n] for n in (12, 9)]
    assert sorted(p.read_text() for p in files) == sorted(brought)
    assert sorted(p.name for p in files) == sorted(
        key.replace("/", "_") for key in brought
    )  # named after their key, so that their day is kept with them
    assert listed == [
        logs["A", 25],  # the prefix's first name: a partitioned source, before the period
        *(logs["A", n] for n in (20, 15, 10, 9, 8)),
        *(logs["B", n] for n in (21, 12, 9, 3)),
    ]


def test_s3_partitioned_logs_beside_simple_ones_are_brought_too(s3_server, keys, tmp_path) -> None:
    """Access logs named the simple way and a partitioned source whose
    account sorts after the year, in one prefix: passing the access logs
    after the period does not pass the partitioned ones."""
    bucket, client = s3_server.new_bucket("logs"), s3_server.client()
    since, until = ago(20), ago(10)
    simple = {n: f"logs/{ago(n)}-10-00-00-S{n:02d}" for n in (22, 20, 10, 9, 8)}
    folder = "logs/987654321098/us-east-1/blog-bucket"
    partitioned = {n: f"{folder}/{ago(n):%Y/%m/%d}/{ago(n)}-13-05-59-P{n:02d}" for n in (21, 15, 8)}
    for key in [*simple.values(), *partitioned.values()]:
        client.put_object(Bucket=bucket, Key=key, Body=key.encode())
    files = fetch(s3_publish(s3_server, f"s3://{bucket}/logs/"), tmp_path / "site", since, until)
    brought = [simple[n] for n in (20, 10, 9)] + [partitioned[15]]
    assert sorted(p.read_text() for p in files) == sorted(brought)
