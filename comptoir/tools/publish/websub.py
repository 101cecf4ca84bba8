"""After a publish, tell the WebSub hub (``WEBSUB_HUB``) which feeds changed,
so subscribed readers get the new stories at once instead of at their next
poll. The feeds name the hub themselves (comptoir.plugins.feeds)."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from comptoir.plugins.feeds.members import FeedSet

from .plan import Plan

if TYPE_CHECKING:
    from comptoir.core.build import Build


def changed_feeds(build: Build, plan: Plan) -> list[str]:
    """The address of each feed file this publish sent."""
    paths = set()
    for feed in build.part(FeedSet).feeds:
        paths.update(p for p in (feed.rss, feed.atom, feed.json_path) if p)
    site = str(build.settings.get("SITEURL") or "").rstrip("/")
    return [f"{site}/{path}" for path in plan.sent if path in paths]


def ping(hub: str, topics: list[str], timeout: float = 10.0) -> str | None:
    """Notify ``hub`` of each topic; None when all went well, else what failed."""
    for topic in topics:
        body = urlencode({"hub.mode": "publish", "hub.url": topic}).encode()
        request = urllib.request.Request(hub, data=body, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                if answer.status >= 300:
                    return f"HTTP {answer.status}"
        except urllib.error.HTTPError as error:
            return f"HTTP {error.code}"
        except (urllib.error.URLError, OSError) as error:
            return str(getattr(error, "reason", error))
    return None
