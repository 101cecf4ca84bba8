"""Every feed of the example site, built with publishconf.py, as readers and
validators see it: feedparser reads each RSS and Atom file without a fault
and finds the items the content files say, newest first; the JSON Feed
passes its schema; no address is relative; feedgen's traps stay closed; and
pages point at their feeds."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[3]
SITE = "https://www.lesdeuxepis.example"
SCHEMA = json.loads((Path(__file__).with_name("jsonfeed-1.1.schema.json")).read_text("utf-8"))
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "dc": "http://purl.org/dc/elements/1.1/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "media": "http://search.yahoo.com/mrss/",
}
A = "{http://www.w3.org/2005/Atom}"


@dataclass(frozen=True)
class Expected:
    """What a content file says a feed item should be."""

    url: str
    date: dt.datetime
    tags: frozenset[str]


def _header(path: Path) -> dict[str, str]:
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    pairs = (line.split(":", 1) for line in head.splitlines() if ":" in line)
    return {key.strip().lower(): value.strip() for key, value in pairs}


def _slug(text: str) -> str:
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-")


def expected_items() -> dict[str, list[Expected]]:
    """Feed path -> its items, newest first, from the content files alone:
    published, in French, not dated after today."""
    now = dt.datetime.now(ZoneInfo("Europe/Paris"))
    sections = {"stories": "histoires", "tutorials": "tutoriels"}
    found: dict[str, list[Expected]] = {"": [], "temoignages/": []}
    for folder, word in sections.items():
        found[f"{word}/"] = []
        for path in sorted((ROOT / "content" / folder).glob("*.md")):
            head = _header(path)
            date = dt.datetime.fromisoformat(head["date"]).replace(tzinfo=ZoneInfo("Europe/Paris"))
            if head.get("status", "published") != "published" or date > now:
                continue
            if head.get("lang", "fr") != "fr":
                continue
            tags = frozenset(_slug(t) for t in head.get("tags", "").split(",") if t.strip())
            item = Expected(f"{SITE}/{word}/{head.get('slug', path.stem)}/", date, tags)
            found[""].append(item)
            found[f"{word}/"].append(item)
            for tag in sorted(tags):
                found.setdefault(f"etiquettes/{tag}/", []).append(item)
    for path in sorted((ROOT / "content" / "testimonials").glob("*.md")):
        head = _header(path)
        date = dt.datetime.fromisoformat(head["date"]).replace(tzinfo=ZoneInfo("Europe/Paris"))
        if head.get("status", "published") == "published" and date <= now:
            url = f"{SITE}/temoignages/#t-{path.stem}"
            found["temoignages/"].append(Expected(url, date, frozenset()))
    return {key: sorted(items, key=lambda i: i.date, reverse=True) for key, items in found.items()}


EXPECTED = expected_items()
# Sorted: every xdist worker must collect the same tests in the same order.
XML_FEEDS = [f"{folder}{name}" for folder in sorted(EXPECTED) for name in ("rss.xml", "atom.xml")]


def _epoch(parsed) -> int:
    return calendar.timegm(parsed)


def test_the_example_has_the_feeds_its_content_calls_for(published_example: Path) -> None:
    written = sorted(
        str(p.relative_to(published_example))
        for p in published_example.rglob("*")
        if p.name in ("rss.xml", "atom.xml", "feed.json")
    )
    assert written == sorted([*XML_FEEDS, "feed.json"])
    # The example has what the test is about: drafts, a post due in 2099, a translation.
    assert len(EXPECTED[""]) < len(list((ROOT / "content" / "stories").glob("*.md"))) + len(
        list((ROOT / "content" / "tutorials").glob("*.md"))
    )


@pytest.mark.parametrize("path", XML_FEEDS)
def test_feedparser_reads_each_feed_cleanly_with_the_expected_items_in_order(
    path: str, published_example: Path, read_feed
) -> None:
    feed = read_feed(published_example / path)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == ("rss20" if path.endswith("rss.xml") else "atom10")
    want = EXPECTED[path.rsplit("/", 1)[0] + "/" if "/" in path else ""]
    got = [(e.link, _epoch(e.published_parsed)) for e in feed.entries]
    assert got == [(i.url, int(i.date.timestamp())) for i in want]
    for entry in feed.entries:
        assert entry.title and entry.id.startswith("urn:uuid:")
        assert entry.get("author"), entry.link


def test_the_json_feed_has_the_site_feed_items_and_passes_the_schema(
    published_example: Path,
) -> None:
    feed = json.loads((published_example / "feed.json").read_text(encoding="utf-8"))
    jsonschema.validate(feed, SCHEMA, format_checker=jsonschema.FormatChecker())
    got = [
        (item["url"], int(dt.datetime.fromisoformat(item["date_published"]).timestamp()))
        for item in feed["items"]
    ]
    assert got == [(i.url, int(i.date.timestamp())) for i in EXPECTED[""]]
    rss = ET.parse(published_example / "rss.xml").getroot()
    assert [item["id"] for item in feed["items"]] == [g.text for g in rss.iter("guid")]


def test_the_schema_refuses_what_json_feed_forbids() -> None:
    """The schema is not a rubber stamp: each of these breaks a rule of the spec."""
    good = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "T",
        "items": [{"id": "1", "content_text": "x", "url": "https://b.example/1"}],
    }
    check = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    assert check.is_valid(good)
    broken = [
        {k: v for k, v in good.items() if k != "items"},
        {**good, "items": [{"id": "1", "url": "https://b.example/1"}]},
        {**good, "items": [{"id": 1, "content_text": "x"}]},
        {**good, "items": [{"id": "1", "content_text": "x", "url": "not an address"}]},
        {**good, "items": [{"id": "1", "content_text": "x", "date_published": "2025-03-01"}]},
        {**good, "items": [{"id": "1", "content_text": "x", "date_publised": "x"}]},
        {**good, "home_page_url": "/relative/"},
    ]
    for feed in broken:
        assert not check.is_valid(feed), feed


class _Addresses(HTMLParser):
    """Every address in a piece of HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None or name not in ("href", "src", "srcset", "poster", "cite"):
                continue
            if name == "srcset":
                self.found += [c.split()[0] for c in value.split(",") if c.strip()]
            else:
                self.found.append(value)


