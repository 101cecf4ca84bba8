"""URLs in the site's own words: /histoires/<slug>/ on a French site.

Pelican's URL settings are derived here from ``COMPTOIR_SECTIONS`` so an owner
changes a word in one place. Old URLs must not change silently, so these
patterns are golden-tested.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from pelican.paginator import PaginationRule

DEFAULT_SECTIONS = {
    "fr": {
        "stories": "histoires",
        "tutorials": "tutoriels",
        "testimonials": "temoignages",
        "tags": "etiquettes",
        "page": "page",
        "drafts": "brouillons",
    },
    "en": {
        "stories": "stories",
        "tutorials": "tutorials",
        "testimonials": "testimonials",
        "tags": "tags",
        "page": "page",
        "drafts": "drafts",
    },
}


def url_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """Pelican URL/SAVE_AS settings for the site's language and preview mode."""
    words = settings["COMPTOIR_SECTIONS"][settings["DEFAULT_LANG"]]
    tags, page, drafts = words["tags"], words["page"], words["drafts"]
    preview = settings.get("COMPTOIR_PREVIEW", False)
    out: dict[str, Any] = {
        "ARTICLE_URL": "{category}/{slug}/",
        "ARTICLE_SAVE_AS": "{category}/{slug}/index.html",
        "ARTICLE_LANG_URL": "{lang}/{category}/{slug}/",
        "ARTICLE_LANG_SAVE_AS": "{lang}/{category}/{slug}/index.html",
        "PAGE_URL": "{slug}/",
        "PAGE_SAVE_AS": "{slug}/index.html",
        "PAGE_LANG_URL": "{lang}/{slug}/",
        "PAGE_LANG_SAVE_AS": "{lang}/{slug}/index.html",
        "CATEGORY_URL": "{slug}/",
        "CATEGORY_SAVE_AS": "{slug}/index.html",
        "TAG_URL": f"{tags}/{{slug}}/",
        "TAG_SAVE_AS": f"{tags}/{{slug}}/index.html",
        "TAGS_URL": f"{tags}/",
        "TAGS_SAVE_AS": f"{tags}/index.html",
        "PAGINATION_PATTERNS": (
            PaginationRule(1, "{url}", "{save_as}"),
            PaginationRule(
                2,
                f"{{base_name}}/{page}/{{number}}/",
                f"{{base_name}}/{page}/{{number}}/index.html",
            ),
        ),
        # Lists that a small business site does not need.
        "AUTHOR_SAVE_AS": "",
        "AUTHORS_SAVE_AS": "",
        "CATEGORIES_SAVE_AS": "",
        "ARCHIVES_SAVE_AS": "",
        # Drafts and future posts never reach the built site, except in preview.
        "DRAFT_URL": f"{drafts}/{{slug}}/",
        "DRAFT_SAVE_AS": f"{drafts}/{{slug}}/index.html" if preview else "",
        "DRAFT_LANG_URL": f"{drafts}/{{lang}}/{{slug}}/",
        "DRAFT_LANG_SAVE_AS": f"{drafts}/{{lang}}/{{slug}}/index.html" if preview else "",
        "DRAFT_PAGE_URL": f"{drafts}/{{slug}}/",
        "DRAFT_PAGE_SAVE_AS": f"{drafts}/{{slug}}/index.html" if preview else "",
        "DRAFT_PAGE_LANG_URL": f"{drafts}/{{lang}}/{{slug}}/",
        "DRAFT_PAGE_LANG_SAVE_AS": f"{drafts}/{{lang}}/{{slug}}/index.html" if preview else "",
        "WITH_FUTURE_DATES": False,
    }
    return out


def url_key(save_as: str) -> str:
    """What makes two output paths the same file on some disk or server.

    macOS and Windows fold case, and é can be one code point or two: both
    pairs would overwrite each other there, so they count as a collision.
    """
    return unicodedata.normalize("NFKC", save_as).casefold()
