"""Local times the site's time zone does not have once and only once.

Dates are written as wall-clock time in ``TIMEZONE``. On the night clocks
go forward, some times never happen (02:30 on 2025-03-30 in Europe/Paris):
such a date is refused with the nearest times that do exist. On the night
they go back, some happen twice (02:30 on 2025-10-26): Pelican takes the
first, and ``invoke check`` says so.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

DATE_KEYS = ("date", "modified", "consent")
MINUTE = dt.timedelta(minutes=1)
# No time zone skips more than a day (Samoa, 2011): beyond that, give up.
LONGEST_GAP = 24 * 60


def exists(naive: dt.datetime, zone: ZoneInfo) -> bool:
    """Whether the wall-clock time ``naive`` happens in ``zone``."""
    there = naive.replace(tzinfo=zone)
    return there.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == naive


def nearest(naive: dt.datetime, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime] | None:
    """For a time that does not happen: the last minute before the gap and
    the first after it; None when ``naive`` happens."""
    if exists(naive, zone):
        return None
    base = naive.replace(second=0, microsecond=0)
    before = after = base
    for _ in range(LONGEST_GAP):
        before -= MINUTE
        if exists(before, zone):
            break
    for _ in range(LONGEST_GAP):
        after += MINUTE
        if exists(after, zone):
            break
    return before, after


def twice(naive: dt.datetime, zone: ZoneInfo) -> bool:
    """Whether ``naive`` happens twice in ``zone`` (clocks going back)."""
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    return first.utcoffset() != second.utcoffset() and exists(naive, zone)
