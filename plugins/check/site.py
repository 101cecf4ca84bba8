"""Checks across files: titles and summaries used twice, tags without a page."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from comptoir.core.i18n import N_
from comptoir.core.i18n.text import plain_text
from comptoir.plugins.content.reader import LINES

from .items import Item
from .links import Site
from .meta import Placed


def duplicates(items: list[Item], report_path: Callable[[str], str]) -> Iterator[Placed]:
    """A title or summary already used by another page, per language: search
    engines show both pages the same way, and may show only one."""
    for key in ("title", "summary"):
        first: dict[tuple[str, str], Item] = {}
        for item in items:
            if item.state != "published" or item.kind == "testimonial":
                continue
            if key == "summary" and "summary" not in item.content.metadata:
                continue
            value = plain_text(getattr(item.content, key, "")).casefold()
            lang = str(getattr(item.content, "lang", ""))
            if not value:
                continue
            other = first.setdefault((lang, value), item)
            if other is item:
                continue
            msgid = (
                N_(
                    "%(other)s has the same title: search engines would show the two pages "
                    "alike; give each its own title."
                )
                if key == "title"
                else N_(
                    "%(other)s has the same Summary: search engines would show the two pages "
                    "alike; write one for each."
                )
            )
            line = getattr(item.content, LINES, {}).get(key)
            yield item, (key, line, "warning", msgid, {"other": report_path(other.path)})


def tags_without_page(items: list[Item], site: Site) -> Iterator[Placed]:
    """A tag shown on a published page whose own page was not written (only a
    translation or a hidden page carries it): its link would lead nowhere."""
    for item in items:
        if item.state != "published":
            continue
        for tag in getattr(item.content, "tags", None) or ():
            target = site.target(tag.url, "")
            if target is None or site.exists(target):
                continue
            msgid = N_(
                "The tag “%(tag)s” has no page of its own, so its link leads nowhere: also "
                "give it to a published story in the site's language, or delete it here."
            )
            line = getattr(item.content, LINES, {}).get("tags")
            yield item, ("tags", line, "warning", msgid, {"tag": tag.name})
