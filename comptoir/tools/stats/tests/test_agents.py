"""Robots' patterns in one RE2 automaton, and ua-parser on its Rust engine
(agents.py): the same answers as the libraries' own, from faster engines."""

from __future__ import annotations

import crawleruseragents
import ua_parser

from comptoir.tools.stats.agents import Agents, describe, robot_matcher

BROWSERS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
    "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 120 subscribers; like FeedFetcher-Google)",
    "NetNewsWire (RSS Reader; https://netnewswire.com/)",
    "<script>alert(1)</script>",
    "\ufffd\ufffd",
)


def test_the_automaton_answers_as_crawler_user_agents_does() -> None:
    examples = [
        instance
        for entry in crawleruseragents.CRAWLER_USER_AGENTS_DATA
        for instance in entry.get("instances", [])
    ]
    assert len(examples) > 2000
    is_robot = robot_matcher()
    for agent in (*examples, *BROWSERS):
        assert is_robot(agent) == crawleruseragents.is_crawler(agent), agent
    assert sum(map(is_robot, examples)) == len(examples)
    assert not any(is_robot(agent) for agent in BROWSERS[:3])


def test_an_agent_is_described_the_same_with_either_engine() -> None:
    agents = Agents()
    for agent in (*BROWSERS, "Googlebot/2.1 (+http://www.google.com/bot.html)", ""):
        assert agents(agent) == describe(agent), agent


def test_ua_parser_runs_on_its_rust_engine() -> None:
    # The pinned accelerator: without it, ua-parser falls back to Python.
    assert ua_parser.RegexResolver is not None
    assert ua_parser.BestAvailableResolver is ua_parser.RegexResolver
    assert Agents().browser(BROWSERS[0]) == "Chrome"


def test_the_readers_prefilter_lets_every_reader_through() -> None:
    from comptoir.tools.stats.agents import _ANY_READER, _READER

    named = [
        "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 120 subscribers)",
        "Mozilla/5.0 (compatible; Inoreader/1.0; 7 subscribers)",
        "Feedbin feed-id:1 - 3 subscribers",
        "NewsBlur Feed Fetcher - 5 subscribers",
        "Mozilla/5.0 (compatible; theoldreader.com; 2 subscribers)",
        "BazQux/2.4 (+https://bazqux.com/fetcher; 1 subscriber)",
        "Netvibes (crawler; 4 subscribers)",
        "FeedFetcher-Google; (+http://www.google.com/feedfetcher.html)",
        "Mozilla/5.0 (compatible; Miniflux/2.1.0)",
        "Tiny Tiny RSS/23.01 (https://tt-rss.org/)",
        "NetNewsWire (RSS Reader; https://netnewswire.com/)",
        "Feeder/2.6 (Android)",
        "Mozilla/5.0 Thunderbird/115.0",
    ]
    for agent in (*named, *BROWSERS, "Mozilla/5.0 Feederx/1"):
        assert bool(_ANY_READER.search(agent)) == bool(_READER.search(agent)), agent
    assert all(describe(agent).reader for agent in named)
