"""The content contract: which keys each kind of content takes, and how.

This is PRODUCT.md's "content contract" as data. Keys are case-insensitive.
A key with a parser is read by Comptoir (so its errors name the key); the
others (title, tags, author, summary, slug…) are read by Pelican as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from comptoir.core.i18n import SUPPORTED

from . import values as v


@dataclass(frozen=True)
class Key:
    name: str
    parse: Callable[[str], Any] | None = None
    required: bool = False


# Kind of content -> the setting listing its folders under content/.
KIND_PATHS = {
    "story": "STORY_PATHS",
    "tutorial": "TUTORIAL_PATHS",
    "testimonial": "TESTIMONIAL_PATHS",
    "page": "PAGE_PATHS",
}

_STATUS = partial(v.parse_choice, choices=("published", "draft", "hidden"))
_LANG = partial(v.parse_choice, choices=SUPPORTED)
_COMMON = (
    # The item's stable id in feeds (see README, "Writing content").
    Key("id", v.parse_id),
    Key("status", _STATUS),
    Key("lang", _LANG),
    Key("translation"),
    Key("slug"),
    Key("summary"),
    Key("image"),
    Key("image_alt"),
    Key("modified", v.parse_date),
    Key("template"),
    # Opts this file out of the safety filter on HTML (plugins/sanitize).
    Key("raw_html", v.parse_bool),
    # "Search: no" leaves this file out of the search index (plugins/search).
    Key("search", v.parse_bool),
)
_STORY = (
    Key("title", required=True),
    Key("date", v.parse_date, required=True),
    Key("tags"),
    Key("author"),
    Key("authors"),
    Key("testimonials", partial(v.parse_list, separator=",")),
    *_COMMON,
)

KEYS: dict[str, tuple[Key, ...]] = {
    "story": _STORY,
    "tutorial": (
        *_STORY,
        Key("kind", partial(v.parse_choice, choices=("howto", "recipe"))),
        Key("duration", v.parse_duration),
        Key("prep_time", v.parse_duration),
        Key("cook_time", v.parse_duration),
        Key("yield"),
        Key("difficulty"),
        Key("supplies", partial(v.parse_list, separator=";")),
        Key("tools", partial(v.parse_list, separator=";")),
        Key("video", v.parse_video),
        Key("featured", v.parse_bool),
    ),
    "testimonial": (
        Key("name", required=True),
        Key("date", v.parse_date, required=True),
        Key("consent", v.parse_date, required=True),
        Key("rating", v.parse_rating),
        Key("role"),
        Key("location"),
        Key("photo"),
        Key("photo_alt"),
        Key("about"),
        Key("source"),
        *_COMMON,
    ),
    # Menu: a shorter label for the main menu ("FAQ" for "Questions fréquentes").
    "page": (Key("title", required=True), Key("date", v.parse_date), Key("menu"), *_COMMON),
}

# Keys whose value is a file under content/ that must exist.
FILE_KEYS = ("image", "photo")


def key_map(kind: str) -> dict[str, Key]:
    return {key.name: key for key in KEYS[kind]}
