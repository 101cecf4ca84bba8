"""The shapes shared by the counting and the report.

A :class:`Hit` is one request as any log format gives it. The figures are a
plain JSON-ready dict (``stats.json`` is that dict as written); its keys are
described by :data:`FIGURES_KEYS` and in the README ("Statistics").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple


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
    "not_found",  # [{"path", "hits"}]
    "statuses",  # {"200": n, "304": n, "404": n, ...}
    "browsers",  # [{"name", "visitors"}]
    "bots",  # int: requests from robots (patterns, empty agent, HEAD)
    "ignored",  # int: requests from STATS_IGNORE networks
    "unparsed",  # int: lines no format could read
    "lines",  # int: lines read in all
)
