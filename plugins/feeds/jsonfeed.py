"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): feedgen has no
writer for it, and the format is small enough to write by hand."""

from __future__ import annotations

import json
from typing import Any

from .items import Item
from .syndication import Channel

VERSION = "https://jsonfeed.org/version/1.1"


def _item(item: Item, full: bool) -> dict[str, Any]:
    node: dict[str, Any] = {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        "summary": item.summary or None,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
        "language": item.lang,
    }
    if full:
        node["content_html"] = item.html
    else:
        # A JSON Feed item needs content: the summary stands in.
        node["content_text"] = item.summary or item.title
    if item.image is not None:
        node["image"] = item.image.url
    if item.authors:
        node["authors"] = [{"name": name} for name in item.authors]
    if item.tags:
        node["tags"] = list(item.tags)
    return {k: v for k, v in node.items() if v is not None}


def json_feed(channel: Channel, items: list[Item], self_url: str) -> str:
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": channel.title,
        "home_page_url": channel.site,
        "feed_url": self_url,
        "description": channel.description,
        "language": channel.lang,
        "items": [_item(item, channel.full_content) for item in items],
    }
    if channel.logo is not None:
        feed["icon"] = channel.logo.url
    if channel.icon:
        feed["favicon"] = channel.icon
    if channel.hub:
        feed["hubs"] = [{"type": "WebSub", "url": channel.hub}]
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
