"""WEBSUB_HUB: every feed names the hub (Atom, RSS, JSON Feed), and stays
valid; without it, no feed names one."""

from __future__ import annotations

import json

PROD = 'SITEURL = "https://b.example"\n'

HUB = "https://hub.example.net/"


def _hubs(parsed) -> list[str]:
    return [link["href"] for link in parsed.feed.get("links", []) if link.get("rel") == "hub"]


def test_each_feed_names_the_hub(feeds_site, read_feed) -> None:
    site = feeds_site(settings=PROD + f'WEBSUB_HUB = "{HUB}"\n')
    result = site.build()
    assert result.ok, site.messages(result)
    for name in ("atom.xml", "rss.xml"):
        parsed = read_feed(site.output / name)
        assert parsed.bozo == 0, parsed.bozo_exception
        assert _hubs(parsed) == [HUB], name
        selves = [link["href"] for link in parsed.feed.links if link.get("rel") == "self"]
        assert selves == [f"https://b.example/{name}"]
    feed = json.loads((site.output / "feed.json").read_text(encoding="utf-8"))
    assert feed["hubs"] == [{"type": "WebSub", "url": HUB}]


def test_no_hub_no_link(feeds_site, read_feed) -> None:
    site = feeds_site()
    assert site.build().ok
    assert _hubs(read_feed(site.output / "rss.xml")) == []
    assert "hubs" not in json.loads((site.output / "feed.json").read_text(encoding="utf-8"))


def test_a_hub_must_be_https(feeds_site) -> None:
    site = feeds_site(settings=PROD + 'WEBSUB_HUB = "http://hub.example.net/"\n')
    result = site.build()
    assert not result.ok
    assert "WEBSUB_HUB — Écrivez l’adresse d’un hub WebSub" in site.messages(result)[0]
