"""From the counts to the report's figures (``stats.json``): the period,
the comparison with the one before, each table sorted, names translated."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from comptoir.core.i18n import N_, Language

from .model import FIGURES_KEYS
from .referrers import LETTER
from .tally import Tally

# Names for a link's tag (utm_source/ref) that the owner reads in words.
TAG_NAMES = {LETTER: N_("The letter")}
UNKNOWN_SITE = N_("(not said)")
OTHER_READERS = N_("Other readers")


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def period(tally: Tally) -> tuple[dt.date, dt.date] | None:
    """The period counted: --since/--until, else the days the logs hold."""
    inside = [day for day in tally.seen if tally.scope.holds(day)]
    start = tally.scope.since or (min(inside) if inside else None)
    end = tally.scope.until or (max(inside) if inside else None)
    if start is None or end is None:
        return None
    return start, end


def _previous(tally: Tally, start: dt.date, end: dt.date) -> dict[str, Any] | None:
    length = end - start + dt.timedelta(days=1)
    days = _days(start - length, start - dt.timedelta(days=1))
    if not any(day in tally.seen for day in days):
        return None
    return {
        "start": days[0].isoformat(),
        "end": days[-1].isoformat(),
        "views": sum(tally.day_views[day] for day in days),
        "visitors": sum(len(tally.day_visitors.get(day, ())) for day in days),
    }


def _feeds(tally: Tally, days: list[dt.date], words: Language) -> dict[str, Any]:
    by_reader: Counter[str] = Counter()
    by_feed: Counter[str] = Counter()
    for (reader, feed), (_, _, count) in tally.aggregated.items():
        by_reader[reader] += count
        by_feed[feed] += count
    # Direct readers: distinct (IP, agent) a day, on an average day the logs cover.
    covered = [day for day in days if day in tally.seen] or days
    direct: Counter[tuple[str, str]] = Counter()
    for day in covered:
        for key, ids in tally.direct.get(day, {}).items():
            direct[key] += len(ids)
    for (feed, reader), total in direct.items():
        mean = round(total / len(covered))
        by_reader[reader or words.gettext(OTHER_READERS)] += mean
        by_feed[feed] += mean
    curve, known = [], {}
    for day in days:
        known.update(tally.aggregated_days.get(day, {}))
        today = sum(len(ids) for ids in tally.direct.get(day, {}).values())
        curve.append({"date": day.isoformat(), "subscribers": sum(known.values()) + today})
    return {
        "subscribers": sum(by_feed.values()),
        "by_reader": dict(_sorted(by_reader)),
        "by_feed": dict(_sorted(by_feed)),
        "days": curve,
    }


def _sorted(counter: Counter[Any]) -> list[tuple[Any, int]]:
    """Largest first, then by name: the same logs give the same report."""
    return sorted(((k, n) for k, n in counter.items() if n), key=lambda kv: (-kv[1], str(kv[0])))


def figures(
    tally: Tally, site: str, titles: dict[str, str], words: Language
) -> dict[str, Any] | None:
    """The report's figures, or None when no hit falls in the period."""
    span = period(tally)
    if span is None:
        return None
    start, end = span
    days = _days(start, end)
    referrers: Counter[str] = Counter()
    for (kind, name), views in tally.referrers.items():
        label = words.gettext(TAG_NAMES[name]) if kind == "tag" and name in TAG_NAMES else name
        referrers[label] += views
    found = {
        "site": site,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "previous": _previous(tally, start, end),
        "views": sum(tally.page_views.values()),
        "visitors": len(tally.visitors),
        "days": [
            {
                "date": day.isoformat(),
                "views": tally.day_views[day],
                "visitors": len(tally.day_visitors.get(day, ())),
            }
            for day in days
        ],
        "pages": [
            {
                "path": path,
                "title": titles.get(path, ""),
                "views": views,
                "visitors": len(tally.page_visitors[path]),
            }
            for path, views in _sorted(tally.page_views)
        ],
        "referrers": [{"site": name, "views": n} for name, n in _sorted(referrers)],
        "embeds": [
            {"site": site or words.gettext(UNKNOWN_SITE), "path": path, "views": n}
            for (site, path), n in _sorted(tally.embeds)
        ],
        "feeds": _feeds(tally, days, words),
        "not_found": [{"path": path, "hits": n} for path, n in _sorted(tally.not_found)],
        "statuses": {str(code): n for code, n in sorted(tally.statuses.items())},
        "browsers": [{"name": name, "visitors": n} for name, n in _sorted(tally.browsers)],
        "bots": tally.bots,
        "ignored": tally.ignored,
        "unparsed": tally.unparsed,
        "lines": tally.lines,
    }
    return {key: found[key] for key in FIGURES_KEYS}
