"""The "S'abonner / Subscribe" page: what a feed is, in plain words, every
feed's address with a copy button, and a few readers to choose from.

It lives at ``s-abonner/`` on a French site, ``subscribe/`` on an English
one (``FEEDS_PAGE_URL`` chooses another word, or ``False`` for no page), and
only when the site has a feed with items. The footer links to it through
``subscribe_path()``. The copy buttons are embed-code.js's (``data-copy``).

Also here, off by default (``FEED_STYLESHEET = True``): the stylesheet
(``rss.xsl``) that gives an RSS file opened in a browser a readable face.
Browsers are dropping XSLT, and Chromium 156 already puts a warning over such
a page telling readers to contact the site: an extra, never the only way.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pelican.generators import Generator

from comptoir.core.build.context import for_build
from comptoir.core.i18n import N_
from comptoir.core.settings import Setting, true_or_false
from comptoir.plugins.content.lists import address_taken

from .members import FeedSet

if TYPE_CHECKING:
    from comptoir.core.build import Build

# The page's word per site language (COMPTOIR_SECTIONS is the owner's whole
# dict, checked for a fixed set of words: a new word there would break it).
PAGE_WORDS = {"fr": "s-abonner", "en": "subscribe"}
WORD = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/$")
STYLESHEET = "feeds/rss.xsl"  # under the theme's static folder


def _check_page_url(value: Any, settings: dict[str, Any]) -> str | None:
    if value is None or value is False:
        return None
    sections = settings.get("COMPTOIR_SECTIONS", {}).get(settings.get("DEFAULT_LANG"), {})
    taken = {f"{word}/" for word in sections.values()} | {"embed/"}
    if isinstance(value, str) and WORD.match(value) and value not in taken:
        return None
    return N_(
        'Write one word for the address of the subscribe page, like "s-abonner/" '
        "(lowercase letters, digits and hyphens, then /), not one the site already "
        "uses; None for the default; False for no page."
    )


SETTINGS = (
    Setting(
        "FEEDS_PAGE_URL",
        None,
        "Address of the subscribe page (default s-abonner/ or subscribe/); False: none.",
        _check_page_url,
    ),
    Setting(
        "FEED_STYLESHEET",
        False,
        "Show rss.xml as a page in browsers that still apply XSLT (Chromium warns).",
        true_or_false,
    ),
)


def page_path(build: Build) -> str:
    """``s-abonner/`` (or the owner's word), or "" when there is no page:
    turned off, or no feed has an item."""
    settings = build.settings
    value = settings.get("FEEDS_PAGE_URL")
    if value is False or not build.part(FeedSet).feeds:
        return ""
    return value or f"{PAGE_WORDS.get(settings['DEFAULT_LANG'], 'subscribe')}/"


def stylesheet_url(settings: dict[str, Any]) -> str | None:
    """Where the RSS files' ``<?xml-stylesheet?>`` points, or None: turned
    off, or the theme has no rss.xsl (an owner's own theme), where a missing
    stylesheet would turn a readable file into an error page."""
    theme = Path(settings.get("THEME", ""))
    if not settings.get("FEED_STYLESHEET") or not (theme / "static" / STYLESHEET).is_file():
        return None
    site = str(settings.get("SITEURL") or "").rstrip("/")
    return f"{site}/{settings.get('THEME_STATIC_DIR', 'theme')}/{STYLESHEET}"


class SubscribeGenerator(Generator):
    """Writes the subscribe page (templates/subscribe.html). Made for one
    build (``for_build``)."""

    build: Build

    def generate_context(self) -> None:
        """Nothing to read: the feeds come from the feeds plugin."""

    def generate_output(self, writer: Any) -> None:
        path = page_path(self.build)
        message = N_(
            "The address /%(url)s is the subscribe page's: give this page another "
            "Slug, or set FEEDS_PAGE_URL."
        )
        if not path or address_taken(self.build, self.context, path, message):
            return
        feeds = self.build.part(FeedSet).feeds
        names = {tag.slug: str(tag) for tag, _ in self.context.get("tags", [])}
        writer.write_file(
            f"{path}index.html",
            self.get_template("subscribe"),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS", False),
            page_name=path.rstrip("/"),
            site_feed=next((f for f in feeds if f.key == "site"), None),
            section_feeds=[f for f in feeds if f.key in ("stories", "tutorials", "testimonials")],
            tag_feeds=[
                (names.get(f.key.removeprefix("tag:"), f.key), f)
                for f in feeds
                if f.key.startswith("tag:")
            ],
        )


def get_generators(build: Build, pelican: Any) -> type:
    return for_build(SubscribeGenerator, build)


def on_generator_init(build: Build, generator: Any) -> None:
    """Templates get ``subscribe_path()``: the page's path, or "" (the footer's link)."""
    generator.env.globals["subscribe_path"] = lambda: page_path(build)
