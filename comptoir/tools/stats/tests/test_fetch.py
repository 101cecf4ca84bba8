"""``invoke stats --fetch`` against the publish tests' real servers on
127.0.0.1: nginx logs brought over SSH (rsync and sftp, the key in a real
ssh-agent, the host named in an ssh config file as an owner's would be),
S3 server access logs and CloudFront logs from a SeaweedFS bucket, and the
owner's messages when there is nothing to fetch or the server says no."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import secrets
import shutil
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from comptoir.tools.stats.fetch import FetchError, fetch

FR = {"DEFAULT_LANG": "fr"}
HOST = "comptoir-test"  # the Host entry of the ssh config file
LINE = (
    '203.0.113.{n} - - [01/Dec/2026:10:00:{n:02d} +0100] "GET /histoires/s{n}/ HTTP/1.1" '
    '200 5120 "https://www.example.fr/" "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"\n'
)
PLAIN = "".join(LINE.format(n=n) for n in range(3)).encode()
ROTATED = gzip.compress("".join(LINE.format(n=n) for n in range(3, 6)).encode(), mtime=0)


def ssh_publish(
    ssh_server: Any, target: str, port: int | None = None
) -> tuple[dict[str, Any], Path]:
    """PUBLISH for ``target`` ("rsync" or "sftp"), the server reached through
    an ssh config file as an owner's ``Host`` entry would be (the key comes
    from the agent), with two nginx logs and another file in a folder of its
    own on the server (the same machine: a local path): (PUBLISH, that
    folder). ``port``: another port than the server's."""
    name = f"{target}-{secrets.token_hex(4)}"
    folder = ssh_server.root / f"logs-{name}"
    folder.mkdir()
    for file, data in (("access.log", PLAIN), ("access.log.2.gz", ROTATED), ("error.log", b"x")):
        (folder / file).write_bytes(data)
        (folder / file).chmod(0o644)  # as readable as many hosts leave them
    config = ssh_server.root.parent / f"{name}.ssh_config"
    config.write_text(
        f"Host {HOST}\n  HostName {ssh_server.host}\n  Port {port or ssh_server.port}\n"
        f"  User {ssh_server.user}\n  UserKnownHostsFile {ssh_server.known_hosts}\n"
        "  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n",
        encoding="utf-8",
    )
    return {
        "target": target,
        "host": HOST,
        "path": str(ssh_server.root / f"www-{name}"),
        "ssh_config": str(config),
        "logs": f"{folder}/access.log*",
    }, folder