def _in_html(text: str) -> list[str]:
    parser = _Addresses()
    parser.feed(text)
    parser.close()
    return parser.found


def _absolute(url: str) -> bool:
    parts = urlsplit(url)
    return url.startswith(("mailto:", "tel:")) or (parts.scheme == "https" and bool(parts.netloc))


def test_no_relative_address_remains_in_any_feed(published_example: Path) -> None:
    ours: list[str] = []  # links, media, icons: on the site itself
    in_html: list[str] = []  # in content: absolute, wherever they point
    for path in XML_FEEDS:
        raw = (published_example / path).read_text(encoding="utf-8")
        # The stylesheet a browser may apply (an instruction, not an element).
        ours += re.findall(r'<\?xml-stylesheet [^>]*href="([^"]*)"', raw)
        for el in ET.fromstring(raw.encode()).iter():
            ours += [el.get(a) for a in ("href", "url") if el.get(a)]
            if el.tag in ("link", "url", f"{A}icon", f"{A}logo"):
                ours.append(el.text or "")
            if el.tag in (
                f"{{{NS['content']}}}encoded",
                f"{A}content",
                "description",
                f"{A}summary",
            ):
                in_html += _in_html(el.text or "")
    feed = json.loads((published_example / "feed.json").read_text(encoding="utf-8"))
    ours += [feed[k] for k in ("home_page_url", "feed_url", "icon", "favicon")]
    for item in feed["items"]:
        ours += [item["url"], *([item["image"]] if "image" in item else [])]
        in_html += _in_html(item.get("content_html", ""))
    assert ours and in_html
    assert [u for u in ours if not u.startswith(f"{SITE}/")] == []
    assert [u for u in in_html if not _absolute(u)] == []


