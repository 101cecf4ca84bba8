"""``invoke stats --fetch``: bring the access logs from where the site is
published, with the same settings (PUBLISH), into ``.comptoir/logs/``.

SSH targets (rsync, sftp) copy ``PUBLISH["logs"]`` (a path or glob on the
server, nginx's by default): a first connection lists the files, the second
brings those changed since the last fetch (same size and time: not sent
again). S3 reads the bucket and prefix in ``PUBLISH["logs"]``
(``s3://bucket/prefix/``), where S3 server access logs and CloudFront
standard logs land: it lists only the names of the period's days (they sort
by date) and downloads the files not fetched yet. GitHub Pages and FTP
hosts give no logs.

Raw logs hold addresses: copies older than ``STATS_KEEP_LOGS_DAYS`` are
deleted after each fetch (by the date in an S3 or CloudFront name, else by
the time the server last wrote the file), and files that old on the server
are not fetched. A copy whose file the server has deleted stays until then.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from comptoir.core.i18n import N_, Language, OwnerError
from comptoir.tools.publish.guards import PublishError
from comptoir.tools.publish.ssh import Remote, failure

from .config import KEEP_LOGS_DAYS
from .s3logs import ACCESS, CLOUDFRONT, download, objects

DEFAULT_LOGS = "/var/log/nginx/access.log*"
FOLDER = Path(".comptoir") / "logs"  # beside pelicanconf.py, never published
# The same names once copied here (the key's "/" became "_"); groups:
# access log day, distribution, CloudFront day.
_COPY = re.compile(rf"(?:^|_)(?:{ACCESS}|{CLOUDFRONT})(?:\.part)?$")
# `sftp ls -ln`: type, links, owner, group, size, "Dec  4 22:46" or "Nov 14  2023", path.
_SFTP_LINE = re.compile(
    r"(\S)\S*\s+\S+\s+\S+\s+\S+\s+(\d+)\s+([A-Z][a-z]{2})\s+(\d{1,2})\s+"
    r"(?:(\d{1,2}):(\d{2})|(\d{4}))\s(.+)"
)
# `rsync --list-only`: type, size, "2026/12/04 22:46:05", name.
_RSYNC_LINE = re.compile(r"(\S)\S*\s+\S+\s+(\d{4})/(\d{2})/(\d{2}) \d{2}:\d{2}:\d{2} (.+)")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class FetchError(OwnerError):
    """Logs that cannot be brought from the server."""


class Fetched(list[Path]):
    """The files fetched, sorted (a list, as before), and how many old
    copies were deleted from ``.comptoir/logs/``."""

    def __init__(self, files: Iterable[Path], removed: int, days: int) -> None:
        super().__init__(files)
        self.removed, self.days = removed, days

    def lines(self, words: Language) -> list[str]:
        """What the owner is told: the old copies deleted, if any."""
        if not self.removed:
            return []
        days = words.number(self.days)
        age = words.ngettext("%(count)s day", "%(count)s days", self.days, count=days)
        return [
            words.ngettext(
                "%(count)s log copy older than %(age)s deleted from .comptoir/logs/ "
                "(STATS_KEEP_LOGS_DAYS).",
                "%(count)s log copies older than %(age)s deleted from .comptoir/logs/ "
                "(STATS_KEEP_LOGS_DAYS).",
                self.removed,
                count=words.number(self.removed),
                age=age,
            )
        ]


def fetch(
    publish: dict[str, Any] | None,
    root: Path,
    since: dt.date | None,
    until: dt.date | None = None,
    *,
    keep_days: int = KEEP_LOGS_DAYS,
) -> Fetched:
    """Bring the logs into ``root/.comptoir/logs/<where>/``, those of
    ``since``..``until`` when the names tell, then delete the copies older
    than ``keep_days``; the files there."""
    if not publish:
        raise FetchError(
            N_(
                "Nowhere to fetch logs from: set PUBLISH in publishconf.py (see the README, "
                '"Statistics").'
            )
        )
    target = publish["target"]
    if target in ("gh-pages", "ftps"):
        raise FetchError(
            N_(
                '%(target)s gives no access logs to fetch: see the README, "Statistics", for '
                "what to do instead."
            ),
            target=target,
        )
    oldest = dt.date.today() - dt.timedelta(days=keep_days)
    first = max(since, oldest) if since else oldest
    try:
        s3 = target == "s3"
        folder = _s3(publish, root, first, until) if s3 else _ssh(publish, root, oldest)
    except PublishError as error:
        raise FetchError(error.message, **error.values) from error
    finally:
        # Even when the server failed: old copies go (the owner reads the error).
        removed = _prune(root / FOLDER, oldest)
    found = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".part"))
    for path in found:
        path.chmod(0o600)  # logs hold addresses: for the owner only
    return Fetched(found, removed, keep_days)


def _prune(folder: Path, oldest: dt.date) -> int:
    """Delete the copies under ``folder`` dated before ``oldest``; how many."""
    removed = 0
    for parent, _, names in os.walk(folder):  # symlinked folders not followed
        for name in names:
            path = Path(parent) / name
            if path.is_symlink() or not path.is_file():
                continue
            if _copy_day(path) < oldest:
                path.unlink()
                removed += 1
    return removed


def _copy_day(path: Path) -> dt.date:
    """The day a copy's name carries (S3, CloudFront), else the day it was
    last written (on the server: fetching keeps the time)."""
    named = _COPY.search(path.name)
    if named:
        try:
            return dt.date.fromisoformat(named[1] or named[3])
        except ValueError:
            pass
    return dt.date.fromtimestamp(path.stat().st_mtime)


class Listed(NamedTuple):
    """A file on the server: its path, size, the day it was last written,
    and its time as ``sftp ls`` shows it (to the minute, or the year)."""

    path: str
    size: int
    day: dt.date
    shown: tuple[int, ...] = ()

    @property
    def name(self) -> str:
        """Its name, and its copy's."""
        return self.path.rsplit("/", 1)[-1]


