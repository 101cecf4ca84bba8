"""Content types: stories, tutorials, testimonials and pages, read against the
content contract, published at URLs in the site's own words. It owns the
Markdown reader (its parallel prefetch and read cache), the header scan, the
contract's values, addresses and Ids, and the FAQ split. It reports problems
to the build and writes no file of the site.
"""

from __future__ import annotations

import datetime
import os
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.build.context import for_build
from comptoir.core.i18n import N_
from comptoir.core.plugin import Plugin
from comptoir.core.settings import Setting

from .bounds import check_max_bytes
from .faq import split_faq_pages
from .ids import assign as assign_feed_ids
from .lists import contents
from .prefetch import prefetch
from .problems import take_problems
from .reader import ComptoirMarkdownReader
from .urls import DEFAULT_SECTIONS, url_settings

URL_WORD = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check_sections(value: Any, settings: dict[str, Any]) -> str | None:
    lang = settings.get("DEFAULT_LANG")
    needed = set(DEFAULT_SECTIONS["fr"])
    if not isinstance(value, dict) or lang not in value or not needed <= set(value[lang]):
        return N_("It must give, for the site's language, a word for each of: %(words)s."), {
            "words": ", ".join(sorted(needed))
        }
    words = [value[lang][name] for name in sorted(needed)]
    if len(set(words)) != len(words) or any(not URL_WORD.match(str(w)) for w in words):
        return N_(
            "Each word must be different and written with lowercase letters, digits and "
            "hyphens only (it goes in addresses): %(words)s."
        ), {"words": ", ".join(map(str, words))}
    return None


def _check_lang(value: Any, settings: dict[str, Any]) -> str | None:
    if value not in DEFAULT_SECTIONS:
        return N_("The theme speaks French (fr) and English (en): set DEFAULT_LANG to fr or en.")
    return None


def _check_folders(value: Any, settings: dict[str, Any]) -> str | None:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v for v in value):
        return N_('Write a list of folder names under content/, like ["stories"].')
    return None


def _check_timezone(value: Any, settings: dict[str, Any]) -> str | None:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        return N_("“%(value)s” is not a time zone: write for example Europe/Paris."), {
            "value": str(value)
        }
    return None


def _check_pagination(value: Any, settings: dict[str, Any]) -> str | None:
    if value is False or (isinstance(value, int) and not isinstance(value, bool) and value > 0):
        return None
    return N_("Write how many items a list page shows (a whole number), or False for one page.")


SETTINGS = (
    Setting("TIMEZONE", "UTC", "The time zone dates are written in.", _check_timezone),
    Setting("DEFAULT_PAGINATION", 10, "Items per list page.", _check_pagination),
    # Pelican always provides DEFAULT_LANG (default "en"); this checks it.
    Setting("DEFAULT_LANG", "en", "The site's language: fr or en.", _check_lang),
    Setting("STORY_PATHS", ["stories"], "Folders of stories, under content/.", _check_folders),
    Setting(
        "TUTORIAL_PATHS", ["tutorials"], "Folders of tutorials, under content/.", _check_folders
    ),
    Setting("PAGE_PATHS", ["pages"], "Folders of pages, under content/.", _check_folders),
    Setting(
        "COMPTOIR_SECTIONS",
        DEFAULT_SECTIONS,
        "Per language, the words used in URLs (histoires, tutoriels, etiquettes…).",
        _check_sections,
    ),
    Setting(
        "HOME_STORIES",
        4,
        "How many of the latest stories the home page shows.",
        lambda v, _: None if isinstance(v, int) and v > 0 else N_("Write a whole number above 0."),
    ),
    Setting(
        "CONTENT_MAX_BYTES",
        1_000_000,
        "Largest Markdown file read, in bytes (a bigger one is refused, not read).",
        check_max_bytes,
    ),
)