@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_feedgen_traps_stay_closed(folder: str, published_example: Path) -> None:
    page = f"{SITE}/{folder}"
    raw_rss = (published_example / folder / "rss.xml").read_bytes()
    raw_atom = (published_example / folder / "atom.xml").read_bytes()
    channel = ET.fromstring(raw_rss).find("channel")
    # The channel's <link> is the page the feed stands for, not its self link.
    assert channel.findtext("link") == page
    selfs = channel.findall("atom:link", NS)
    assert [(s.get("rel"), s.get("href")) for s in selfs] == [("self", f"{page}rss.xml")]
    items = channel.findall("item")
    assert items
    for item in items:
        assert item.find("guid").get("isPermaLink") == "false"
        assert item.find("author") is None  # RSS <author> wants an email address
        assert item.findall("dc:creator", NS)
    dates = [dt.datetime.strptime(i.findtext("pubDate"), "%a, %d %b %Y %H:%M:%S %z") for i in items]
    assert dates == sorted(dates, reverse=True)  # added with order="append"

    feed = ET.fromstring(raw_atom)
    links = [(link.get("rel"), link.get("href")) for link in feed.findall(f"{A}link")]
    assert links == [("self", f"{page}atom.xml"), ("alternate", page)]
    entries = feed.findall(f"{A}entry")
    for entry, item in zip(entries, items, strict=True):
        links = entry.findall(f"{A}link")
        # Exactly one link, the alternate one (feedgen drops "rel": absent means alternate).
        assert len(links) == 1 and links[0].get("rel") in (None, "alternate")
        assert links[0].get("href") == item.findtext("link")
        assert entry.findtext(f"{A}id") == item.findtext("guid")
    # No build date: both say when the newest change to an item was made.
    updated = [dt.datetime.fromisoformat(e.findtext(f"{A}updated")) for e in entries]
    assert dt.datetime.fromisoformat(feed.findtext(f"{A}updated")) == max(updated)
    build = channel.findtext("lastBuildDate")
    assert dt.datetime.strptime(build, "%a, %d %b %Y %H:%M:%S %z") == max(updated)
    for el in [*ET.fromstring(raw_rss).iter(), *feed.iter()]:
        assert el.get("type") != "CDATA"
    assert b"CDATA" not in raw_rss + raw_atom


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if (
            tag == "link"
            and found.get("rel") == "alternate"
            and "oembed" not in (found.get("type") or "")
        ):
            self.feeds.append((found.get("type") or "", found.get("href") or ""))


def _head_feeds(path: Path) -> list[tuple[str, str]]:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8").split("</head>", 1)[0])
    return parser.feeds


SITE_FEEDS = [
    ("application/rss+xml", f"{SITE}/rss.xml"),
    ("application/atom+xml", f"{SITE}/atom.xml"),
    ("application/feed+json", f"{SITE}/feed.json"),
]


def test_pages_point_at_their_feeds_their_own_first(published_example: Path) -> None:
    assert _head_feeds(published_example / "index.html") == SITE_FEEDS
    assert _head_feeds(published_example / "histoires/une-nuit-au-fournil/index.html") == SITE_FEEDS
    tag = f"{SITE}/etiquettes/levain/"
    assert _head_feeds(published_example / "etiquettes/levain/index.html") == [
        ("application/rss+xml", f"{tag}rss.xml"),
        ("application/atom+xml", f"{tag}atom.xml"),
        *SITE_FEEDS,
    ]
    wall = f"{SITE}/temoignages/"
    assert _head_feeds(published_example / "temoignages/index.html")[:2] == [
        ("application/rss+xml", f"{wall}rss.xml"),
        ("application/atom+xml", f"{wall}atom.xml"),
    ]
