"""Who asked: a robot, a feed reader (with the subscriber count an
aggregator gives in its user agent), or a browser (by ua-parser's rules).

Patterns run once per distinct user agent: a log repeats the same few
hundred agents, so :class:`Agents` remembers each answer for the run.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import crawleruseragents
import ua_parser

# Aggregators that give their subscribers' count in the user agent, and
# reader apps that fetch for one person (a crawler pattern may name them
# too: on a feed they are readers, not robots). Name as shown, pattern.
READERS = (
    ("Feedly", r"feedly"),
    ("Inoreader", r"inoreader"),
    ("Feedbin", r"feedbin"),
    ("NewsBlur", r"newsblur"),
    ("The Old Reader", r"theoldreader"),
    ("BazQux", r"bazqux"),
    ("Feedspot", r"feedspot"),
    ("Netvibes", r"netvibes"),
    ("Google", r"feedfetcher-google"),
    ("Miniflux", r"miniflux"),
    ("FreshRSS", r"freshrss"),
    ("Tiny Tiny RSS", r"tiny tiny rss"),
    ("CommaFeed", r"commafeed"),
    ("NetNewsWire", r"netnewswire"),
    ("Reeder", r"reeder"),
    ("Nextcloud News", r"nextcloud-news"),
    ("NewsFlash", r"newsflash"),
    ("Feeder", r"feeder\b"),
    ("FeedFlow", r"feedflow"),
    ("Thunderbird", r"thunderbird"),
    ("Liferea", r"liferea"),
    ("Akregator", r"akregator"),
    ("QuiteRSS", r"quiterss"),
)
_READER = re.compile("|".join(f"(?P<r{i}>{p})" for i, (_, p) in enumerate(READERS)), re.I)
# "120 subscribers", "1 subscriber", "12 readers" (Feedly, Inoreader,
# Feedbin, NewsBlur, The Old Reader, BazQux, Netvibes, Google's fetcher).
_COUNT = re.compile(r"\b(\d{1,9}) (?:subscribers?|readers?)\b", re.I)


class Agent(NamedTuple):
    """What a user agent says of itself."""

    robot: bool  # a crawler pattern or an empty agent
    reader: str | None  # a feed reader's or aggregator's name
    subscribers: int | None  # the count an aggregator reports


class Agents:
    """The answers for one run, each worked out once."""

    def __init__(self) -> None:
        self.known: dict[str, Agent] = {}
        self.browsers: dict[str, str] = {}

    def __call__(self, agent: str) -> Agent:
        found = self.known.get(agent)
        if found is None:
            found = self.known[agent] = describe(agent)
        return found

    def browser(self, agent: str) -> str:
        """The browser's family by ua-parser's built-in rules ("Other" if unknown)."""
        found = self.browsers.get(agent)
        if found is None:
            parsed = ua_parser.parse_user_agent(agent)
            found = self.browsers[agent] = parsed.family if parsed else "Other"
        return found


def describe(agent: str) -> Agent:
    """Robot, reader, count: read once from the user agent string."""
    if not agent.strip():
        return Agent(True, None, None)
    reader = None
    found = _READER.search(agent)
    if found is not None:
        reader = READERS[int(str(found.lastgroup)[1:])][0]
    count = _COUNT.search(agent)
    subscribers = int(count.group(1)) if count and reader else None
    return Agent(crawleruseragents.is_crawler(agent), reader, subscribers)
