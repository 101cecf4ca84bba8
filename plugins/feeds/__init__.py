"""Comptoir's feeds, instead of Pelican's: RSS 2.0, Atom 1.0 and JSON Feed 1.1
for the site, each kind of content and each tag, and the subscribe page. It
owns the feed files, their stable ids, the build's
:class:`~.members.FeedSet` and ``s-abonner/``. No date in a feed is the
build's: the same content gives the same bytes.

Items carry their full text with absolute addresses, the cover as
``media:content``, tags, author and dates; their ids never change, even
after a new slug or domain (items.py). Which feeds exist: catalog.py.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from pelican.generators import ArticlesGenerator
from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.i18n import N_
from comptoir.core.plugin import Plugin
from comptoir.core.settings import Setting
from comptoir.plugins.content.ids import NAMESPACE

from .catalog import KINDS, Feed
from .items import Image, Item
from .jsonfeed import json_feed
from .members import FeedSet, gather
from .page import SETTINGS as PAGE_SETTINGS
from .page import get_generators, stylesheet_url
from .page import on_generator_init as page_globals
from .syndication import Channel, atom, rss
from .syndication import build as feed_generator


def _kinds(value: Any, _: dict) -> str | tuple[str, dict] | None:
    if isinstance(value, list | tuple) and all(v in KINDS for v in value):
        return None
    return N_("Write a list among %(known)s, or [] for no feed."), {"known": ", ".join(KINDS)}


def _items(value: Any, _: dict) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1000
    return None if ok else N_("Write a number of items between 1 and 1000 (50 is a good choice).")


def _content(value: Any, _: dict) -> str | None:
    return None if value in ("full", "summary") else N_('Write "full" or "summary".')


def _overrides(value: Any, settings: dict) -> str | tuple[str, dict] | None:
    shape_of = N_(
        'Write a dict of feeds among %(known)s, each with "items" and/or "content", '
        'like {"tags": {"items": 20, "content": "summary"}}.'
    )
    if not isinstance(value, dict):
        return shape_of, {"known": ", ".join(KINDS)}
    for kind, shape in value.items():
        if kind not in KINDS or not isinstance(shape, dict) or set(shape) - {"items", "content"}:
            return shape_of, {"known": ", ".join(KINDS)}
        problem = _items(shape.get("items", 50), settings) or _content(
            shape.get("content", "full"), settings
        )
        if problem:
            return problem
    return None


def _hub(value: Any, _: dict[str, Any]) -> str | None:
    # https, or plain http to a hub on this very computer (one run for tests).
    local = ("http://127.0.0.1:", "http://127.0.0.1/", "http://localhost:", "http://localhost/")
    if value is None or (isinstance(value, str) and value.startswith(("https://", *local))):
        return None
    return N_(
        'Write the address of a WebSub hub, like "https://pubsubhubbub.appspot.com/", or None.'
    )


SETTINGS = (
    Setting(
        "FEEDS",
        list(KINDS),
        "Which feeds exist: site, stories, tutorials, testimonials, tags.",
        _kinds,
    ),
    Setting("FEED_ITEMS", 50, "How many items a feed holds (newest first).", _items),
    Setting("FEED_CONTENT", "full", '"full" text in feeds, or "summary" only.', _content),
    Setting("FEED_OVERRIDES", {}, "Per feed: {kind: {items, content}}.", _overrides),
    Setting(
        "WEBSUB_HUB",
        None,
        "A WebSub hub (https://…) feeds name, and `invoke publish` tells of each change.",
        _hub,
    ),
    *PAGE_SETTINGS,  # the subscribe page (page.py)
)


def pelican_settings(build: Build) -> dict[str, Any]:
    """Every Pelican feed off: Comptoir writes its own."""
    off = {
        key: None
        for key in build.settings
        if "FEED_" in key and key.endswith(("_ATOM", "_RSS")) and not key.startswith("FEED_ITEMS")
    }
    return {**off, "FEED_ALL_ATOM": None, "FEED_ALL_RSS": None}


# After content: it gives every item its feed id.
PLUGIN = Plugin("feeds", settings=SETTINGS, pelican=pelican_settings, after=("content",))


def _site(settings: dict[str, Any]) -> str:
    return str(settings.get("SITEURL") or "").rstrip("/")


def on_all_generators_finalized(build: Build, generators: list[Any]) -> None:
    """Work out every feed's items once (published items only)."""
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if articles is None:
        return
    context = articles.context
    tags = [tag for tag, _ in context.get("tags", [])]
    testimonials = list(context.get("testimonials", []))
    gather(build, list(articles.articles), testimonials, tags)


