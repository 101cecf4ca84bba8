"""Counting in one pass over every hit, in constant memory per distinct
page, visitor and day (never per line).

Visitors are Plausible's: a hash of (IP, user agent) keyed with a random
salt made for each day, held in memory for this run only and never written
anywhere, so the same person is one visitor in a day, and no IP nor
agent survives the run. Since a salt belongs to one day, a visitor id does
too: the period's visitors are the sum of each day's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import unquote

from .agents import Agents
from .model import Hit
from .referrers import referring_site, site_of, tagged

EMBED = "/embed/"
OEMBED = "oembed.json"
FEED_NAMES = ("rss.xml", "atom.xml", "feed.json")
# Kinds of path (worked out once per distinct path).
PAGE, ASSET, FEED, FRAME, OEMBED_DOC = "page", "asset", "feed", "frame", "oembed"
# How many distinct IPs to remember as ignored or not before starting over
# (a bound on memory, not on correctness).
IP_MEMORY = 100_000


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
class Tally:
    """The running counts of one ``invoke stats``."""

    scope: Scope
    agents: Agents = field(default_factory=Agents)
    lines: int = 0
    unparsed: int = 0
    other_sites: int = 0
    ignored: int = 0
    bots: int = 0
    seen: set[dt.date] = field(default_factory=set)  # days with any hit, in scope or not
    day_views: Counter[dt.date] = field(default_factory=Counter)
    day_visitors: dict[dt.date, set[int]] = field(default_factory=lambda: defaultdict(set))
    page_views: Counter[str] = field(default_factory=Counter)
    page_visitors: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    visitors: set[int] = field(default_factory=set)  # in the period
    browsers: Counter[str] = field(default_factory=Counter)
    referrers: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, name)
    embeds: Counter[tuple[str, str]] = field(default_factory=Counter)  # (site, path)
    not_found: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    # (reader, feed) -> (day, moment, count): the latest count an aggregator gave.
    aggregated: dict[tuple[str, str], tuple[dt.date, str, int]] = field(default_factory=dict)
    # day -> (reader, feed) -> count that day (the subscribers' curve)
    aggregated_days: dict[dt.date, dict[tuple[str, str], int]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    # day -> (feed, reader name) -> direct readers' ids
    direct: dict[dt.date, dict[tuple[str, str], set[int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
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
        status = hit.status
        ok = 200 <= status < 300 or status == 304
        if not self._every_day and not self.scope.holds(day):
            # Outside the period only the daily views and visitors are kept,
            # for the comparison with the previous period.
            if ok and kind == PAGE and hit.method == "GET" and not agent.robot:
                self.day_views[day] += 1
                self.day_visitors[day].add(self.visitor(hit))
            return
        self.statuses[hit.status] += 1
        if kind == FEED and ok and hit.method == "GET" and (agent.reader or not agent.robot):
            self._feed(hit, path, agent.reader, agent.subscribers)
            return
        if agent.robot or hit.method != "GET":
            self.bots += 1
            if kind == OEMBED_DOC and ok and hit.method == "GET":
                # oEmbed is fetched by the embedding site's server, often a robot.
                self._embed(hit, path)
            return
        if hit.status == 404:
            self.not_found[path] += 1
        if not ok:
            return
        if kind == PAGE:
            self._view(hit, path)
        elif kind in (FRAME, OEMBED_DOC):
            self._embed(hit, path)

    def _view(self, hit: Hit, path: str) -> None:
        visitor = self.visitor(hit)
        self.day_views[hit.day] += 1
        self.day_visitors[hit.day].add(visitor)
        self.page_views[path] += 1
        self.page_visitors[path].add(visitor)
        if visitor not in self.visitors:
            self.visitors.add(visitor)
            self.browsers[self.agents.browser(hit.agent)] += 1
        query = hit.path.partition("?")[2]
        tag = tagged(query)
        if tag is not None:
            self.referrers[("tag", tag)] += 1
        elif hit.referrer:
            site = self.source(hit.referrer)
            if site is not None:
                self.referrers[("site", site)] += 1

    def source(self, referrer: str) -> str | None:
        """:func:`referring_site`, once per distinct referrer."""
        if referrer in self._sources:
            return self._sources[referrer]
        if len(self._sources) > IP_MEMORY:
            self._sources.clear()
        found = self._sources[referrer] = referring_site(referrer, self.scope.own)
        return found

    def _embed(self, hit: Hit, path: str) -> None:
        content = path[len(EMBED) - 1 :]
        if content.endswith(OEMBED):
            content = content[: -len(OEMBED)]
        site = self.source(hit.referrer)
        if site is None and hit.referrer:
            return  # the site's own pages showing its embeds
        if site is None:
            site = _site_in_agent(hit.agent)
        self.embeds[(site, content)] += 1

    def _feed(self, hit: Hit, path: str, reader: str | None, subscribers: int | None) -> None:
        if reader is not None and subscribers is not None:
            key = (reader, path)
            latest = self.aggregated.get(key)
            if latest is None or (hit.day, hit.moment) >= latest[:2]:
                self.aggregated[key] = (hit.day, hit.moment, subscribers)
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
