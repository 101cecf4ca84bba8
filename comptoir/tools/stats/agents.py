"""Who asked: a robot, a feed reader (with the subscriber count an
aggregator gives in its user agent), or a browser (by ua-parser's rules,
through its Rust engine, ua-parser-rs, which it picks when installed).

Patterns run once per distinct user agent, as long as it keeps coming: a
log repeats the same agents over and over, in a long tail of versions, so
:class:`Agents` remembers the recent answers, in bounded memory.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

import crawleruseragents
import re2
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
# Most agents name no reader: RE2 tells so in one pass (Python's engine
# tries the 23 names at every character: 1 s of a million-line run).
_ANY_READER = re2.compile("(?i)" + "|".join(p for _, p in READERS))
# "120 subscribers", "1 subscriber", "12 readers" (Feedly, Inoreader,
# Feedbin, NewsBlur, The Old Reader, BazQux, Netvibes, Google's fetcher).
_COUNT = re.compile(r"\b(\d{1,9}) (?:subscribers?|readers?)\b", re.I)
# Answers remembered in each of the two generations of a cache. A month of
# a busy site's log (a million lines) holds some 20,000 distinct agents,
# their readers coming back all month: each generation holds them all, so
# none is worked out twice (at 10,000, four times as many parses). The
# bound is for a scanner sending a new agent each request: at most some
# 2 x 30,000 x 300 bytes, about 18 MB a cache.
AGENT_MEMORY = 30_000


class Agent(NamedTuple):
    """What a user agent says of itself."""

    robot: bool  # a crawler pattern or an empty agent
    reader: str | None  # a feed reader's or aggregator's name
    subscribers: int | None  # the count an aggregator reports


# The answers most agents get, shared rather than made again for each.
_ROBOT = Agent(True, None, None)
_PERSON = Agent(False, None, None)


class Agents:
    """The answers for one run, each worked out once while it is in use.

    Each cache has two generations: ``known`` (the young one, which the
    tally reads directly) and an older one. When the young one is full it
    becomes the old one and the one before is dropped; an answer found in
    the old one moves back to the young. So the agents in use stay, the
    memory holds at most 2 x :data:`AGENT_MEMORY` answers of each kind, and
    nothing is approximate: a forgotten agent is worked out again.
    """

    def __init__(self) -> None:
        self.is_robot = robot_matcher()
        self.known: dict[str, Agent] = {}
        self._known_before: dict[str, Agent] = {}
        self.browsers: dict[str, str] = {}
        self._browsers_before: dict[str, str] = {}

    def __call__(self, agent: str) -> Agent:
        """Robot, reader, count of ``agent``, remembered."""
        found = self.known.get(agent)
        if found is None:
            found = self._known_before.get(agent) or describe(agent, self.is_robot)
            if len(self.known) >= AGENT_MEMORY:
                self._known_before, self.known = self.known, {}
            self.known[agent] = found
        return found

    def browser(self, agent: str) -> str:
        """The browser's family by ua-parser's built-in rules, "" when it
        knows none (the report names that "Other browsers")."""
        found = self.browsers.get(agent)
        if found is None:
            found = self._browsers_before.get(agent)
            if found is None:
                parsed = ua_parser.parse_user_agent(agent)
                found = parsed.family if parsed and parsed.family != "Other" else ""
            if len(self.browsers) >= AGENT_MEMORY:
                self._browsers_before, self.browsers = self.browsers, {}
            self.browsers[agent] = found
        return found


def robot_matcher() -> Callable[[str], bool]:
    """crawler-user-agents' 1,500 patterns in one RE2 automaton: its own
    ``is_crawler`` tries them in 61 Python regular expressions, 0.17 ms for
    a browser's agent, which a log's long tail of agents made most of a
    run; RE2 answers the same (tested on every example the list gives) in
    0.01 ms. Case-sensitive, as ``is_crawler`` is by default."""
    options = re2.Options()
    # The patterns' automaton outgrows RE2's default 8 MB; it then says so
    # on stderr and falls back to a slower engine.
    options.max_mem = 256 << 20
    patterns = (p["pattern"] for p in crawleruseragents.CRAWLER_USER_AGENTS_DATA)
    automaton = re2.compile("|".join(f"(?:{p})" for p in patterns), options)
    return lambda agent: automaton.search(agent) is not None


def describe(agent: str, is_robot: Callable[[str], bool] = crawleruseragents.is_crawler) -> Agent:
    """Robot, reader, count: read once from the user agent string."""
    if not agent.strip():
        return _ROBOT
    reader = None
    found = _READER.search(agent) if _ANY_READER.search(agent) else None
    if found is not None:
        reader = READERS[int(str(found.lastgroup)[1:])][0]
    count = _COUNT.search(agent)
    subscribers = int(count.group(1)) if count and reader else None
    robot = is_robot(agent)
    if reader is None:
        return _ROBOT if robot else _PERSON
    return Agent(robot, reader, subscribers)
