"""Testimonials: customers' own words, with consent, on a wall and on stories.
It owns the testimonials generator (content/testimonials/ to the wall at
``/temoignages/``), its addresses and the links between testimonials and
the stories they speak of. Files are read and checked by the content
plugin; nothing is published without consent.
"""

from __future__ import annotations

from typing import Any

from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.build.context import for_build
from comptoir.core.i18n import N_
from comptoir.core.plugin import Plugin
from comptoir.core.settings import Setting
from comptoir.plugins.content.problems import take_problems

from .generator import Testimonial, TestimonialsGenerator, testimonial_generator_context
from .links import link

__all__ = ["PLUGIN", "Testimonial", "TestimonialsGenerator", "register"]

SETTINGS = (
    Setting("TESTIMONIAL_PATHS", ["testimonials"], "Folders of testimonials, under content/."),
    Setting(
        "HOME_TESTIMONIALS",
        3,
        "How many testimonials the home page shows.",
        lambda v, _: None if isinstance(v, int) and v >= 0 else N_("Write a whole number."),
    ),
)


def pelican_settings(build: Build) -> dict[str, Any]:
    """The wall's address, in the site's words (/temoignages/), and the
    testimonials' folders kept from Pelican's own generators."""
    settings = build.settings
    word = settings["COMPTOIR_SECTIONS"][settings["DEFAULT_LANG"]]["testimonials"]
    derived: dict[str, Any] = {
        "TESTIMONIAL_URL": f"{word}/#t-{{slug}}",
        "TESTIMONIAL_SAVE_AS": "",
        "TESTIMONIAL_LANG_URL": f"{word}/#t-{{slug}}",
        "TESTIMONIAL_LANG_SAVE_AS": "",
        "TESTIMONIALS_URL": f"{word}/",
        "TESTIMONIALS_SAVE_AS": f"{word}/index.html",
    }
    # Testimonials are not articles or pages; keep Pelican's generators out.
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        derived[key] = [*settings.get(key, []), *settings["TESTIMONIAL_PATHS"]]
    return derived


# After content: its reader reads the testimonials, its report takes their problems.
PLUGIN = Plugin("testimonials", settings=SETTINGS, pelican=pelican_settings, after=("content",))


def get_generators(build: Build, pelican: Any) -> type:
    return for_build(TestimonialsGenerator, build)


def on_all_generators_finalized(build: Build, generators: list[Any]) -> None:
    """Attach testimonials to stories; report slugs that name nothing."""
    articles_gen = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages_gen = next(g for g in generators if isinstance(g, PagesGenerator))
    wall = next((g for g in generators if isinstance(g, TestimonialsGenerator)), None)
    if wall is None:
        return
    others = [*pages_gen.pages, *articles_gen.drafts, *articles_gen.hidden_articles]
    link(
        build,
        articles_gen.articles,
        articles_gen.translations,
        wall.testimonials,
        wall.testimonial_slugs,
        others,
    )


def register(build: Build) -> None:
    build.connect(signals.get_generators, get_generators)
    build.connect(signals.all_generators_finalized, on_all_generators_finalized)
    build.connect(testimonial_generator_context, take_problems)