@pytest.fixture
def agent(agent_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The server's key in a real ssh-agent, and nowhere else."""
    monkeypatch.setenv("SSH_AUTH_SOCK", agent_env["SSH_AUTH_SOCK"])


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("target", ["rsync", "sftp"])
def test_ssh_brings_the_logs_then_what_was_added(ssh_server, agent, tmp_path, target) -> None:
    publish, remote = ssh_publish(ssh_server, target)
    root = tmp_path / "site"
    folder = root / ".comptoir" / "logs" / HOST
    files = fetch(publish, root, None)
    assert files == [folder / "access.log", folder / "access.log.2.gz"]
    assert [p.read_bytes() for p in files] == [PLAIN, ROTATED]
    # Logs name visitors: for the owner's eyes only.
    assert [oct(mode(p)) for p in files] == [oct(0o600)] * 2
    # nginx writes on: the next fetch brings the new lines.
    with (remote / "access.log").open("ab") as log:
        log.write(LINE.format(n=9).encode())
    rotated = (folder / "access.log.2.gz").stat().st_ino
    assert fetch(publish, root, None) == files
    assert (folder / "access.log").read_bytes() == PLAIN + LINE.format(n=9).encode()
    assert (folder / "access.log.2.gz").read_bytes() == ROTATED
    assert [oct(mode(p)) for p in files] == [oct(0o600)] * 2
    if target == "rsync":  # an unchanged file is not sent again
        assert (folder / "access.log.2.gz").stat().st_ino == rotated


@pytest.mark.parametrize("target", ["rsync", "sftp"])
def test_ssh_refused_key_is_the_owners_message(ssh_server, tmp_path, monkeypatch, target) -> None:
    """No agent and no key in ~/.ssh: the server refuses, and the message
    says the SSH key is the problem, naming the server."""
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(FetchError) as caught:
        fetch(ssh_publish(ssh_server, target)[0], tmp_path / "site", None)
    error = caught.value
    assert "refused the SSH key" in error.message, error.message
    assert error.values == {"where": HOST}
    assert HOST in error.translated(FR)
    assert "clé SSH" in error.translated(FR)


@pytest.mark.parametrize("target", ["rsync", "sftp"])
def test_ssh_closed_port_is_the_owners_message(ssh_server, agent, tmp_path, target) -> None:
    """The ssh config points at a port nothing listens on: the message says
    to check the host and port, naming the server."""
    with socket.socket() as held:  # a port held but not listening: refused
        held.bind(("127.0.0.1", 0))
        publish, _ = ssh_publish(ssh_server, target, port=held.getsockname()[1])
        with pytest.raises(FetchError) as caught:
            fetch(publish, tmp_path / "site", None)
    error = caught.value
    assert "refuses SSH connections" in error.message, error.message
    assert error.values == {"where": HOST}
    assert HOST in error.translated(FR)


@pytest.mark.parametrize("target", ["rsync", "sftp"])
def test_ssh_logs_that_are_not_there(ssh_server, agent, tmp_path, target) -> None:
    """A "logs" pattern that matches nothing fails with a message (the
    server's own words), not with an empty fetch."""
    publish, remote = ssh_publish(ssh_server, target)
    publish["logs"] = f"{remote}/nothing-here.log*"
    with pytest.raises(FetchError) as caught:
        fetch(publish, tmp_path / "site", None)
    assert caught.value.values.get("detail"), caught.value.values


# S3: server access logs (prefix/YYYY-mm-DD-HH-MM-SS-UNIQUE) and CloudFront
# standard logs (prefix/DISTRIBUTION.YYYY-mm-DD-HH.UNIQUE.gz) in a bucket of
# their own, beside the site's bucket; dated a few days ago, as copies kept
# STATS_KEEP_LOGS_DAYS (60 by default) are.
TODAY = dt.date.today()


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


S3_LOGS = {
    f"logs/{ago(5)}-10-00-00-ABC": b"site first\n",
    f"logs/{ago(3)}-10-00-00-DEF": b"site second\n",
    f"cf/E2EXAMPLE.{ago(4)}-23.ffff0000.gz": gzip.compress(b"#Version: 1.0\nfirst\n", mtime=0),
    f"cf/E2EXAMPLE.{ago(3)}-13.abcd1234.gz": gzip.compress(b"#Version: 1.0\nsecond\n", mtime=0),
}


@pytest.fixture
def log_bucket(s3_server, keys) -> tuple[str, Any]:
    """A fresh bucket holding :data:`S3_LOGS`: (its name, a client)."""
    bucket = s3_server.new_bucket("logs")
    client = s3_server.client()
    for key, body in S3_LOGS.items():
        client.put_object(Bucket=bucket, Key=key, Body=body)
    return bucket, client


def s3_publish(s3_server, logs: str) -> dict[str, Any]:
    return {"target": "s3", "bucket": "site", "endpoint": s3_server.endpoint, "logs": logs}


def contents(files: list[Path]) -> dict[str, bytes]:
    """What was fetched, by the key it came from (its last part ends the file's name)."""
    found = {}
    for key in S3_LOGS:
        named = [p for p in files if p.name.endswith(key.rsplit("/", 1)[1])]
        if named:
            assert len(named) == 1, named
            found[key] = named[0].read_bytes()
    assert len(found) == len(files), files
    return found


def test_s3_brings_the_access_logs_of_the_period(s3_server, log_bucket, tmp_path) -> None:
    bucket, _ = log_bucket
    publish = s3_publish(s3_server, f"s3://{bucket}/logs/")
    everything = fetch(publish, tmp_path / "all", None)
    assert {p.parent for p in everything} == {tmp_path / "all" / ".comptoir" / "logs" / bucket}
    assert contents(everything) == {k: v for k, v in S3_LOGS.items() if k.startswith("logs/")}
    # From three days ago: the log of five days ago is not even downloaded.
    recent = fetch(publish, tmp_path / "recent", ago(3))
    key = f"logs/{ago(3)}-10-00-00-DEF"
    assert contents(recent) == {key: S3_LOGS[key]}


def test_s3_brings_cloudfront_logs_of_the_period(s3_server, log_bucket, tmp_path) -> None:
    bucket, _ = log_bucket
    publish = s3_publish(s3_server, f"s3://{bucket}/cf/")
    files = fetch(publish, tmp_path / "site", ago(3))
    key = f"cf/E2EXAMPLE.{ago(3)}-13.abcd1234.gz"
    assert contents(files) == {key: S3_LOGS[key]}


def test_s3_fetches_each_log_once(s3_server, log_bucket, tmp_path) -> None:
    """A log object never changes: once here it is not downloaded again,
    and it stays here when the bucket's lifecycle has deleted it."""
    bucket, client = log_bucket
    publish = s3_publish(s3_server, f"s3://{bucket}/logs/")
    root = tmp_path / "site"
    first = fetch(publish, root, None)
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in first}
    # Same size, other bytes: downloaded again, the local copy would change.
    changed = f"logs/{ago(3)}-10-00-00-DEF"
    client.put_object(Bucket=bucket, Key=changed, Body=b"X" * len(S3_LOGS[changed]))
    client.delete_object(Bucket=bucket, Key=f"logs/{ago(5)}-10-00-00-ABC")
    new = f"logs/{ago(2)}-10-00-00-GHI"
    client.put_object(Bucket=bucket, Key=new, Body=b"site third\n")
    second = fetch(publish, root, None)
    assert len(second) == 3 and set(first) < set(second)
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in first} == before
    assert contents(first) == {k: v for k, v in S3_LOGS.items() if k.startswith("logs/")}
    (added,) = set(second) - set(first)
    assert added.read_bytes() == b"site third\n"
    assert not list(root.rglob("*.part"))


