"""What a feed says of one story, tutorial or testimonial, worked out once
and shared by the RSS, Atom and JSON Feed writers.

An item's id never changes: it is the file's ``Id`` (written by
``invoke new``, added by ``invoke ids``), else a UUID derived from its kind,
language and date as written (the wall-clock time) — not from its address,
so a renamed file, a date written another way or a move to https keeps its
id (see README, "Feeds"). Files without Id that share a date get one from
their path instead (comptoir.plugins.content.ids).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from .absolute import absolute_html, absolute_url


@dataclass(frozen=True)
class Image:
    url: str
    width: int | None
    height: int | None
    type: str


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    url: str
    html: str  # full content, every address absolute
    summary: str  # plain text
    published: dt.datetime
    updated: dt.datetime
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    image: Image | None = None
    thumbnail: Image | None = None
    lang: str = "fr"
    source: str = ""  # the content file, for messages
    kind: str = "story"
    # The header key holding the title (a testimonial's is its Name), and the
    # line of each header key: messages point at them.
    title_key: str = "title"
    lines: dict[str, int] = field(default_factory=dict)


def stable_id(content: Any) -> str:
    """``urn:uuid:…``: the ``feed_id`` the content plugin gave the item (its
    Id, else its fallback; see comptoir.plugins.content.ids)."""
    return str(content.feed_id)


def plain(html: Any) -> str:
    return " ".join(Markup(str(html or "")).striptags().split())


_TYPES = {
    "png": "image/png",
    "webp": "image/webp",
    "avif": "image/avif",
    "gif": "image/gif",
    "svg": "image/svg+xml",
}


def _image(view: dict[str, Any] | None, site: str) -> Image | None:
    if not view or not view.get("full"):
        return None
    url = absolute_url(view["full"], site)
    # From the extension: the images plugin may write WebP, AVIF or PNG. A
    # table of our own, not mimetypes (which reads the machine's own lists).
    kind = _TYPES.get(url.rsplit(".", 1)[-1].lower(), "image/jpeg")
    return Image(url, view.get("width"), view.get("height"), kind)


def _thumbnail(view: dict[str, Any] | None, site: str) -> Image | None:
    """The smallest fallback size of the cover (from its srcset)."""
    if not view:
        return None
    srcset = view.get("srcset") or ""
    first = srcset.split(",")[0].strip() if srcset else ""
    match = re.fullmatch(r"(\S+)\s+(\d+)w", first)
    if not match or not view.get("width"):
        return _image(view, site)
    width = int(match.group(2))
    height = round(view["height"] * width / view["width"])
    return Image(absolute_url(match.group(1), site), width, height, _image(view, site).type)


@dataclass(frozen=True)
class Face:
    """What a list shows of a story or tutorial: no body (search takes its
    own text, and making the feed's absolute HTML is the dear part)."""

    title: str
    url: str
    summary: str
    thumbnail: Image | None


def article_face(content: Any, site: str) -> Face:
    """A story's or tutorial's :class:`Face`, the same as its feed item's."""
    return Face(
        title=str(content.title),
        url=absolute_url(content.url, site),
        summary=plain(getattr(content, "summary", "")),
        thumbnail=_thumbnail(getattr(content, "cover", None), site),
    )


def article_item(content: Any, site: str) -> Item:
    """A story or tutorial."""
    kind = getattr(content, "comptoir_kind", "story")
    cover = getattr(content, "cover", None)
    modified = getattr(content, "modified", None)
    face = article_face(content, site)
    return Item(
        id=stable_id(content),
        title=face.title,
        url=face.url,
        html=absolute_html(str(content.content), site, content.url),
        summary=face.summary,
        published=content.date,
        updated=modified or content.date,
        authors=tuple(str(a) for a in getattr(content, "authors", []) or []),
        tags=tuple(str(t) for t in getattr(content, "tags", []) or []),
        image=_image(cover, site),
        thumbnail=face.thumbnail,
        lang=getattr(content, "lang", "fr"),
        source=content.source_path,
        kind=kind,
        lines=dict(getattr(content, "comptoir_lines", None) or {}),
    )


def testimonial_item(content: Any, site: str, wall: str, title: str) -> Item:
    """A testimonial: its quote, on the wall at ``wall#t-slug``."""
    photo = getattr(content, "photo_info", None)
    return Item(
        id=stable_id(content),
        title=title,
        url=absolute_url(f"{wall}#t-{content.slug}", site),
        html=absolute_html(str(content.content), site, wall),
        summary=plain(content.content),
        published=content.date,
        updated=getattr(content, "modified", None) or content.date,
        authors=(str(content.name),),
        image=_image(photo, site),
        thumbnail=_thumbnail(photo, site),
        lang=getattr(content, "lang", "fr"),
        source=content.source_path,
        kind="testimonial",
        title_key="name",
        lines=dict(getattr(content, "comptoir_lines", None) or {}),
    )
