"""``invoke stats --fetch``: bring the access logs from where the site is
published, with the same settings (PUBLISH), into ``.comptoir/logs/``.

SSH targets (rsync, sftp) copy ``PUBLISH["logs"]`` (a path or glob on the
server, nginx's by default); rsync sends only what changed since the last
fetch. S3 reads the bucket and prefix in ``PUBLISH["logs"]``
(``s3://bucket/prefix/``), where S3 server access logs and CloudFront
standard logs land, downloading only the files not fetched yet, and only
those of the period's days when the names carry dates. GitHub Pages and
FTP hosts give no logs.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import Any

from comptoir.core.i18n import N_, OwnerError
from comptoir.tools.publish.guards import PublishError
from comptoir.tools.publish.ssh import Remote, failure

DEFAULT_LOGS = "/var/log/nginx/access.log*"
FOLDER = Path(".comptoir") / "logs"  # beside pelicanconf.py, never published
# A date in a log file's name: S3's 2026-11-30-..., CloudFront's .2026-11-30-13.
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class FetchError(OwnerError):
    """Logs that cannot be brought from the server."""


def fetch(publish: dict[str, Any] | None, root: Path, since: dt.date | None) -> list[Path]:
    """Bring the logs into ``root/.comptoir/logs/<where>/``; the files there."""
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
    try:
        if target == "s3":
            return _s3(publish, root, since)
        return _ssh(publish, root)
    except PublishError as error:
        raise FetchError(error.message, **error.values) from error


def _ssh(publish: dict[str, Any], root: Path) -> list[Path]:
    remote = Remote.of(publish)
    pattern = str(publish.get("logs") or DEFAULT_LOGS)
    folder = root / FOLDER / _safe(remote.host)
    folder.mkdir(parents=True, exist_ok=True)
    if publish["target"] == "rsync":
        # The remote shell expands the glob; --times keeps unchanged files unsent.
        remote.rsync(["--times", "--chmod=F600", f"{remote.where}:{pattern}", f"{folder}/"])
    else:
        args = ["sftp", "-b", "-", *remote.ssh_args()[1:]]
        args = ["-P" if a == "-p" else a for a in args]
        # sftp reads * ? [ ] inside quotes as plain characters: the glob goes
        # unquoted, its spaces, quotes and backslashes escaped.
        glob = re.sub(r'([\s"\'\\])', r"\\\1", pattern)
        done = subprocess.run(
            [*args, remote.where],
            input=f'get {glob} "{folder}/"\n',
            capture_output=True,
            text=True,
            errors="replace",
        )
        if done.returncode != 0:
            raise failure(remote, done.stderr)
    found = sorted(p for p in folder.iterdir() if p.is_file())
    for path in found:
        path.chmod(0o600)  # logs hold addresses: for the owner only
    return found


def _s3(publish: dict[str, Any], root: Path, since: dt.date | None) -> list[Path]:
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
        _download(target.client, bucket, prefix, folder, since)
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".part"))


def _download(client: Any, bucket: str, prefix: str, folder: Path, since: dt.date | None) -> None:
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    for page in pages:
        for item in page.get("Contents", ()):
            key, size = item["Key"], item["Size"]
            if key.endswith("/") or not _wanted(key, since):
                continue
            local = folder / _safe(key)
            if local.is_file() and local.stat().st_size == size:
                continue  # fetched before: a log object never changes
            partial = local.with_name(local.name + ".part")
            client.download_file(bucket, key, str(partial))
            partial.chmod(0o600)  # logs hold addresses: for the owner only
            partial.replace(local)


def _wanted(key: str, since: dt.date | None) -> bool:
    found = _DATE.search(key.rsplit("/", 1)[-1])
    if since is None or found is None:
        return True
    try:
        return dt.date(*map(int, found.groups())) >= since
    except ValueError:
        return True


def _safe(name: str) -> str:
    """A key or host as one file name."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", name).lstrip(".") or "_"
