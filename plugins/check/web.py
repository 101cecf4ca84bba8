"""What the built site asks of other hosts: the privacy scan, and external
links checked over the network with ``--online``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from comptoir.core.i18n import N_, language

from .items import Item
from .meta import Placed
from .online import dead_links
from .privacy import allowed_origins, scan_folder
from .source import Source

_REASONS = {
    "timeout": N_("it does not answer"),
    "refused": N_("the server refuses the connection"),
    "unknown-host": N_("this site's name does not exist"),
    "tls": N_("its secure connection is broken"),
    "too-many-redirects": N_("it sends readers round in circles"),
    "error": N_("it cannot be reached"),
}


def foreign_requests(settings: dict[str, Any], items: list[Item], output: str) -> Iterator[Placed]:
    """Each file of the built site that makes the browser fetch from another
    host the owner did not allow (``CSP_EXTRA``)."""
    pages = {os.path.normpath(i.content.save_as): i for i in items if i.state == "published"}
    found = scan_folder(output, allowed_origins(settings))
    for page, requests in sorted(found.items()):
        item = pages.get(os.path.normpath(page))
        source = Source.read(item.path) if item else None
        for request in requests:
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(request.url))
            values = {"page": page, "url": request.url, "what": request.what, "origin": origin}
            if item is None:
                msgid = N_(
                    "The page %(page)s (made by the theme) loads %(url)s from another host, "
                    "which learns who reads the site, and browsers block it: serve the file "
                    "from the site, or allow %(origin)s in CSP_EXTRA."
                )
                yield "theme", (None, request.line, "warning", msgid, values)
                continue
            msgid = N_(
                "This loads %(url)s from another host, which learns who reads the page, and "
                "browsers block it: put the file in content/images/, or allow %(origin)s in "
                "CSP_EXTRA."
            )
            line = source.find(request.url) if source else None
            yield item, (None, line, "warning", msgid, values)


def online(
    external: dict[str, list[tuple[Item, int | None]]], settings: dict[str, Any]
) -> Iterator[Placed]:
    """Links to other sites that readers would not reach (``--online`` only)."""
    words = language(settings)
    for dead in dead_links(external):
        for item, line in external[dead.url]:
            if dead.reason == "status":
                msgid = N_(
                    "The link %(url)s answers “error %(status)s”: the page has moved or is "
                    "gone; find its new address, or delete the link."
                )
                values: dict[str, Any] = {"url": dead.url, "status": dead.status}
            else:
                msgid = N_(
                    "The link %(url)s leads nowhere (%(reason)s): check the address, or "
                    "delete the link."
                )
                reason = words.gettext(_REASONS.get(dead.reason, _REASONS["error"]))
                values = {"url": dead.url, "reason": reason}
            yield item, (None, line, "warning", msgid, values)
