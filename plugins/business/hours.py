"""Opening hours written the French way: ``lun-ven 7:00-19:30; sam 7:00-13:00``.

Groups are separated by ``;``. Each group is days (``lun``, ``lun-ven``,
``lun, mer``; French or English, short or long) then one or more time ranges
(``7:00-13:00, 15h-19h30``). The result feeds the theme and, later,
schema.org's openingHoursSpecification.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from comptoir.core.i18n import N_
from comptoir.core.i18n.errors import OwnerError

_DAYS = {
    0: ("lun", "lundi", "mon", "monday"),
    1: ("mar", "mardi", "tue", "tues", "tuesday"),
    2: ("mer", "mercredi", "wed", "wednesday"),
    3: ("jeu", "jeudi", "thu", "thur", "thursday"),
    4: ("ven", "vendredi", "fri", "friday"),
    5: ("sam", "samedi", "sat", "saturday"),
    6: ("dim", "dimanche", "sun", "sunday"),
}
DAY_OF = {name: day for day, names in _DAYS.items() for name in names}
_TIME = r"(\d{1,2})\s*(?:[:h]\s*(\d{2})?)?"
_RANGE = re.compile(rf"^{_TIME}\s*(?:-|–|à|to)\s*{_TIME}$", re.I)


class HoursError(OwnerError):
    """A part of the opening hours that cannot be read."""


@dataclass(frozen=True)
class Opening:
    """Some days, open over one or more time ranges."""

    days: tuple[int, ...]
    ranges: tuple[tuple[dt.time, dt.time], ...]


def _day(word: str) -> int:
    key = word.strip().lower().rstrip(".")
    if key not in DAY_OF:
        raise HoursError(
            N_("“%(part)s” is not a day (write lun, mar, mer, jeu, ven, sam, dim)"),
            part=word.strip(),
        )
    return DAY_OF[key]


def _days(text: str) -> tuple[int, ...]:
    days: list[int] = []
    for part in re.split(r"\s*,\s*|\s+et\s+|\s+and\s+", text.strip()):
        if re.search(r"-|–|\sau\s|\sto\s", part):
            first, last = re.split(r"\s*(?:-|–|\sau\s|\sto\s)\s*", part, maxsplit=1)
            start, end = _day(first), _day(last)
            span = range(start, end + 1) if start <= end else [*range(start, 7), *range(end + 1)]
            days.extend(span)
        else:
            days.append(_day(part))
    return tuple(dict.fromkeys(days))


def _time(hours: str, minutes: str | None) -> dt.time:
    hour, minute = int(hours), int(minutes or 0)
    if hour == 24 and minute == 0:
        return dt.time(23, 59)
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise HoursError(N_("“%(part)s” is not a time of day"), part=f"{hours}:{minutes or '00'}")
    return dt.time(hour, minute)


def parse_hours(text: str) -> tuple[Opening, ...]:
    """Parse the whole string; raise :class:`HoursError` saying which part is wrong."""
    openings = []
    for group in filter(None, (g.strip() for g in text.split(";"))):
        match = re.match(r"^(.*?)\s+(\d.*)$", group)
        if not match:
            raise HoursError(
                N_("“%(part)s” needs days then hours, e.g. “lun-ven 7:00-19:30”"), part=group
            )
        ranges = []
        for chunk in re.split(r"\s*,\s*|\s+et\s+", match.group(2)):
            times = _RANGE.match(chunk.strip())
            if not times:
                raise HoursError(N_("“%(part)s” is not a time range like 7:00-13:00"), part=chunk)
            opens, closes = _time(*times.group(1, 2)), _time(*times.group(3, 4))
            if closes <= opens:
                raise HoursError(N_("“%(part)s” closes before it opens"), part=chunk)
            ranges.append((opens, closes))
        openings.append(Opening(_days(match.group(1)), tuple(ranges)))
    if not openings:
        raise HoursError(N_("no opening hours given"))
    return tuple(openings)
