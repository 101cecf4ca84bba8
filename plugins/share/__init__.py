"""Share links without any third-party script (see links.py for the URLs). It
owns ``share_links(article)``, the links of the networks in
``SHARE_NETWORKS`` for a published item; the words are the theme's
(partials/share.html). No script, no request to a network's host, no link
for a draft or a post not yet due.

Templates call ``share_links(article)``: the links of the networks chosen in
SHARE_NETWORKS, for the article's address (SITEURL + its URL) and its cover
(Pinterest's ``media``). The words (visible labels, aria-labels, the
"Share…" and "Copy link" buttons) are in theme/templates/partials/share.html;
theme/static/js/share.js adds the two buttons where the browser can.
Owns only that function: no script, no request to a network's host.
"""

from __future__ import annotations

from typing import Any

from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.i18n import N_
from comptoir.core.plugin import Plugin
from comptoir.core.settings import Setting
from comptoir.plugins.content import is_future

from .links import NETWORKS, Link, share_links

__all__ = ["NETWORKS", "PLUGIN", "Link", "register", "share_links"]

# Every network, the most used by a French shop's customers first: the
# first SHARE_VISIBLE show, the others wait behind "More networks".
DEFAULT_NETWORKS = [
    "facebook",
    "whatsapp",
    "pinterest",
    "email",
    "x",
    "linkedin",
    "bluesky",
    "mastodon",
    "telegram",
    "reddit",
]


def _check_networks(value: Any, _: dict) -> str | tuple[str, dict[str, Any]] | None:
    known = ", ".join(NETWORKS)
    if not isinstance(value, list | tuple) or not all(isinstance(n, str) for n in value):
        return N_(
            'Write a list of network names in the order to show them, e.g. ["facebook",'
            ' "whatsapp", "email"], or [] for no share links. Known names: %(known)s.'
        ), {"known": known}
    for index, name in enumerate(value):
        if name not in NETWORKS:
            return N_("Unknown network “%(name)s”. Known names: %(known)s."), {
                "name": name,
                "known": known,
            }
        if name in value[:index]:
            return N_("“%(name)s” is listed twice."), {"name": name}
    return None


def _check_visible(value: Any, _: dict) -> tuple[str, dict[str, Any]] | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= len(NETWORKS):
        return N_(
            "Write how many share links show before “More networks”: a whole number"
            " from 0 to %(most)s, e.g. 4."
        ), {"most": len(NETWORKS)}
    return None


SETTINGS = (
    Setting(
        "SHARE_NETWORKS",
        DEFAULT_NETWORKS,
        "The share links under each story and tutorial, in this order ([] for none).",
        _check_networks,
    ),
    Setting(
        "SHARE_VISIBLE",
        4,
        "How many of them show at once; the others (and the embed code) fold"
        " behind one “More networks” button.",
        _check_visible,
    ),
)


PLUGIN = Plugin("share", settings=SETTINGS)


def _links(build: Build, item: Any) -> list[Link]:
    """``share_links(article)`` in templates: [] for drafts and posts not yet
    due (their address is not live yet), else one :class:`Link` a network."""
    if item is None:
        return []
    # Worked out at each call, not kept on the item: what a page reads of a
    # story must be read while it renders (build/reuse.py records it).
    return _work_out(build, item)


def _work_out(build: Build, item: Any) -> list[Link]:
    if getattr(item, "status", "published") != "published":
        return []
    date = getattr(item, "date", None)
    if date is not None and is_future(date):
        return []
    settings = build.settings
    # Absolute once published (publishconf.py); a development build keeps
    # SITEURL's own form, so the preview shows the block as it will be.
    url = f"{str(settings.get('SITEURL') or '').rstrip('/')}/{item.url}"
    cover = getattr(item, "cover", None) or {}
    networks = settings.get("SHARE_NETWORKS", DEFAULT_NETWORKS)
    return share_links(item.title, url, cover.get("full"), networks)


def on_generator_init(build: Build, generator: Any) -> None:
    """Give templates ``share_links(article)``."""
    generator.env.globals["share_links"] = lambda item: _links(build, item)


def register(build: Build) -> None:
    build.connect(signals.generator_init, on_generator_init)
