"""Where the round-trip property test looks for each generated string: a
story's page, its tag pages, share links, embed code and oEmbed; the Atom,
RSS and JSON feeds; the testimonials' wall, cards and embed code. Each
place must give back exactly what the owner wrote.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import html5lib

from tests.roundtrip_reading import (
    ATOM,
    as_feedparser_reads,
    feed_entries,
    normal,
    parse_html,
    plain_fragment,
    share_values,
    squash,
    squash_ascii,
    text_of,
)
from tests.roundtrip_site import SITE, SITENAME, is_inert


def check_story(
    output: Path, lang: str, n: int, title: str, summary: str, tags: list[str], name: str
) -> tuple[str, str]:
    """Story ``s<n>``'s page, tag pages, embed code and oEmbed; returns its
    address and its summary as the page shows it."""

    def eq(shown: str, written: str) -> bool:
        return normal(shown, lang) == normal(written, lang)

    (path,) = [p for p in output.rglob(f"s{n}/index.html") if "embed" not in p.parts]
    url = f"{SITE}/{path.parent.relative_to(output).as_posix()}/"
    tree = parse_html(path.read_text(encoding="utf-8"))
    head = tree.find("head")

    assert eq(text_of(head.find("title")), f"{title} · {SITENAME}")
    (h1,) = tree.findall(".//article//h1")
    assert eq(text_of(h1), title)
    metas = {}
    for meta in head.iter("meta"):
        key = meta.get("name") or meta.get("property")
        metas.setdefault(key, []).append(meta.get("content"))
    for key in ("og:title", "og:image:alt"):
        assert metas[key] == [metas[key][0]] and eq(metas[key][0], title), key
    (description,) = metas["description"]
    assert metas["og:description"] == [description]
    # The summary's text: compared with white space runs as one space, as
    # each output collapses it its own way (no-break spaces included).
    shown = squash(description)
    if is_inert(summary):
        assert eq(shown, squash(summary)), (shown, summary)
    assert metas["article:tag"] == tags
    (oembed,) = head.findall(".//link[@type='application/json+oembed']")
    assert eq(oembed.get("title"), title)

    # JSON-LD: the page, the breadcrumb's last step and the story itself.
    (ld,) = [s for s in tree.iter("script") if s.get("type") == "application/ld+json"]
    nodes = {node["@type"]: node for node in json.loads(ld.text)["@graph"]}
    assert eq(nodes["WebPage"]["name"], title)
    assert eq(nodes["BreadcrumbList"]["itemListElement"][-1]["name"], title)
    posting = nodes["BlogPosting"]
    assert eq(posting["headline"], title)
    # (None if the safety filter emptied the summary. The meta description
    # turns no-break spaces into spaces; JSON-LD keeps them.)
    assert squash(posting.get("description", "")) == shown, (posting.get("description"), shown)
    assert posting["keywords"] == ", ".join(tags)

    # Tags link to their pages, each titled with the tag.
    (tag_row,) = [p for p in tree.iter("p") if p.get("class") == "tags"]
    links = tag_row.findall("a")
    assert [text_of(a) for a in links] == tags
    for tag, a in zip(tags, links, strict=True):
        assert a.get("href") == f"{SITE}/{urlsplit(a.get('href')).path.lstrip('/')}"
        tag_page = output / urlsplit(a.get("href")).path.lstrip("/") / "index.html"
        tag_tree = parse_html(tag_page.read_text(encoding="utf-8"))
        assert tag in text_of(tag_tree.find(".//h1"))
        assert tag in text_of(tag_tree.find(".//title"))
        cards = [text_of(h) for h in tag_tree.iter("h2") if h.get("class") == "card__title"]
        assert [normal(c, lang) for c in cards] == [normal(title, lang)]
        # Its feeds are named after it, and the list of all tags links to it.
        for feed in ("atom.xml", "rss.xml"):
            channel = ET.parse(tag_page.parent / feed).getroot()
            named = channel.findtext(f"{ATOM}title") or channel.findtext("channel/title")
            assert normal(named, lang).endswith(normal(tag, lang)), (named, tag)
        every = parse_html((tag_page.parent.parent / "index.html").read_text(encoding="utf-8"))
        assert (tag, a.get("href")) in [(text_of(x), x.get("href")) for x in every.iter("a")]

    # The testimonial it names, by its name.
    names = [text_of(s) for s in tree.iter("span") if s.get("class") == "testimonial__name"]
    assert [normal(x, lang) for x in names] == [normal(name, lang)]

    # Share links: https or mailto, each value decoding to the title and/or address.
    (share,) = [s for s in tree.iter("section") if s.get("class") == "share"]
    assert eq(share.get("data-share-title"), title)
    assert share.get("data-share-url") == url
    hrefs = [a.get("href") for a in share.iter("a")]
    assert len(hrefs) >= 8
    for href in hrefs:
        for value in share_values(href):
            assert value == url or eq(value, title) or eq(value, f"{title} {url}"), (href, value)
    assert any(eq(v, title) for href in hrefs for v in share_values(href))

    # The embed code is HTML as text: read as HTML, it gives the title back.
    (code,) = [t for t in tree.iter("textarea") if "embed-code__text" in t.get("class", "")]
    snippet = html5lib.parseFragment(
        text_of(code), treebuilder="etree", namespaceHTMLElements=False
    )
    # The title's link, the summary (if any is left), the link home, the script.
    paragraphs = ["p", "a", "p"] if shown else ["p", "a"]
    tags_seen = [str(el.tag) for el in snippet.iter()][1:]
    assert tags_seen == ["blockquote", *paragraphs, "p", "a", "script"], tags_seen
    quote = snippet.find("blockquote")
    assert eq(quote.get("data-title"), squash_ascii(f"{title} — {SITENAME}"))
    assert eq(text_of(quote.find("p/a")), squash_ascii(title))
    if shown:
        assert squash(text_of(quote.findall("p")[1])) == shown

    # oEmbed: the title, and an iframe whose title attribute is the title.
    (oembed_file,) = [p for p in output.rglob(f"embed/*/s{n}/oembed.json")]
    data = json.loads(oembed_file.read_text(encoding="utf-8"))
    assert eq(data["title"], title)
    frame = html5lib.parseFragment(data["html"], treebuilder="etree", namespaceHTMLElements=False)
    assert [str(el.tag) for el in frame.iter()][1:] == ["iframe"]
    assert eq(frame.find("iframe").get("title"), f"{title} — {SITENAME}")
    return url, shown


def check_feeds(
    output: Path, lang: str, stories: dict[str, tuple[str, str, list[str]]], names: list[str]
) -> None:
    """Atom and RSS (feedparser and ElementTree agree), and the JSON Feed;
    ``stories`` maps each story's address to (title, summary as shown, tags)."""

    def eq(shown: str, written: str) -> bool:
        return normal(shown, lang) == normal(written, lang)

    seen = defaultdict(int)
    feeds = [p for p in output.rglob("*.xml") if p.name in ("atom.xml", "rss.xml")]
    assert len(feeds) >= 12, feeds
    for path in feeds:
        parsed, root = feed_entries(path)
        xml_items = root.findall(f"{ATOM}entry") or root.findall("channel/item")
        assert len(parsed.entries) == len(xml_items), path
        for entry, item in zip(parsed.entries, xml_items, strict=True):
            title = item.findtext(f"{ATOM}title") or item.findtext("title")
            assert entry.title == as_feedparser_reads(title), path
            link = entry.link
            if link in stories:
                wanted, shown, tags = stories[link]
                seen[link] += 1
                assert eq(title, wanted), (path, title, wanted)
                summary = item.findtext(f"{ATOM}summary") or item.findtext("description")
                if shown:  # (else the feed shows the beginning of the text)
                    assert squash(plain_fragment(summary)) == shown, (path, summary, shown)
                # (feedparser maps an RSS category's text, not an Atom term.)
                terms = [as_feedparser_reads(t.term) for t in entry.tags]
                assert terms == [as_feedparser_reads(t) for t in tags], path
                terms = [c.get("term") for c in item.iter(f"{ATOM}category")]
                assert (terms or [c.text for c in item.iter("category")]) == tags, path
            else:
                # A testimonial: its author is the customer, by name.
                author = item.findtext(f"{ATOM}author/{ATOM}name") or item.findtext(
                    "{http://purl.org/dc/elements/1.1/}creator"
                )
                assert any(eq(author, x) for x in names), (path, author)
                assert any(normal(title, lang).endswith(normal(x, lang)) for x in names)
    # Each story is in the site, section and both of its tags' feeds, twice each.
    assert all(seen[link] >= 6 for link in stories), seen

    data = json.loads((output / "feed.json").read_text(encoding="utf-8"))
    by_url = {item["url"]: item for item in data["items"]}
    for link, (wanted, shown, tags) in stories.items():
        assert eq(by_url[link]["title"], wanted)
        assert squash(by_url[link].get("summary") or "") == shown
        assert by_url[link]["tags"] == tags


