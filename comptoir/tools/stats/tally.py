"""Counting in one pass over every hit, in constant memory per distinct
page, visitor and day (never per line).

Visitors are Plausible's: a hash of (IP, user agent) keyed with a random
salt made for each day, held in memory for this run only and never written
anywhere, so the same person is one visitor in a day, and no IP nor
agent survives the run. Since a salt belongs to one day, a visitor id does
too: the period's visitors are the sum of each day's.

Without --since/--until the period is only known once every log is read
(the last 30 days they reach), so each of the last 30 days seen so far
keeps its own :class:`Counts`, and a day falling out of them is dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from .agents import Agents
from .model import Hit, Missing
from .referrers import referring_site, site_of, tagged

EMBED = "/embed/"
OEMBED = "oembed.json"
FEED_NAMES = ("rss.xml", "atom.xml", "feed.json")
# Kinds of path (worked out once per distinct path).
PAGE, ASSET, FEED, FRAME, OEMBED_DOC = "page", "asset", "feed", "frame", "oembed"
# How many distinct IPs to remember as ignored or not before starting over
# (a bound on memory, not on correctness).
IP_MEMORY = 100_000
# The default period: the last days the logs reach, compared with as many before.
WINDOW = 30
# An embed whose Referer names no site that can be read (not "none said").
UNREADABLE = None


@dataclass(frozen=True)
class Scope:
    """What counts: the days, the site's hosts, the owner's networks."""

    since: dt.date | None = None
    until: dt.date | None = None
    own: frozenset[str] = frozenset()  # the site's hosts, as site_of() gives
    ignore: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    feeds: frozenset[str] = frozenset()  # feed paths the site writes

    def holds(self, day: dt.date) -> bool:
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )


@dataclass
class Counts:
    """What the report shows of a stretch of days (one day, or the period)."""

    bots: int = 0
    other: int = 0  # browsers' requests neither GET nor HEAD (a form sent)
    statuses: Counter[int] = field(default_factory=Counter)
    page_views: Counter[str] = field(default_factory=Counter)
    page_visitors: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    visitors: set[int] = field(default_factory=set)
    browsers: Counter[str] = field(default_factory=Counter)
    referrers: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, name)
    # (site, path); site "" when none is said, UNREADABLE when it cannot be read
    embeds: Counter[tuple[str | None, str]] = field(default_factory=Counter)
    not_found: Missing = field(default_factory=Missing)
    # (reader, feed) -> (day, moment, count): the latest count an aggregator gave.
    aggregated: dict[tuple[str, str], tuple[dt.date, str, int]] = field(default_factory=dict)

    def merge(self, other: Counts) -> None:
        """Add ``other``'s counts (another day's) to these."""
        self.bots += other.bots
        self.other += other.other
        # Counter.update adds.
        self.statuses.update(other.statuses)
        self.page_views.update(other.page_views)
        self.browsers.update(other.browsers)
        self.referrers.update(other.referrers)
        self.embeds.update(other.embeds)
        for path, ids in other.page_visitors.items():
            self.page_visitors[path] |= ids
        self.visitors |= other.visitors
        self.not_found.merge(other.not_found)
        for key, latest in other.aggregated.items():
            if key not in self.aggregated or latest[:2] >= self.aggregated[key][:2]:
                self.aggregated[key] = latest


@dataclass
class Tally:
    """The running counts of one ``invoke stats``."""

    scope: Scope
    agents: Agents = field(default_factory=Agents)
    lines: int = 0
    unparsed: int = 0
    other_sites: int = 0
    ignored: int = 0
    seen: set[dt.date] = field(default_factory=set)  # days with any hit, in scope or not
    # Every day that may be in the period or the one before: its views and visitors.
    day_views: Counter[dt.date] = field(default_factory=Counter)
    day_visitors: dict[dt.date, set[int]] = field(default_factory=lambda: defaultdict(set))
    # day -> (reader, feed) -> count that day (the subscribers' curve)
    aggregated_days: dict[dt.date, dict[tuple[str, str], int]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    # day -> (feed, reader name) -> direct readers' ids
    direct: dict[dt.date, dict[tuple[str, str], set[int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    # day -> its counts: with --since/--until one Counts for every day of the
    # period; without, one each for the last WINDOW days seen.
    _days: dict[dt.date, Counts] = field(default_factory=dict)
    _period: Counts = field(default_factory=Counts)
    _last: dt.date | None = None  # the last day seen, without --since/--until
    _salts: dict[dt.date, bytes] = field(default_factory=dict)
    _kinds: dict[str, tuple[str, str]] = field(default_factory=dict)
    _ips: dict[str, bool] = field(default_factory=dict)
    _sources: dict[str, str | None] = field(default_factory=dict)  # referrer -> site

    def __post_init__(self) -> None:
        # Asked once a line: worked out once a run.
        self._every_day = self.scope.since is None and self.scope.until is None
        self._filter_hosts = bool(self.scope.own)

    def visitor(self, hit: Hit) -> int:
        """The day's anonymous id of (IP, agent): a keyed hash, salt of the day."""
        salt = self._salts.get(hit.day)
        if salt is None:
            salt = self._salts[hit.day] = os.urandom(16)
        digest = hashlib.blake2b(
            f"{hit.ip}\0{hit.agent}".encode("utf-8", "surrogatepass"), key=salt, digest_size=8
        ).digest()
        return int.from_bytes(digest, "big")

    def ignored_ip(self, ip: str) -> bool:
        found = self._ips.get(ip)
        if found is None:
            if len(self._ips) > IP_MEMORY:
                self._ips.clear()
            try:
                address = ipaddress.ip_address(ip)
            except ValueError:
                found = False
            else:
                found = any(address in network for network in self.scope.ignore)
            self._ips[ip] = found
        return found

    def kind(self, target: str) -> tuple[str, str]:
        """(kind, path) of a request target: the path without its query,
        decoded, ``index.html`` folded into its folder."""
        found = self._kinds.get(target)
        if found is None:
            path = unquote(target.split("?", 1)[0].split("#", 1)[0], errors="replace")
            if path.endswith("/index.html"):
                path = path[: -len("index.html")]
            found = self._kinds[target] = (_kind_of(path, self.scope.feeds), path)
            if len(self._kinds) > IP_MEMORY:
                self._kinds.clear()
        return found

    def add(self, hit: Hit) -> None:
        """Count one hit."""
        if hit.host and self._filter_hosts and site_of(hit.host) not in self.scope.own:
            self.other_sites += 1
            return
        if self.scope.ignore and self.ignored_ip(hit.ip):
            self.ignored += 1
            return
        day = hit.day
        self.seen.add(day)
        # The caches looked up here first: a method call a line costs a tenth
        # of the 3x-a-bare-regex budget (invoke bench --part stats).
        agent = self.agents.known.get(hit.agent) or self.agents(hit.agent)
        kind, path = self._kinds.get(hit.path) or self.kind(hit.path)
        counts = self._days.get(day) or self._counts(day)
        status = hit.status
        ok = 200 <= status < 300 or status == 304
        if counts is None:
            # Outside the period only the daily views and visitors are kept,
            # for the comparison with the previous period.
            page = ok and kind == PAGE and hit.method == "GET" and not agent.robot
            if page and self._before(day):
                self.day_views[day] += 1
                self.day_visitors[day].add(self.visitor(hit))
            return
        counts.statuses[status] += 1
        if kind == FEED and ok and hit.method == "GET" and (agent.reader or not agent.robot):
            self._feed(counts, hit, path, agent.reader, agent.subscribers)
            return
        if agent.robot or hit.method == "HEAD":
            counts.bots += 1
            if kind == OEMBED_DOC and ok and hit.method == "GET":
                # oEmbed is fetched by the embedding site's server, often a robot.
                self._embed(counts, hit, path)
            return
        if hit.method != "GET":
            # A browser sending a form (POST), asking OPTIONS…: no robot, no read.
            counts.other += 1
            return
        if status == 404:
            counts.not_found.add(path, self.own_page(hit.referrer))
        if not ok:
            return
        if kind == PAGE:
            self._view(counts, hit, path)
        elif kind in (FRAME, OEMBED_DOC):
            self._embed(counts, hit, path)

    def _counts(self, day: dt.date) -> Counts | None:
        """The counts ``day`` goes into (made on its first hit); None when
        the day is outside the period, or too old to be in the default one."""
        if not self._every_day:
            if not self.scope.holds(day):
                return None
            counts = self._days[day] = self._period
            return counts
        if self._last is None or day > self._last:
            self._last = day
            self._forget(day - dt.timedelta(days=WINDOW))
        if day <= self._last - dt.timedelta(days=WINDOW):
            return None
        counts = self._days[day] = Counts()
        return counts

    def _forget(self, cut: dt.date) -> None:
        """Drop the days at or before ``cut`` from the default period's
        counts, and those before the period it is compared with."""
        for old in [day for day in self._days if day <= cut]:
            del self._days[old]
            self.direct.pop(old, None)
            self.aggregated_days.pop(old, None)
        before = cut - dt.timedelta(days=WINDOW)
        for old in [day for day in self.day_views if day <= before]:
            del self.day_views[old]
            self.day_visitors.pop(old, None)

    def _before(self, day: dt.date) -> bool:
        """Whether ``day``, outside the period, may be in the one before."""
        if self._last is not None:
            return day > self._last - dt.timedelta(days=2 * WINDOW)
        return self.scope.until is None or day < self.scope.until

    def counts(self, start: dt.date, end: dt.date) -> Counts:
        """The counts of the days from ``start`` to ``end``, in one."""
        if not self._every_day:
            return self._period
        total = Counts()
        for day, counts in sorted(self._days.items()):
            if start <= day <= end:
                total.merge(counts)
        return total

    def own_page(self, referrer: str) -> str | None:
        """The page of the site a Referer names (path, as :meth:`kind`
        gives it), None when it names no page of the site."""
        if not referrer or not self.scope.own:
            return None
        try:
            parts = urlsplit(referrer)
        except ValueError:
            return None
        if not parts.netloc or site_of(parts.netloc) not in self.scope.own:
            return None
        return self.kind(parts.path or "/")[1]

    def _view(self, counts: Counts, hit: Hit, path: str) -> None:
        visitor = self.visitor(hit)
        self.day_views[hit.day] += 1
        self.day_visitors[hit.day].add(visitor)
        counts.page_views[path] += 1
        counts.page_visitors[path].add(visitor)
        if visitor not in counts.visitors:
            counts.visitors.add(visitor)
            counts.browsers[self.agents.browser(hit.agent)] += 1
        query = hit.path.partition("?")[2]
        tag = tagged(query)
        if tag is not None:
            counts.referrers[("tag", tag)] += 1
        elif hit.referrer:
            site = self.source(hit.referrer)
            if site is not None:
                counts.referrers[("site", site)] += 1

    def source(self, referrer: str) -> str | None:
        """:func:`referring_site`, once per distinct referrer."""
        if referrer in self._sources:
            return self._sources[referrer]
        if len(self._sources) > IP_MEMORY:
            self._sources.clear()
        found = self._sources[referrer] = referring_site(referrer, self.scope.own)
        return found

    def _embed(self, counts: Counts, hit: Hit, path: str) -> None:
        content = path[len(EMBED) - 1 :]
        if content.endswith(OEMBED):
            content = content[: -len(OEMBED)]
        site: str | None = self.source(hit.referrer)
        if site is None and hit.referrer:
            if self.own_page(hit.referrer) is not None:
                return  # the site's own pages showing its embeds
            # A Referer that names no site (garbage): shown, as from a site unknown.
            site = UNREADABLE
        elif site is None:
            site = _site_in_agent(hit.agent)
        counts.embeds[(site, content)] += 1

    def _feed(
        self, counts: Counts, hit: Hit, path: str, reader: str | None, subscribers: int | None
    ) -> None:
        if reader is not None and subscribers is not None:
            key = (reader, path)
            latest = counts.aggregated.get(key)
            if latest is None or (hit.day, hit.moment) >= latest[:2]:
                counts.aggregated[key] = (hit.day, hit.moment, subscribers)
            self.aggregated_days[hit.day][key] = subscribers
            return
        self.direct[hit.day][(path, reader or "")].add(self.visitor(hit))


def _kind_of(path: str, feeds: frozenset[str]) -> str:
    if path.startswith(EMBED):
        return OEMBED_DOC if path.endswith("/" + OEMBED) else FRAME
    last = path.rsplit("/", 1)[-1]
    if path in feeds or last in FEED_NAMES:
        return FEED
    if not last or last.endswith(".html") or "." not in last:
        return PAGE
    return ASSET


def _site_in_agent(agent: str) -> str:
    """The site an oEmbed consumer names in its agent (WordPress says
    "WordPress/6.7; https://partner.example"), else ""."""
    for word in agent.replace(";", " ").replace("(", " ").replace(")", " ").split():
        if word.startswith(("http://", "https://")):
            return site_of(word.split("//", 1)[1].split("/", 1)[0])
    return ""
