"""Listing the S3 server access logs and CloudFront standard logs of a
period in the bucket they land in (``invoke stats --fetch``), and bringing
one. Log names sort by date, so the listing jumps to the period's first day
and past its last, instead of reading the whole prefix.

The layouts read under the prefix, even side by side:

- S3's simple key format: ``2026-11-30-13-05-59-0123ABCD``;
- S3's date-based partitioning, one folder per source and day:
  ``012345678901/eu-west-3/shop-bucket/2026/11/30/2026-11-30-13-05-59-0123ABCD``;
- CloudFront's standard logs: ``E2EXAMPLE.2026-11-30-13.abcd1234.gz``.

Any other name is listed, and kept by the date it carries and its time.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

DAY = dt.timedelta(days=1)
PAGE = 1000  # names per S3 listing page (S3's most)
# A date in a log file's name: S3's 2026-11-30-..., CloudFront's .2026-11-30-13.
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# S3 server access logs, named when delivered: 2026-11-30-13-05-59-0123ABCD;
# CloudFront standard logs, named by the hour of their requests:
# E2EXAMPLE.2026-11-30-13.abcd1234.gz.
ACCESS = r"(\d{4}-\d{2}-\d{2})-\d{2}-\d{2}-\d{2}-[0-9A-Za-z]+"
CLOUDFRONT = r"([0-9A-Za-z]+)\.(\d{4}-\d{2}-\d{2})-\d{2}\.[0-9A-Za-z]+\.gz"
# S3's date-based partitioning: account/region/bucket/, the day as folders,
# then an access log's name.
_PARTITIONED = re.compile(r"(\d+/[^/]+/[^/]+/)(\d{4})/(\d{2})/(\d{2})/" + ACCESS)
_ACCESS, _CLOUDFRONT = re.compile(ACCESS), re.compile(CLOUDFRONT)


def download(client: Any, bucket: str, item: dict[str, Any], folder: Path, name: str) -> None:
    """Bring one object into ``folder`` as ``name``, unless it is there
    already, with its time (the age of a copy whose name has no date)."""
    key = item["Key"]
    local = folder / name
    if key.endswith("/") or (local.is_file() and local.stat().st_size == item["Size"]):
        return  # fetched before: a log object never changes
    partial = local.with_name(local.name + ".part")
    client.download_file(bucket, key, str(partial))
    partial.chmod(0o600)  # logs hold addresses: for the owner only
    # The object's time: the age of a copy whose name has no date.
    stamp = item["LastModified"].timestamp()
    os.utime(partial, (stamp, stamp))
    partial.replace(local)


def list_page(client: Any, **params: Any) -> dict[str, Any]:
    """One ListObjectsV2 request (what the tests watch)."""
    return client.list_objects_v2(**params)


def _run(client: Any, bucket: str, scope: str, after: str) -> Iterator[dict[str, Any]]:
    """The objects under ``scope`` after ``after`` (from the first if it is
    empty), in order: the first one asked alone (it may tell to look
    elsewhere), then by pages."""
    params: dict[str, Any] = {"Bucket": bucket, "Prefix": scope, "MaxKeys": 1}
    if after:
        params["StartAfter"] = after
    while True:
        page = list_page(client, **params)
        yield from page.get("Contents", ())
        if not page.get("IsTruncated"):
            return
        token = page["NextContinuationToken"]
        params = {"Bucket": bucket, "Prefix": scope, "ContinuationToken": token, "MaxKeys": PAGE}


class _Log(NamedTuple):
    """What a log's name tells: where the names of its source start (the
    prefix, a distribution's, a partitioned source's folder), the day it
    carries (2026-11-30), whether its source files it in day folders, and
    whether it is CloudFront's."""

    base: str
    day: str
    folders: bool
    cloudfront: bool


def _log(key: str, prefix: str) -> _Log | None:
    """The log named ``key`` under ``prefix``; None for another name."""
    if found := _ACCESS.fullmatch(key, len(prefix)):
        return _Log(prefix, found[1], False, False)
    if found := _PARTITIONED.fullmatch(key, len(prefix)):
        return _Log(prefix + found[1], "-".join(found.group(2, 3, 4)), True, False)
    if found := _CLOUDFRONT.fullmatch(key, len(prefix)):
        return _Log(f"{prefix}{found[1]}.", found[2], False, True)
    return None


def objects(
    client: Any, bucket: str, prefix: str, first: dt.date, until: dt.date | None
) -> Iterator[dict[str, Any]]:
    """The objects under ``prefix`` that may hold days ``first``..``until``.

    The listing starts at the prefix's first name, asked alone: a log's
    name tells its source, whose names sort by date. Each source is read
    from the first day (S3's StartAfter) and left past ``until``: the
    simple access logs under the prefix itself, each CloudFront
    distribution and each partitioned account/region/bucket/ in a listing
    of its own. Other names are kept by the date they carry and their
    object's time.
    """
    low = first.isoformat()
    # An access log is named when delivered, hours after some of its
    # requests: the day after `until` holds some of its.
    last_access = (until + 2 * DAY).isoformat() if until else None
    last_cloudfront = (until + DAY).isoformat() if until else None
    # Past the day before's folder: SeaweedFS, given the first day's folder
    # itself as StartAfter, skips all of it.
    in_folders = f"{first - DAY:%Y/%m/%d}/~"
    # No StartAfter yet: a partitioned account may sort before any date.
    scope, after = prefix, ""
    while True:
        jump = None
        for item in _run(client, bucket, scope, after):
            key = item["Key"]
            log = _log(key, prefix)
            if log is None:
                if _wanted(item, first, until):
                    yield item
                continue
            end = last_cloudfront if log.cloudfront else last_access
            if log.day < low:
                jump = (log.base, log.base + (in_folders if log.folders else low))
            elif end and log.day >= end:
                # Past the source's names ("~" comes after every character
                # of a log name); for the prefix's own, those of the year:
                # a partitioned account may sort before the next one's.
                past = f"{log.day[:4]}-~" if log.base == prefix else "~"
                jump = (prefix, log.base + past)
            else:
                yield item
                if scope == log.base or log.base == prefix:
                    continue
                # The source's next names in a listing of their own: its
                # pages end with them, not in the next one's old names.
                jump = (log.base, key)
            # A store that lists out of byte order (SeaweedFS does after a
            # name ending in "/") must not send the listing back: read on.
            if jump[1] > after and jump[1] >= key:
                break
            jump = None
        if jump is None:
            if scope == prefix:
                return
            jump = (prefix, scope + "~")  # one source done: on to the next
        scope, after = jump


def _wanted(item: dict[str, Any], first: dt.date, until: dt.date | None) -> bool:
    """An object of another name: written from ``first`` on, and named by a
    day of the period if it names one."""
    if item["LastModified"].date() < first:
        return False
    found = _DATE.search(item["Key"].rsplit("/", 1)[-1])
    if found is None:
        return True
    try:
        day = dt.date(*map(int, found.groups()))
    except ValueError:
        return True
    return day >= first and (until is None or day <= until + DAY)
