"""What search finds: one record per public story, tutorial, testimonial and
page, made from the content objects of the build (the feeds' items give
title, address, summary, tags and thumbnail), in the item's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from comptoir.core.build import Build
from comptoir.core.i18n import N_
from comptoir.core.i18n.text import plain_text
from comptoir.plugins.content import is_future
from comptoir.plugins.content.lists import contents
from comptoir.plugins.feeds.items import article_face, testimonial_item

from .markdown_ext import SEARCH_TEXT

KINDS = ("story", "tutorial", "testimonial", "page")


@dataclass(frozen=True)
class Record:
    """One searchable item, as Pagefind takes it (``add_custom_record``)."""

    url: str
    kind: str
    language: str
    content: str
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)


# Each kind's label, as readers read it (msgids, translated per record's language).
LABELS = {
    "story": N_("Story"),
    "tutorial": N_("Tutorial"),
    "testimonial": N_("Testimonial"),
    "page": N_("Page"),
}


def searchable(content: Any, state: str) -> bool:
    """Public, due, indexed and not opted out (``Search: no``)."""
    if state != "published" or getattr(content, "comptoir_kind", None) not in KINDS:
        return False
    date = getattr(content, "date", None)
    if date is not None and is_future(date):
        return False
    return getattr(content, "search", True) is not False


def records(build: Build, base: str) -> list[Record]:
    """The build's searchable items; ``base`` is the site's path on its host."""
    wall = str(build.settings.get("TESTIMONIALS_URL") or "")
    found = []
    for content, state in contents(build.generators):
        if not searchable(content, state):
            continue
        kind = content.comptoir_kind
        lang = getattr(content, "lang", None) or build.settings.get("DEFAULT_LANG", "fr")
        if kind == "testimonial":
            title = build.language(lang).gettext(
                "Testimonial from %(name)s", name=str(content.name)
            )
            item = testimonial_item(content, base, wall, title)
        elif kind == "page":
            item = None
        else:
            item = article_face(content, base)
        title = item.title if item else str(content.title)
        url = item.url if item else base + "/" + content.url.lstrip("/")
        meta = {"title": title, "kind": build.language(lang).gettext(LABELS[kind])}
        date = getattr(content, "date", None)
        if date is not None and kind != "page":
            meta["date"] = date.date().isoformat()
        if item and item.thumbnail:
            meta["image"] = item.thumbnail.url
        tags = [str(t) for t in getattr(content, "tags", None) or ()]
        # Kind and tags narrow the results on the search page.
        filters = {"kind": [meta["kind"]], **({"tag": tags} if tags else {})}
        summary = item.summary if item else plain_text(getattr(content, "summary", ""))
        # Taken as the file was read (markdown_ext.py); an HTML page has none.
        body = getattr(content, SEARCH_TEXT, None)
        if not isinstance(body, str):
            body = plain_text(str(content.content))
        found.append(
            Record(
                url=url,
                kind=kind,
                language=lang,
                content=f"{title}\n{summary}\n{body}",
                meta=meta,
                filters=filters,
                sort={"date": meta.get("date", "")},
            )
        )
    return found