def test_s3_logs_are_not_world_readable(s3_server, log_bucket, tmp_path) -> None:
    """As over SSH: logs name visitors, they are for the owner's eyes only."""
    bucket, _ = log_bucket
    files = fetch(s3_publish(s3_server, f"s3://{bucket}/logs/"), tmp_path / "site", None)
    assert files and [oct(mode(p)) for p in files] == [oct(0o600)] * len(files)


def test_s3_without_logs_says_where_to_say_it(s3_server, keys, tmp_path) -> None:
    publish = s3_publish(s3_server, "")
    del publish["logs"]
    with pytest.raises(FetchError) as caught:
        fetch(publish, tmp_path / "site", None)
    assert '"logs"' in caught.value.message
    assert "logs" in caught.value.translated(FR)
    assert not (tmp_path / "site").exists()


def test_s3_missing_log_bucket_is_the_owners_message(s3_server, keys, tmp_path) -> None:
    """A bucket name mistyped in "logs": the owner's message, as publish gives
    it, not boto3's exception."""
    publish = s3_publish(s3_server, "s3://no-such-log-bucket/logs/")
    with pytest.raises(FetchError) as caught:
        fetch(publish, tmp_path / "site", None)
    assert caught.value.values.get("bucket") == "no-such-log-bucket", caught.value.values


def test_s3_refused_keys_are_the_owners_message(
    s3_server, log_bucket, tmp_path, monkeypatch
) -> None:
    bucket, _ = log_bucket
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wrong")
    with pytest.raises(FetchError) as caught:
        fetch(s3_publish(s3_server, f"s3://{bucket}/logs/"), tmp_path / "site", None)
    assert caught.value.values.get("bucket") == bucket, caught.value.values


@pytest.mark.parametrize(
    "publish",
    [
        {"target": "gh-pages", "branch": "gh-pages"},
        {"target": "ftps", "host": "ftp.example.fr", "user": "me", "path": "/www"},
    ],
    ids=["gh-pages", "ftps"],
)
def test_hosts_without_logs_are_named(publish, tmp_path) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(publish, tmp_path / "site", None)
    assert caught.value.values == {"target": publish["target"]}
    assert publish["target"] in str(caught.value)
    assert publish["target"] in caught.value.translated(FR)
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("publish", [None, {}])
def test_no_publish_is_nowhere_to_fetch_from(publish, tmp_path) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(publish, tmp_path / "site", None)
    assert "PUBLISH" in caught.value.message
    assert "PUBLISH" in caught.value.translated(FR)
    assert not (tmp_path / "site").exists()


def test_invoke_stats_fetch_brings_the_logs_and_counts_them(ssh_server, agent, make_site) -> None:
    """The owner's command end to end: `invoke stats --fetch` with the
    site's own PUBLISH, then the report of what it brought."""
    publish, _ = ssh_publish(ssh_server, "rsync")
    site = make_site(
        {"content/stories/a.md": "Title: A\nDate: 2026-11-01\n\nTexte.\n"},
        f'SITEURL = "https://www.example.fr"\nPUBLISH = {publish!r}\nSTATS_KEEP_LOGS_DAYS = 30\n',
    )
    # A copy from an earlier fetch, 40 days old: the setting sends it away.
    old = site.root / ".comptoir/logs" / HOST / "access.log.9"
    old.parent.mkdir(parents=True)
    old.write_text("old\n")
    stamp = time.time() - 40 * 86400
    os.utime(old, (stamp, stamp))
    root = Path(__file__).resolve().parents[4]
    shutil.copy(root / "tasks.py", site.root)
    shutil.copy(site.root / "pelicanconf.py", site.root / "publishconf.py")
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "stats", "--fetch"],
        cwd=site.root,
        env={**os.environ, "LANG": "C", "LC_ALL": "C"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    fetched = site.root / ".comptoir/logs" / HOST
    assert sorted(p.name for p in fetched.iterdir()) == ["access.log", "access.log.2.gz"]
    figures = json.loads((site.root / "rapport/stats.json").read_text("utf-8"))
    # Six page views by six visitors; the referrer is the site itself.
    assert (figures["views"], figures["visitors"], figures["referrers"]) == (6, 6, [])
    assert "6 visiteurs, 6 pages vues" in done.stdout
    assert not old.exists()
    assert (
        "1 copie de journal vieille de plus de 30 jours supprimée de .comptoir/logs/ "
        "(STATS_KEEP_LOGS_DAYS)." in done.stdout
    ), done.stdout