def check_testimonials(output: Path, lang: str, names: list[str]) -> None:
    """The wall, each testimonial's card, oEmbed and embed code, by name."""
    (wall,) = [
        p
        for p in output.rglob("index.html")
        if p.parent.name in ("testimonials", "temoignages") and "embed" not in p.parts
    ]
    tree = parse_html(wall.read_text(encoding="utf-8"))
    shown = [text_of(s) for s in tree.iter("span") if s.get("class") == "testimonial__name"]
    assert sorted(normal(x, lang) for x in shown) == sorted(normal(x, lang) for x in names)
    codes = {
        t.get("id").rsplit("-", 1)[-1]: t
        for t in tree.iter("textarea")
        # The widget's code (all testimonials) comes first, in the same disclosure.
        if "embed-code__text" in t.get("class", "") and t.get("id") != "c-embed-widget-testimonials"
    }
    assert sorted(codes) == [f"q{n}" for n in range(len(names))]
    for n, name in enumerate(names):
        written = normal(squash_ascii(name), lang)
        (card,) = [p for p in output.rglob(f"embed/*/q{n}/index.html")]
        who = parse_html(card.read_text(encoding="utf-8")).find(".//figcaption/strong")
        assert normal(text_of(who), lang) == normal(name, lang)
        (oembed,) = [p for p in output.rglob(f"embed/*/q{n}/oembed.json")]
        data = json.loads(oembed.read_text(encoding="utf-8"))
        assert normal(data["author_name"], lang) == normal(name, lang)
        assert normal(data["title"], lang).endswith(normal(name, lang))
        snippet = html5lib.parseFragment(
            text_of(codes[f"q{n}"]), treebuilder="etree", namespaceHTMLElements=False
        )
        tags_seen = [str(el.tag) for el in snippet.iter()][1:]
        assert tags_seen == ["blockquote", "p", "p", "a", "script"], tags_seen
        quote = snippet.find("blockquote")
        assert normal(quote.get("data-title"), lang).endswith(written + normal(" — Test", lang))
        assert written in normal(text_of(quote), lang)
