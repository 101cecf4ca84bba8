"""Reading aids: reading time, previous/next, related stories, the menu. It
owns ``reading_minutes`` (words counted as Markdown builds the text),
``prev_article``/``next_article`` and ``related_articles`` on published
articles, and the main menu's settings. It only adds attributes to content;
drafts and translations get no neighbours.
"""

from __future__ import annotations

import math
from typing import Any

from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.i18n import N_
from comptoir.core.plugin import Plugin
from comptoir.core.settings import Setting

from .markdown_ext import WordsExtension
from .reading import reading_minutes
from .related import link_neighbours, link_related


def _positive(value: Any, _: dict) -> str | None:
    return None if isinstance(value, int) and value > 0 else N_("Write a whole number above 0.")


SETTINGS = (
    Setting("READING_WORDS_PER_MINUTE", 230, "Reading speed used for reading time.", _positive),
    Setting("RELATED_LIMIT", 3, "How many related stories to show.", _positive),
    Setting(
        "MENU_PAGES",
        ["a-propos", "about", "faq", "contact"],
        "The pages (by Slug) in the main menu, in order; missing ones are skipped.",
        lambda v, _: (
            None
            if isinstance(v, list | tuple) and all(isinstance(x, str) for x in v)
            else N_('Write a list of page Slugs, like ["a-propos", "contact"].')
        ),
    ),
)


# Words are counted while Markdown converts (see markdown_ext).
PLUGIN = Plugin("navigation", settings=SETTINGS, markdown=(WordsExtension,))


def on_content_init(build: Build, content: Any) -> None:
    """Reading time in minutes, for stories and tutorials."""
    if getattr(content, "comptoir_kind", None) not in ("story", "tutorial"):
        return
    speed = build.settings.get("READING_WORDS_PER_MINUTE", 230)
    words = getattr(content, "reading_words", None)
    if words is not None:
        content.reading_minutes = max(1, math.ceil(words / speed))
    elif content._content:
        content.reading_minutes = reading_minutes(content._content, speed)


def on_articles_finalized(build: Build, generator: Any) -> None:
    """Neighbours and related stories among published articles only."""
    link_neighbours(generator.articles)
    link_related(generator.articles, build.settings.get("RELATED_LIMIT", 3))
    for article in generator.translations:
        article.related_articles = []


def register(build: Build) -> None:
    build.connect(signals.content_object_init, on_content_init)
    build.connect(signals.article_generator_finalized, on_articles_finalized)
