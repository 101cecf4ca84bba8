"""FEEDS, FEED_ITEMS, FEED_CONTENT and FEED_OVERRIDES: a mistake gets one
French message naming the key; each setting does what it says."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

PROD = 'SITEURL = "https://b.example"\n'
A = "{http://www.w3.org/2005/Atom}"
ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
SCHEMA = json.loads(Path(__file__).with_name("jsonfeed-1.1.schema.json").read_text("utf-8"))


def valid_json_feed(text: str) -> dict:
    feed = json.loads(text)
    jsonschema.validate(feed, SCHEMA, format_checker=jsonschema.FormatChecker())
    return feed


BAD = [
    ("FEEDS", '"site"', "Écrivez une liste choisie parmi site, stories, tutorials"),
    ("FEEDS", '["site", "blog"]', "Écrivez une liste choisie parmi site, stories, tutorials"),
    ("FEED_ITEMS", "0", "Écrivez un nombre d’éléments entre 1 et 1000"),
    ("FEED_ITEMS", '"50"', "Écrivez un nombre d’éléments entre 1 et 1000"),
    ("FEED_CONTENT", '"résumé"', 'Écrivez "full" (le texte entier) ou "summary"'),
    ("FEED_OVERRIDES", '{"blog": {"items": 5}}', "Écrivez un dictionnaire de flux choisis parmi"),
    ("FEED_OVERRIDES", '{"tags": {"items": 5000}}', "Écrivez un nombre d’éléments entre 1"),
    ("FEED_OVERRIDES", '{"tags": {"content": "short"}}', 'Écrivez "full"'),
]


@pytest.mark.parametrize(("key", "value", "french"), BAD, ids=[f"{k}={v}" for k, v, _ in BAD])
def test_a_wrong_setting_is_named_with_what_to_write(key, value, french, feeds_site) -> None:
    site = feeds_site(settings=f"{PROD}{key} = {value}\n")
    result = site.build()
    assert not result.ok
    messages = site.messages(result)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{site.written_at(key)}: {key} — {french}"), messages


def _items(site, path: str) -> list[ET.Element]:
    return ET.fromstring(site.page(path).encode()).findall("channel/item")


def test_summary_only_feeds_carry_the_summary_and_no_text(feeds_site) -> None:
    site = feeds_site(settings=f'{PROD}FEED_CONTENT = "summary"\n')
    assert site.build().ok
    items = _items(site, "rss.xml")
    assert items and all(i.find(ENCODED) is None for i in items)
    assert items[0].findtext("description") == "Le four est chaud : voici le premier pain."
    entries = ET.fromstring(site.page("atom.xml").encode()).findall(f"{A}entry")
    assert entries and all(e.find(f"{A}content") is None for e in entries)
    assert all(e.findtext(f"{A}summary") for e in entries)
    feed = valid_json_feed(site.page("feed.json"))
    assert all("content_html" not in i and i["content_text"] == i["summary"] for i in feed["items"])


def test_full_text_is_the_default(feeds_site) -> None:
    site = feeds_site()
    assert site.build().ok
    first = _items(site, "rss.xml")[0]
    assert "Nous avons allumé le four" in first.findtext(ENCODED)
    assert first.findtext("description") == "Le four est chaud : voici le premier pain."
    assert (
        "Nous avons allumé" in valid_json_feed(site.page("feed.json"))["items"][0]["content_html"]
    )


def test_item_counts_and_overrides_per_kind_of_feed(feeds_site) -> None:
    settings = (
        f'{PROD}FEED_ITEMS = 2\nFEED_OVERRIDES = {{"tags": {{"items": 1, "content": "summary"}}}}\n'
    )
    site = feeds_site(settings=settings)
    assert site.build().ok
    assert [i.findtext("title") for i in _items(site, "rss.xml")] == [
        "La première fournée",
        "La baguette de tradition",
    ]
    assert len(json.loads(site.page("feed.json"))["items"]) == 2
    farine = _items(site, "etiquettes/farine/rss.xml")
    assert [i.findtext("title") for i in farine] == ["La baguette de tradition"]
    assert farine[0].find(ENCODED) is None
    assert _items(site, "histoires/rss.xml")[0].find(ENCODED) is not None


def test_no_feeds_means_no_file_and_no_link(feeds_site) -> None:
    site = feeds_site(settings=f"{PROD}FEEDS = []\n")
    assert site.build().ok
    written = [p for p in site.output.rglob("*") if p.name in ("rss.xml", "atom.xml", "feed.json")]
    assert written == []
    for page in (
        "index.html",
        "etiquettes/farine/index.html",
        "histoires/premiere-fournee/index.html",
    ):
        head = site.page(page).split("</head>", 1)[0]
        assert "application/rss+xml" not in head and "application/atom+xml" not in head
        assert "application/feed+json" not in head


def test_only_the_chosen_feeds_are_written(feeds_site) -> None:
    site = feeds_site(settings=f'{PROD}FEEDS = ["testimonials"]\n')
    assert site.build().ok
    written = sorted(
        str(p.relative_to(site.output))
        for p in site.output.rglob("*")
        if p.name in ("rss.xml", "atom.xml", "feed.json")
    )
    assert written == ["temoignages/atom.xml", "temoignages/rss.xml"]
    head = site.page("index.html").split("</head>", 1)[0]
    assert "application/rss+xml" not in head


def test_pelican_feeds_stay_off_whatever_the_settings_say(feeds_site) -> None:
    """Pelican's own feeds would sit beside ours with other ids."""
    site = feeds_site(
        settings=f'{PROD}FEED_ALL_ATOM = "feeds/all.atom.xml"\nTAG_FEED_RSS = "feeds/{{slug}}.rss.xml"\n'
    )
    assert site.build().ok
    assert not (site.output / "feeds").exists()


def test_a_development_build_writes_the_feeds_without_error(feeds_site) -> None:
    site = feeds_site(settings="")
    result = site.build()
    assert result.ok, site.messages(result)
    assert result.problems == []
    assert _items(site, "rss.xml")
    assert json.loads(site.page("feed.json"))["items"]


def test_a_preview_keeps_drafts_and_posts_not_yet_due_out_of_feeds(feeds_site) -> None:
    """The preview shows them on their pages, marked; a feed cannot mark them."""
    site = feeds_site()
    result = site.build(COMPTOIR_PREVIEW=True)
    assert result.ok, site.messages(result)
    assert (site.output / "histoires/plus-tard/index.html").is_file()
    titles = {i.findtext("title") for i in _items(site, "rss.xml")}
    assert titles == {"La première fournée", "La baguette de tradition", "D’où vient la farine"}
