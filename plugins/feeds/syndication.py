"""RSS 2.0 and Atom 1.0 with feedgen, around its known traps.

Each trap below was seen with feedgen 1.0.0 and the W3C validator:

- RSS ``<link>`` is the *last* link added: ``rel=self`` first, the site last.
- Atom entry links lose their ``rel`` (feedgen #135), so an enclosure would
  become a second alternate link: the cover goes in ``media:content`` instead.
- ``type="CDATA"`` leaks into Atom as an invalid content type: content is
  given as escaped ``html`` to both formats.
- ``add_entry()`` prepends: entries are added with ``order="append"``.
- guids default to ``isPermaLink="false"`` — right for our ``urn:uuid:`` ids,
  and said explicitly.
- RSS ``<author>`` must be an email address: the author is ``dc:creator``.
- lxml refuses control characters: checks.py reports them, naming the file,
  before any feed is built.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from .items import Image, Item


@dataclass(frozen=True)
class Channel:
    """What a feed says of itself."""

    title: str
    description: str
    site: str  # the HTML page the feed stands for (absolute)
    self_rss: str
    self_atom: str
    lang: str
    id: str  # stable: the urn of the site's feed, not its address
    updated: object  # datetime of the newest item (never the build time)
    logo: Image | None = None
    icon: str | None = None
    full_content: bool = True
    stylesheet: str | None = None  # RSS only: the XSL a browser may apply (page.py)
    hub: str | None = None  # the WebSub hub readers may subscribe through (WEBSUB_HUB)


def _media(entry: object, item: Item) -> None:
    if item.image is None:
        return
    content = {"url": item.image.url, "medium": "image", "type": item.image.type}
    if item.image.width:
        content.update(width=str(item.image.width), height=str(item.image.height))
    entry.media.content(content)  # type: ignore[attr-defined]
    thumb = item.thumbnail or item.image
    size = {"width": str(thumb.width), "height": str(thumb.height)} if thumb.width else {}
    entry.media.thumbnail({"url": thumb.url, **size})  # type: ignore[attr-defined]


def _entry(fg: FeedGenerator, item: Item, channel: Channel) -> None:
    entry = fg.add_entry(order="append")
    entry.id(item.id)
    entry.guid(item.id, permalink=False)
    entry.title(item.title)
    entry.link(href=item.url, rel="alternate", type="text/html")
    entry.published(item.published)
    entry.updated(item.updated)
    if item.summary:
        # Readers take RSS <description> as HTML: the plain summary is given
        # escaped ("<i>" written in a story stays words), the same for Atom.
        entry.summary(html.escape(item.summary, quote=False), type="html")
    if channel.full_content:
        entry.content(item.html, type="html")
    for tag in item.tags:
        entry.category(term=tag, label=tag)
    for name in item.authors:
        entry.author(name=name)
        entry.dc.dc_creator(name)  # type: ignore[attr-defined]
    _media(entry, item)


def build(channel: Channel, items: list[Item]) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("dc")
    fg.load_extension("media")
    fg.id(channel.id)
    fg.title(channel.title)
    fg.description(channel.description)
    fg.language(channel.lang)
    fg.updated(channel.updated)
    fg.lastBuildDate(channel.updated)
    fg.generator("Comptoir")
    if channel.logo is not None:
        # RSS <image> (no width: RSS caps it at 144) and Atom <logo>.
        fg.image(url=channel.logo.url, title=channel.title, link=channel.site)
    if channel.icon:
        fg.icon(channel.icon)
    # Order matters: RSS keeps the last link as the channel's <link>.
    fg.link(href=channel.self_atom, rel="self", type="application/atom+xml")
    fg.link(href=channel.site, rel="alternate", type="text/html")
    for item in items:
        _entry(fg, item, channel)
    return fg


def with_stylesheet(data: bytes, href: str | None) -> bytes:
    """``<?xml-stylesheet?>`` after the XML declaration: a browser that still
    applies XSLT shows the file as a page (feed readers ignore it)."""
    if not href:
        return data
    declaration, sep, rest = data.partition(b"?>\n")
    line = f'<?xml-stylesheet type="text/xsl" href="{html.escape(href)}"?>\n'
    return declaration + sep + line.encode("utf-8") + rest


def rss(fg: FeedGenerator, channel: Channel) -> bytes:
    # The RSS self link is the RSS file itself.
    fg.link(href=channel.self_rss, rel="self", type="application/rss+xml", replace=True)
    fg.link(href=channel.site, rel="alternate", type="text/html")
    data = with_hub(fg.rss_str(pretty=True), channel.hub)
    return with_stylesheet(data, channel.stylesheet)


def with_hub(data: bytes, hub: str | None) -> bytes:
    """``<atom:link rel="hub">`` next to the self link: feedgen writes only
    the self link into RSS, and WebSub asks for both (spec, section 4)."""
    if not hub:
        return data
    self_start = data.index(b"<atom:link ")
    self_end = data.index(b"/>", self_start) + 2
    link = f'<atom:link href="{html.escape(hub)}" rel="hub"/>'.encode()
    indent = data[data.rindex(b"\n", 0, self_start) : self_start]
    return data[:self_end] + indent + link + data[self_end:]


def atom(fg: FeedGenerator, channel: Channel) -> bytes:
    fg.link(href=channel.self_atom, rel="self", type="application/atom+xml", replace=True)
    fg.link(href=channel.site, rel="alternate", type="text/html")
    if channel.hub:
        fg.link(href=channel.hub, rel="hub")
    return fg.atom_str(pretty=True)