def pelican_settings(build: Build) -> dict[str, Any]:
    """Pelican's URL settings and article folders, from ours."""
    settings = build.settings
    derived = url_settings(settings)
    derived["ARTICLE_PATHS"] = [*settings["STORY_PATHS"], *settings["TUTORIAL_PATHS"]]
    if build.preview:
        derived["WITH_FUTURE_DATES"] = True
    return derived


PLUGIN = Plugin("content", settings=SETTINGS, pelican=pelican_settings)


def on_readers_init(build: Build, readers: Any) -> None:
    """Read Markdown with the content contract."""
    reader = for_build(ComptoirMarkdownReader, build)
    for ext in ComptoirMarkdownReader.file_extensions:
        readers.reader_classes[ext] = reader


def freeze_addresses(items: list[Any]) -> None:
    """Work out each item's url and save_as once.

    Pelican recomputes them from the URL patterns on every access, and a
    site's templates ask thousands of times (lists, related, tags).
    """
    for item in items:
        if not hasattr(item, "override_url"):
            item.override_url = item.url
        if not hasattr(item, "override_save_as"):
            item.override_save_as = item.save_as


def on_articles_finalized(build: Build, generator: Any) -> None:
    """``stories``: the published stories, newest first."""
    freeze_addresses(
        [
            *generator.articles,
            *generator.translations,
            *generator.drafts,
            *generator.drafts_translations,
            *generator.hidden_articles,
            *generator.hidden_translations,
        ]
    )
    generator.context["stories"] = [
        a for a in generator.articles if getattr(a, "comptoir_kind", None) == "story"
    ]


def on_pages_finalized(build: Build, generator: Any) -> None:
    """Pages' addresses worked out once too: every page's menu links them."""
    names = ("pages", "translations", "hidden_pages", "hidden_translations")
    names += ("draft_pages", "draft_translations")
    freeze_addresses([page for name in names for page in getattr(generator, name, [])])


def drafts_of(generators: list[Any]) -> list[Any]:
    """Every draft story, tutorial and page of a build, in file order (a
    draft testimonial shows, marked, on the wall itself)."""
    return [
        content
        for content, state in contents(generators)
        if state == "draft" and getattr(content, "comptoir_kind", None) != "testimonial"
    ]


def list_drafts(build: Build, generators: list[Any]) -> None:
    """``preview_drafts`` for the home page of a preview (livereload, build
    --preview): the drafts are built at their own addresses, linked from
    nowhere else."""
    if build.preview and generators:
        generators[0].context["preview_drafts"] = drafts_of(generators)


def is_future(value: Any) -> bool:
    """Jinja test ``is future``: a preview marks posts not yet due."""
    return value > datetime.datetime.now(value.tzinfo)


def on_generator_init(build: Build, generator: Any) -> None:
    generator.env.tests["future"] = is_future


def on_first_generator(build: Build, generator: Any) -> None:
    """Read every Markdown file of the site on all cores, once per build."""
    settings = build.settings
    folders = [
        *settings["ARTICLE_PATHS"],
        *settings["PAGE_PATHS"],
        *settings.get("TESTIMONIAL_PATHS", []),
    ]
    root = settings["PATH"]
    paths = [
        os.path.join(root, path)
        for path in generator.get_files(folders, extensions=("md", "markdown", "mkd", "mdown"))
    ]
    prefetch(build, generator.readers.readers["md"], paths)


def register(build: Build) -> None:
    """Connect the reader, the problems' report and the lists to this build."""
    build.connect(signals.readers_init, on_readers_init)
    build.connect(signals.article_generator_context, take_problems)
    build.connect(signals.page_generator_context, take_problems)
    build.connect(signals.article_generator_finalized, on_articles_finalized)
    build.connect(signals.page_generator_finalized, on_pages_finalized)
    build.connect(signals.generator_init, on_generator_init)
    build.connect(signals.article_generator_init, on_first_generator)
    build.connect(signals.all_generators_finalized, split_faq_pages)
    build.connect(signals.all_generators_finalized, assign_feed_ids)
    build.connect(signals.all_generators_finalized, list_drafts)
