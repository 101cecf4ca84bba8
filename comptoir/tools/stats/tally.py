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
from typing import Any
from urllib.parse import unquote, urlsplit

from .agents import Agents
from .model import HOSTS_KEPT, Hit, Missing, heaviest
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
    # The hosts whose requests are counted, as site_of() gives them:
    # SITEURL's, or those --site names; none: every request counts.
    counted: frozenset[str] = frozenset()
    # The site's own hosts (the counted ones and SITEURL's): a link from
    # them is the site's own page, no referrer.
    own: frozenset[str] = frozenset()
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
    ignored: int = 0  # requests from STATS_IGNORE networks

    def merge(self, other: Counts) -> None:
        """Add ``other``'s counts (another day's) to these."""
        self.bots += other.bots
        self.other += other.other
        self.ignored += other.ignored
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
            _later(self.aggregated, key, latest)


@dataclass
class Tally:
    """The running counts of one ``invoke stats``."""

    scope: Scope
    agents: Agents = field(default_factory=Agents)
    lines: int = 0
    unparsed: int = 0
    other_sites: int = 0  # requests for another host than the site's
    # site_of(host) -> its requests: at most 2 x HOSTS_KEPT, the heaviest kept.
    other_hosts: dict[str, int] = field(default_factory=dict)
    seen: set[dt.date] = field(default_factory=set)  # days with any hit, in scope or not
    # Every day that may be in the period or the one before: its views and visitors.
    day_views: Counter[dt.date] = field(default_factory=Counter)
    day_visitors: dict[dt.date, set[int]] = field(default_factory=lambda: defaultdict(set))
    # day -> (reader, feed) -> (moment, latest count that day): the subscribers' curve
    aggregated_days: dict[dt.date, dict[tuple[str, str], tuple[str, int]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    # (reader, feed) -> (day, moment, count): an aggregator's latest count
    # before the period, where the curve starts (not to start from nothing).
    aggregated_before: dict[tuple[str, str], tuple[dt.date, str, int]] = field(default_factory=dict)
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
    _hosts: dict[str, bool] = field(default_factory=dict)  # Host header -> counted
    _sources: dict[str, str | None] = field(default_factory=dict)  # referrer -> site

    def __post_init__(self) -> None:
        # Asked once a line: worked out once a run.
        self._every_day = self.scope.since is None and self.scope.until is None
        self._filter_hosts = bool(self.scope.counted)

    def visitor(self, hit: Hit) -> int:
        """The day's anonymous id of (IP, agent): a keyed hash, salt of the day."""
        salt = self._salts.get(hit.day)
        if salt is None:
            salt = self._salts[hit.day] = os.urandom(16)
        digest = hashlib.blake2b(
            f"{hit.ip}\0{hit.agent}".encode("utf-8", "surrogatepass"), key=salt, digest_size=8
        ).digest()
        return int.from_bytes(digest, "big")

    def counts_host(self, host: str) -> bool:
        """Whether requests for ``host`` (a Host header) are counted: worked
        out once per distinct value."""
        found = self._hosts.get(host)
        if found is None:
            if len(self._hosts) > IP_MEMORY:
                self._hosts.clear()
            found = self._hosts[host] = site_of(host) in self.scope.counted
        return found

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
        if hit.host and self._filter_hosts and not self.counts_host(hit.host):
            self.other_site(hit.host)
            return
        day = hit.day
        self.seen.add(day)
        # The caches looked up here first: a method call a line costs a tenth
        # of the 3x-a-bare-regex budget (invoke bench --part stats).
        counts = self._days.get(day) or self._counts(day)
        # The owner's own requests: told for the period only, as the rest is
        # (the day is checked first, so a day of theirs is a day the logs reach).
        if self.scope.ignore and self.ignored_ip(hit.ip):
            if counts is not None:
                counts.ignored += 1
            return
        agent = self.agents.known.get(hit.agent) or self.agents(hit.agent)
        kind, path = self._kinds.get(hit.path) or self.kind(hit.path)
        status = hit.status
        ok = 200 <= status < 300 or status == 304
        if counts is None:
            # Outside the period only the daily views and visitors are kept,
            # for the comparison with the previous period, and the latest
            # count of each aggregator before it, for the curve's first days.
            get = hit.method == "GET"
            if ok and get and kind == PAGE and not agent.robot and self._before(day):
                self.day_views[day] += 1
                self.day_visitors[day].add(self.visitor(hit))
            elif ok and get and kind == FEED and agent.reader and self._earlier(day):
                count = agent.subscribers
                if count is not None:
                    _later(self.aggregated_before, (agent.reader, path), (day, hit.moment, count))
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

    def other_site(self, host: str) -> None:
        """Count a request for ``host`` (as the log names it), not the site's:
        the total exactly, each host's in bounded memory, as
        :class:`~.model.Missing` keeps its paths (a flood of made-up Host
        headers keeps the hosts most asked for)."""
        self.other_sites += 1
        hosts, site = self.other_hosts, site_of(host)
        hosts[site] = hosts.get(site, 0) + 1
        if len(hosts) > 2 * HOSTS_KEPT:
            self.other_hosts = heaviest(hosts, HOSTS_KEPT)

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
            for key, (moment, count) in self.aggregated_days.pop(old, {}).items():
                _later(self.aggregated_before, key, (old, moment, count))
        before = cut - dt.timedelta(days=WINDOW)
        for old in [day for day in self.day_views if day <= before]:
            del self.day_views[old]
            self.day_visitors.pop(old, None)

    def _before(self, day: dt.date) -> bool:
        """Whether ``day``, outside the period, may be in the one before."""
        if self._last is not None:
            return day > self._last - dt.timedelta(days=2 * WINDOW)
        return self.scope.until is None or day < self.scope.until

    def _earlier(self, day: dt.date) -> bool:
        """Whether ``day``, outside the period, is before its start."""
        return self._every_day or (self.scope.since is not None and day < self.scope.since)

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
            _later(counts.aggregated, key, (hit.day, hit.moment, subscribers))
            _later(self.aggregated_days[hit.day], key, (hit.moment, subscribers))
            return
        self.direct[hit.day][(path, reader or "")].add(self.visitor(hit))


def _later(held: dict[Any, tuple[Any, ...]], key: Any, found: tuple[Any, ...]) -> None:
    """Hold ``found`` (when..., count) for ``key`` unless ``held`` has a later
    one: logs are read in any order (rotated ones newest first)."""
    old = held.get(key)
    if old is None or found[:-1] >= old[:-1]:
        held[key] = found


def _kind_of(path: str, feeds: frozenset[str]) -> str:
    # The embed section's own index is the partners' page, a page like any
    # other; only what is under it is a frame.
    if path.startswith(EMBED) and path != EMBED:
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