def _ssh(publish: dict[str, Any], root: Path, oldest: dt.date) -> Path:
    remote = Remote.of(publish)
    pattern = str(publish.get("logs") or DEFAULT_LOGS)
    folder = root / FOLDER / _safe(remote.host)
    folder.mkdir(parents=True, exist_ok=True)
    if publish["target"] == "rsync":
        # The remote shell expands the glob; --times keeps unchanged files unsent.
        where = f"{remote.where}:{pattern}"
        listed = _rsync_listing(remote.rsync(["--list-only", where]))
        # A file that old would be deleted once here: it is not sent.
        skip = [f"--exclude=/{_rsync_literal(f.name)}" for f in listed if f.day < oldest]
        if not listed or len(skip) < len(listed):  # (a listing not understood: all)
            remote.rsync(["--times", "--chmod=F600", *skip, where, f"{folder}/"])
        return folder
    # sftp reads * ? [ ] inside quotes as plain characters: the glob goes
    # unquoted, its spaces, quotes and backslashes escaped.
    glob = re.sub(r'([\s"\'\\])', r"\\\1", pattern)
    listed = _sftp_listing(_sftp(remote, f"ls -ln {glob}\n"), dt.date.today())
    wanted = [f for f in listed if f.day >= oldest and not _unchanged(f, folder / f.name)]
    if wanted:
        # -p keeps the server's time: the next listing finds the file unchanged.
        _sftp(remote, "".join(f'get -p {_sftp_literal(f.path)} "{folder}/"\n' for f in wanted))
    return folder


def _sftp(remote: Remote, batch: str) -> str:
    """Run sftp commands on ``remote``; what they printed."""
    args = ["sftp", "-b", "-", *remote.ssh_args()[1:]]
    args = ["-P" if a == "-p" else a for a in args]
    done = subprocess.run(
        [*args, remote.where], input=batch, capture_output=True, text=True, errors="replace"
    )
    if done.returncode != 0:
        raise failure(remote, done.stderr)
    return done.stdout


def _sftp_listing(text: str, today: dt.date) -> list[Listed]:
    """The regular files in ``ls -ln``'s output (its times in local time,
    to the minute for the last six months, else to the day with the year)."""
    listed = []
    for line in text.splitlines():
        found = _SFTP_LINE.fullmatch(line)
        if not found or found[1] != "-" or found[3] not in MONTHS:
            continue
        month, day = MONTHS.index(found[3]) + 1, int(found[4])
        if found[7]:
            shown: tuple[int, ...] = (month, day, int(found[7]))
            year = int(found[7])
        else:
            shown = (month, day, int(found[5]), int(found[6]))
            # Without a year: this year's date, or last year's if that is still to come.
            year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
        try:
            when = dt.date(year, month, day)
        except ValueError:  # 29 February without its year
            when = today
        listed.append(Listed(found[8], int(found[2]), when, shown))
    return listed


def _unchanged(listed: Listed, local: Path) -> bool:
    """The copy has the server file's size and time (as ``ls`` shows it)."""
    if not local.is_file():
        return False
    stat = local.stat()
    mine = time.localtime(stat.st_mtime)
    shown = (mine.tm_mon, mine.tm_mday)
    shown += (mine.tm_year,) if len(listed.shown) == 3 else (mine.tm_hour, mine.tm_min)
    return stat.st_size == listed.size and shown == listed.shown


def _sftp_literal(path: str) -> str:
    """A path as one sftp argument, its glob characters plain."""
    return re.sub(r'([\s"\'\\*?\[\]])', r"\\\1", path)


def _rsync_listing(text: str) -> list[Listed]:
    """The regular files in ``rsync --list-only``'s output (local times)."""
    listed = []
    for line in text.splitlines():
        found = _RSYNC_LINE.fullmatch(line)
        if found and found[1] == "-":
            day = dt.date(int(found[2]), int(found[3]), int(found[4]))
            listed.append(Listed(found[5], 0, day))
    return listed


def _rsync_literal(name: str) -> str:
    """A file name as an rsync pattern matching only itself: rsync reads a
    backslash as an escape only in a pattern that holds a wildcard."""
    if not re.search(r"[*?\[]", name):
        return name
    return re.sub(r"([*?\[\\])", r"\\\1", name)


def _s3(publish: dict[str, Any], root: Path, first: dt.date, until: dt.date | None) -> Path:
    from comptoir.tools.publish.s3 import S3Target
    from comptoir.tools.publish.s3errors import owner_errors

    where = str(publish.get("logs") or "")
    if not where:
        raise FetchError(
            N_(
                'Say where the access logs land: add "logs": "s3://my-logs-bucket/site/" to '
                'PUBLISH (see the README, "Statistics").'
            )
        )
    bucket, _, prefix = where.removeprefix("s3://").partition("/")
    target = S3Target({**publish, "bucket": bucket})
    folder = root / FOLDER / _safe(bucket)
    folder.mkdir(parents=True, exist_ok=True)
    with owner_errors(target, cut=False):
        for item in objects(target.client, bucket, prefix, first, until):
            download(target.client, bucket, item, folder, _safe(item["Key"]))
    return folder


def _safe(name: str) -> str:
    """A key or host as one file name."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", name).lstrip(".") or "_"
