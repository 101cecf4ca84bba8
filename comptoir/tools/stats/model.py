"""The shapes shared by the counting and the report.

A :class:`Hit` is one request as any log format gives it. The figures are a
plain JSON-ready dict (``stats.json`` is that dict as written); its keys are
described by :data:`FIGURES_KEYS` and in the README ("Statistics").
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

# The 404s' paths held at once: past twice this many, only the most hit are
# kept (a scanner asks for thousands of made-up paths, each once).
NOT_FOUND_KEPT = 1_000
# The pages of the site linking to one missing path, held at once, likewise.
LINKS_KEPT = 10
# The other hosts a log names (vhost, Caddy, S3…): at most twice this many
# held, the most asked for kept (a scanner can send any Host header).
HOSTS_KEPT = 500


class Hit(NamedTuple):
    """One request. ``day`` is the server's local day (the log's own clock);
    ``moment`` sorts hits within a day (``HH:MM:SS`` or finer)."""

    day: dt.date
    moment: str
    ip: str
    method: str
    path: str  # as requested, query string included
    status: int
    referrer: str  # "" when none ("-")
    agent: str  # "" when none ("-")
    host: str  # "" when the format has no host


@dataclass(frozen=True)
class Look:
    """The report's look: the site's name and brand colours (``#rrggbb``)."""

    name: str
    primary: str = "#8a3b12"
    on_primary: str = "#ffffff"
    background: str = "#fffaf3"
    text: str = "#2b1d14"


# stats.json's top-level keys, in the order they are written.
FIGURES_KEYS = (
    "site",  # the host counted, e.g. "www.lesdeuxepis.example"
    "period",  # {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}
    "previous",  # {"start", "end", "views", "visitors"} or None
    "views",  # int
    "visitors",  # int
    "days",  # [{"date", "views", "visitors"}], every day of the period
    "pages",  # [{"path", "title", "views", "visitors"}], most viewed first
    "referrers",  # [{"site", "views"}]
    "embeds",  # [{"site", "path", "views"}]
    "feeds",  # {"subscribers", "by_reader": {name: n}, "by_feed": {path: n},
    #            "days": [{"date", "subscribers"}]}
    "not_found",  # [{"path", "hits", "from"?}], the 50 most hit; "from" when known
    "not_found_hits",  # int: every request answered 404 (robots left out)
    "statuses",  # {"200": n, "304": n, "404": n, ...}
    "browsers",  # [{"name", "visitors"}]
    "bots",  # int: requests from robots (patterns, empty agent, HEAD)
    "other_requests",  # int: browsers' other methods (a form sent with POST…)
    "ignored",  # int: requests from STATS_IGNORE networks in the period
    # {"requests": n, "hosts": [{"host", "requests"}], the 5 most asked for}:
    # requests for other hosts than the site's (--site), in all the logs read
    # like "unparsed" and "lines" (another site's days are no period of this one)
    "other_sites",
    "unparsed",  # int: lines no format could read
    "lines",  # int: lines read in all
)


def heaviest(counts: dict[str, int], keep: int) -> dict[str, int]:
    """The ``keep`` largest of ``counts``; on a tie the latest added stays
    (a new path gets its chance against a flood of old one-off ones)."""
    return dict(heapq.nlargest(keep, reversed(counts.items()), key=itemgetter(1)))


class Missing:
    """The requests answered 404, in bounded memory: the exact total, and
    the most hit paths with, for each, the pages of the site linking to it.

    What can be approximate: a path's hits. They are exact for a path held
    since its first 404. A path is dropped only when :data:`NOT_FOUND_KEPT`
    others have been hit at least as often, so it is then at most one 404
    in a thousand; if it comes back, it counts from its return (never more
    than its real hits). The same goes for the linking pages of a path.
    """

    __slots__ = ("hits", "links", "paths")

    def __init__(self) -> None:
        self.hits = 0
        self.paths: dict[str, int] = {}
        self.links: dict[str, dict[str, int]] = {}  # path -> {the site's page: hits}

    def add(self, path: str, page: str | None) -> None:
        """Count a 404 of ``path``, linked from the site's ``page`` (or not)."""
        self.hits += 1
        self.paths[path] = self.paths.get(path, 0) + 1
        if page is not None:
            links = self.links.get(path)
            if links is None:
                links = self.links[path] = {}
            links[page] = links.get(page, 0) + 1
            if len(links) > 2 * LINKS_KEPT:
                self.links[path] = heaviest(links, LINKS_KEPT)
        if len(self.paths) > 2 * NOT_FOUND_KEPT:
            self._bound()

    def merge(self, other: Missing) -> None:
        """Add ``other``'s counts (another day's) to these."""
        self.hits += other.hits
        for path, hits in other.paths.items():
            self.paths[path] = self.paths.get(path, 0) + hits
        for path, pages in other.links.items():
            mine = self.links.setdefault(path, {})
            for page, hits in pages.items():
                mine[page] = mine.get(page, 0) + hits
            if len(mine) > 2 * LINKS_KEPT:
                self.links[path] = heaviest(mine, LINKS_KEPT)
        if len(self.paths) > 2 * NOT_FOUND_KEPT:
            self._bound()

    def _bound(self) -> None:
        self.paths = heaviest(self.paths, NOT_FOUND_KEPT)
        self.links = {p: pages for p, pages in self.links.items() if p in self.paths}

    def top(self, count: int) -> list[tuple[str, int, str | None]]:
        """The ``count`` most hit paths as (path, hits, the page linking most
        or None), most first, then by path."""
        rows = sorted(self.paths.items(), key=lambda item: (-item[1], item[0]))[:count]
        found = []
        for path, hits in rows:
            pages = self.links.get(path)
            page = min(pages.items(), key=lambda item: (-item[1], item[0]))[0] if pages else None
            found.append((path, hits, page))
        return found
