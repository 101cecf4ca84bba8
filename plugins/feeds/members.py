"""Which items each feed holds: the newest of its kind or tag, published and
due. Chosen from the content's dates and ids first; only the chosen ones are
turned into feed items (their text made absolute), since a site of 1,000
stories shows only the newest 50 in each feed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from comptoir.plugins.content import is_future

from .catalog import Feed, catalog
from .checks import fit_items
from .items import Item, article_item, stable_id, testimonial_item

if TYPE_CHECKING:
    from comptoir.core.build import Build


@dataclass(eq=False)
class FeedSet:
    """The feeds of one build with their items, newest first (empty feeds
    left out): a part of the build, ``known`` once its items are gathered."""

    build: Build
    feeds: list[Feed] = field(default_factory=list)
    members: dict[str, list[Item]] = field(default_factory=dict)
    known: bool = False


def _newest(contents: list[Any], count: int) -> list[Any]:
    # Newest first; the id breaks ties so the order never depends on reading order.
    ranked = sorted(contents, key=lambda c: (c.date, stable_id(c)), reverse=True)
    return ranked[:count]


def gather(build: Build, articles: list[Any], testimonials: list[Any], tags: list[Any]) -> None:
    """Every feed's items into the build's :class:`FeedSet`, each item worked
    out once however many feeds hold it."""
    settings = build.settings
    site = str(settings.get("SITEURL") or "").rstrip("/")
    # A preview builds posts not yet due, marked on their pages; a feed
    # cannot mark them, so they stay out as on the published site.
    due = [a for a in articles if not is_future(a.date)]
    quotes = [t for t in testimonials if t.status == "published" and not is_future(t.date)]
    feeds = catalog(build, tags)
    chosen: dict[str, list[Any]] = {}
    for feed in feeds:
        if feed.key == "testimonials":
            chosen[feed.key] = _newest(quotes, feed.items)
            continue
        if feed.key.startswith("tag:"):
            slug = feed.key.removeprefix("tag:")
            pool = [a for a in due if slug in {t.slug for t in getattr(a, "tags", [])}]
        else:
            kind = {"stories": "story", "tutorials": "tutorial"}.get(feed.key)
            pool = [a for a in due if kind is None or a.comptoir_kind == kind]
        chosen[feed.key] = _newest(pool, feed.items)
    wall = settings.get("TESTIMONIALS_URL", "")
    say = build.language().gettext
    made: dict[int, Item] = {}
    quoted = {id(t) for t in quotes}
    for content in {id(c): c for group in chosen.values() for c in group}.values():
        if id(content) in quoted:
            name = say("Testimonial from %(name)s", name=str(content.name))
            made[id(content)] = testimonial_item(content, site, wall, name)
        else:
            made[id(content)] = article_item(content, site)
    # Checked once per item, not once per feed it is in: what a feed cannot
    # carry is told on its file and left out (the build fails anyway).
    fit = {item.source: item for item in fit_items(build, list(made.values()))}
    found = build.part(FeedSet)
    for feed in feeds:
        items = [made[id(c)] for c in chosen.get(feed.key, []) if made[id(c)].source in fit]
        if items:
            found.feeds.append(feed)
            found.members[feed.key] = items
    found.known = True