def _channel(build: Build, feed: Feed, items: list[Item]) -> Channel:
    settings, values = build.settings, build.site
    site = _site(settings)
    brand = settings.get("BRAND", {})
    has_icon = bool(brand.get("icon") or brand.get("logo"))
    description = values.get("subtitle") or values.get("business", {}).get("description")
    name = f"{values.get('name', '')}:{feed.key}"
    return Channel(
        title=feed.title,
        description=description or feed.title,
        site=f"{site}/{feed.page}",
        self_rss=f"{site}/{feed.rss}",
        self_atom=f"{site}/{feed.atom}",
        lang=settings.get("DEFAULT_LANG", "fr"),
        id=f"urn:uuid:{uuid.uuid5(NAMESPACE, name)}",
        updated=max(item.updated for item in items),
        logo=Image(f"{site}/icon-512.png", 512, 512, "image/png") if has_icon else None,
        icon=f"{site}/icon-192.png" if has_icon else None,
        full_content=feed.full,
        stylesheet=stylesheet_url(settings),  # page.py
        hub=settings.get("WEBSUB_HUB"),
    )


def write_feeds(build: Build, output: Path) -> None:
    """Write every feed into ``output`` (items were checked: see checks.py)."""
    found = build.part(FeedSet)
    site = _site(build.settings)
    for feed in found.feeds:
        items = found.members[feed.key]
        channel = _channel(build, feed, items)
        fg = feed_generator(channel, items)
        files = {feed.rss: rss(fg, channel), feed.atom: atom(fg, channel)}
        if feed.json_path:
            text = json_feed(channel, items, f"{site}/{feed.json_path}")
            files[feed.json_path] = text.encode("utf-8")
        for name, data in files.items():
            target = output / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def on_finalized(build: Build, pelican: Any) -> None:
    """Write the feeds."""
    if build.part(FeedSet).known:
        write_feeds(build, Path(pelican.output_path))


def feed_links(build: Build, key: str = "") -> list[dict[str, str]]:
    """``<link rel=alternate>`` data for a page's head: its own feed first
    (a section's or a tag's), then the site's."""
    found = build.part(FeedSet)
    feeds = {feed.key: feed for feed in found.feeds}
    site = _site(build.settings)
    chosen = [feeds[k] for k in dict.fromkeys([key, "site"]) if k in feeds]
    links = []
    for feed in chosen:
        for kind, path in (
            ("application/rss+xml", feed.rss),
            ("application/atom+xml", feed.atom),
            ("application/feed+json", feed.json_path),
        ):
            if path:
                links.append({"type": kind, "href": f"{site}/{path}", "title": feed.title})
    return links


def on_generator_init(build: Build, generator: Any) -> None:
    """Templates get ``feed_links(key)`` (the head) and ``feed_catalog()``
    (the subscribe page: every feed that has items)."""
    generator.env.globals["feed_links"] = lambda key="": feed_links(build, key)
    generator.env.globals["feed_catalog"] = lambda: list(build.part(FeedSet).feeds)


def register(build: Build) -> None:
    build.connect(signals.all_generators_finalized, on_all_generators_finalized)
    build.connect(signals.finalized, on_finalized)
    build.connect(signals.generator_init, on_generator_init)
    # The subscribe page (page.py).
    build.connect(signals.get_generators, get_generators)
    build.connect(signals.generator_init, page_globals)
