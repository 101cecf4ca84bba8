"""Listing the S3 server access logs and CloudFront standard logs of a
period in the bucket they land in (``invoke stats --fetch``), and bringing
one. Log names sort by date, so the listing starts at the period's first
day and jumps past the rest, instead of reading the whole prefix.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

DAY = dt.timedelta(days=1)
PAGE = 1000  # names per S3 listing page (S3's most)
# A date in a log file's name: S3's 2026-11-30-..., CloudFront's .2026-11-30-13.
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# S3 server access logs, named when delivered: 2026-11-30-13-05-59-0123ABCD;
# CloudFront standard logs, named by the hour of their requests:
# E2EXAMPLE.2026-11-30-13.abcd1234.gz.
ACCESS = r"(\d{4}-\d{2}-\d{2})-\d{2}-\d{2}-\d{2}-[0-9A-Za-z]+"
CLOUDFRONT = r"([0-9A-Za-z]+)\.(\d{4}-\d{2}-\d{2})-\d{2}\.[0-9A-Za-z]+\.gz"
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
    """The objects under ``scope`` after ``after``, in order: the first one
    asked alone (it may tell to look elsewhere), then by pages."""
    params = {"Bucket": bucket, "Prefix": scope, "StartAfter": after, "MaxKeys": 1}
    while True:
        page = list_page(client, **params)
        yield from page.get("Contents", ())
        if not page.get("IsTruncated"):
            return
        token = page["NextContinuationToken"]
        params = {"Bucket": bucket, "Prefix": scope, "ContinuationToken": token, "MaxKeys": PAGE}


def objects(
    client: Any, bucket: str, prefix: str, first: dt.date, until: dt.date | None
) -> Iterator[dict[str, Any]]:
    """The objects under ``prefix`` that may hold days ``first``..``until``.

    Log names sort by date: the listing starts at the first day's access
    logs (S3's StartAfter), skips past the later ones, and reads each
    CloudFront distribution from its first day, learning the distribution
    from its first name. Other names are kept by the date they carry and
    their object's time. When no name from the first day on is a log's
    (S3's date-based partitioning, ``prefix/account/region/bucket/YYYY/MM/
    DD/…``, whose account may sort before the date), the whole prefix is
    read, each object kept the same way.
    """
    given: set[str] = set()
    if (yield from _by_date(client, bucket, prefix, first, until, given)):
        return
    for item in _everything(client, bucket, prefix):
        if item["Key"] not in given and _wanted(item, first, until):
            yield item


def _everything(client: Any, bucket: str, prefix: str) -> Iterator[dict[str, Any]]:
    """Every object under ``prefix``, by pages."""
    params: dict[str, Any] = {"Bucket": bucket, "Prefix": prefix, "MaxKeys": PAGE}
    while True:
        page = list_page(client, **params)
        yield from page.get("Contents", ())
        if not page.get("IsTruncated"):
            return
        params = {**params, "ContinuationToken": page["NextContinuationToken"]}


def _by_date(
    client: Any,
    bucket: str,
    prefix: str,
    first: dt.date,
    until: dt.date | None,
    given: set[str],
) -> Generator[dict[str, Any], None, bool]:
    """:func:`objects` for names that start with their date; adds the keys
    it yields to ``given``; returns whether any name was a log's."""
    recognized = False
    low = first.isoformat()
    # An access log is named when delivered, hours after some of its
    # requests: the day after `until` holds some of its.
    last_access = (until + 2 * DAY).isoformat() if until else None
    last_cloudfront = (until + DAY).isoformat() if until else None
    scope, after = prefix, prefix + low
    while True:
        jump = None
        for item in _run(client, bucket, scope, after):
            key = item["Key"]
            if found := _ACCESS.fullmatch(key, len(prefix)):
                # ":" comes after "9": past every name that starts with a year.
                day, end, base, past = found[1], last_access, prefix, prefix + ":"
            elif found := _CLOUDFRONT.fullmatch(key, len(prefix)):
                base = f"{prefix}{found[1]}."
                # "~" comes after every character of a log name.
                day, end, past = found[2], last_cloudfront, base + "~"
            else:
                if _wanted(item, first, until):
                    given.add(key)
                    yield item
                continue
            recognized = True
            if day < low:
                jump = (base, base + low)
            elif end and day >= end:
                jump = (prefix, past)
            else:
                given.add(key)
                yield item
                if scope == base or base == prefix:
                    continue
                # The distribution's next names in a listing of their own:
                # its pages end with them, not in the next one's old names.
                jump = (base, key)
            # A store that lists out of byte order (SeaweedFS does after a
            # name ending in "/") must not send the listing back: read on.
            if jump[1] > after and jump[1] >= key:
                break
            jump = None
        if jump is None:
            if scope == prefix:
                return recognized
            jump = (prefix, scope + "~")  # one distribution done: on to the next
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
