"""After a publish, tell the WebSub hub (``WEBSUB_HUB``) which feeds changed,
so subscribed readers get the new stories at once instead of at their next
poll. The feeds name the hub themselves (comptoir.plugins.feeds)."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

from .plan import Plan


def changed_feeds(settings: dict[str, Any], plan: Plan) -> list[str]:
    """The address of each feed file this publish sent."""
    from comptoir.plugins.feeds import KEY

    found = settings.get(KEY)
    paths = set()
    for feed in getattr(found, "feeds", []):
        paths.update(p for p in (feed.rss, feed.atom, feed.json_path) if p)
    site = str(settings.get("SITEURL") or "").rstrip("/")
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
