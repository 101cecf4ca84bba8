"""From the counts to the report's figures (``stats.json``): the period,
the comparison with the one before, each table sorted, names translated.

The period is --since/--until's; without them, the last 30 days the logs
reach (ending on the last day seen), or every day they hold when that is
30 or fewer. It is compared with as many days just before it when the
logs reach back to the first of them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from comptoir.core.i18n import N_, Language

from .model import FIGURES_KEYS
from .referrers import LETTER
from .tally import UNREADABLE, WINDOW, Counts, Tally

# Names for a link's tag (utm_source/ref) that the owner reads in words.
TAG_NAMES = {LETTER: N_("The letter")}
UNKNOWN_SITE = N_("(not said)")
UNREADABLE_SITE = N_("(unknown site)")
OTHER_READERS = N_("Other readers")
# The browsers ua-parser does not know (agents.py names them "").
OTHER_BROWSERS = N_("Other browsers")
TOP_NOT_FOUND = 50  # the missing addresses listed, the most hit first
TOP_OTHER_HOSTS = 5  # the other hosts named in stats.json and the terminal


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def period(tally: Tally) -> tuple[dt.date, dt.date] | None:
    """The period counted: --since/--until, else the last :data:`WINDOW`
    days the logs reach, or all they hold when that is fewer."""
    inside = [day for day in tally.seen if tally.scope.holds(day)]
    start = tally.scope.since or (min(inside) if inside else None)
    end = tally.scope.until or (max(inside) if inside else None)
    if start is None or end is None:
        return None
    if tally.scope.since is None and tally.scope.until is None:
        start = max(start, end - dt.timedelta(days=WINDOW - 1))
    return start, end


def _previous(tally: Tally, start: dt.date, end: dt.date) -> dict[str, Any] | None:
    """The period just before, as long, when the logs reach its first day:
    one they hold only part of would compare a week with a month."""
    length = end - start + dt.timedelta(days=1)
    days = _days(start - length, start - dt.timedelta(days=1))
    if not tally.seen or min(tally.seen) > days[0]:
        return None
    return {
        "start": days[0].isoformat(),
        "end": days[-1].isoformat(),
        "views": sum(tally.day_views[day] for day in days),
        "visitors": sum(len(tally.day_visitors.get(day, ())) for day in days),
    }


def _feeds(tally: Tally, counts: Counts, days: list[dt.date], words: Language) -> dict[str, Any]:
    # Direct readers: distinct (IP, agent) a day, on an average day the logs
    # cover. Every figure is added up in n-ths of a subscriber (n: the days
    # covered) and rounded once, half up: rounded for each (feed, reader)
    # first, a reader seen on one day of three was lost, and the total
    # strayed from the curve.
    covered = len([day for day in days if day in tally.seen] or days)
    by_reader: Counter[str] = Counter()
    by_feed: Counter[str] = Counter()
    for (reader, feed), (_, _, count) in counts.aggregated.items():
        by_reader[reader] += count * covered
        by_feed[feed] += count * covered
    for day in days:
        for (feed, reader), ids in tally.direct.get(day, {}).items():
            by_reader[reader or words.gettext(OTHER_READERS)] += len(ids)
            by_feed[feed] += len(ids)
    # The curve starts from each aggregator's latest count before the period.
    known = {key: count for key, (_, _, count) in tally.aggregated_before.items()}
    curve = []
    for day in days:
        known.update((key, count) for key, (_, count) in tally.aggregated_days.get(day, {}).items())
        today = sum(len(ids) for ids in tally.direct.get(day, {}).values())
        curve.append({"date": day.isoformat(), "subscribers": sum(known.values()) + today})
    return {
        "subscribers": _mean(sum(by_feed.values()), covered),
        "by_reader": dict(_sorted(Counter({k: _mean(n, covered) for k, n in by_reader.items()}))),
        "by_feed": dict(_sorted(Counter({k: _mean(n, covered) for k, n in by_feed.items()}))),
        "days": curve,
    }


def _mean(total: int, days: int) -> int:
    """``total / days`` rounded half up, in integers (no float to drift)."""
    return (2 * total + days) // (2 * days)


def other_hosts(tally: Tally) -> list[tuple[str, int]]:
    """The other hosts than the site's most asked for in the logs read, as
    (host, requests), the most first, at most :data:`TOP_OTHER_HOSTS`; known
    with or without a period (when none of the site's requests were seen)."""
    found = sorted(tally.other_hosts.items(), key=lambda item: (-item[1], item[0]))
    return found[:TOP_OTHER_HOSTS]


def _sorted(counter: Counter[Any]) -> list[tuple[Any, int]]:
    """Largest first, then by name: the same logs give the same report."""
    return sorted(((k, n) for k, n in counter.items() if n), key=lambda kv: (-kv[1], str(kv[0])))


def _embeds(counts: Counts, words: Language) -> list[dict[str, Any]]:
    named: Counter[tuple[str, str]] = Counter()
    for (site, path), views in counts.embeds.items():
        if site is UNREADABLE:
            site = words.gettext(UNREADABLE_SITE)
        named[(site or words.gettext(UNKNOWN_SITE), path)] += views
    return [{"site": site, "path": path, "views": n} for (site, path), n in _sorted(named)]


def _browsers(counts: Counts, words: Language) -> list[dict[str, Any]]:
    named: Counter[str] = Counter()
    for name, visitors in counts.browsers.items():
        named[name or words.gettext(OTHER_BROWSERS)] += visitors
    return [{"name": name, "visitors": n} for name, n in _sorted(named)]


def figures(
    tally: Tally, site: str, titles: dict[str, str], words: Language
) -> dict[str, Any] | None:
    """The report's figures, or None when no hit falls in the period."""
    span = period(tally)
    if span is None:
        return None
    start, end = span
    days = _days(start, end)
    counts = tally.counts(start, end)
    referrers: Counter[str] = Counter()
    for (kind, name), views in counts.referrers.items():
        label = words.gettext(TAG_NAMES[name]) if kind == "tag" and name in TAG_NAMES else name
        referrers[label] += views
    found = {
        "site": site,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "previous": _previous(tally, start, end),
        "views": sum(counts.page_views.values()),
        "visitors": len(counts.visitors),
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
                "visitors": len(counts.page_visitors[path]),
            }
            for path, views in _sorted(counts.page_views)
        ],
        "referrers": [{"site": name, "views": n} for name, n in _sorted(referrers)],
        "embeds": _embeds(counts, words),
        "feeds": _feeds(tally, counts, days, words),
        "not_found": [
            {"path": path, "hits": n} | ({"from": page} if page is not None else {})
            for path, n, page in counts.not_found.top(TOP_NOT_FOUND)
        ],
        "not_found_hits": counts.not_found.hits,
        "statuses": {str(code): n for code, n in sorted(counts.statuses.items())},
        "browsers": _browsers(counts, words),
        "bots": counts.bots,
        "other_requests": counts.other,
        "ignored": counts.ignored,
        "other_sites": {
            "requests": tally.other_sites,
            "hosts": [{"host": host, "requests": n} for host, n in other_hosts(tally)],
        },
        "unparsed": tally.unparsed,
        "lines": tally.lines,
    }
    return {key: found[key] for key in FIGURES_KEYS}
