"""Testimonials: customers' own words, with consent, on a wall and on stories."""

from __future__ import annotations

from typing import Any

from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins import signals

from comptoir.core.i18n import N_
from comptoir.core.settings import Setting
from comptoir.plugins.content.problems import take_problems

from .generator import Testimonial, TestimonialsGenerator, testimonial_generator_context
from .links import link

__all__ = ["Testimonial", "TestimonialsGenerator", "register"]

SETTINGS = (
    Setting("TESTIMONIAL_PATHS", ["testimonials"], "Folders of testimonials, under content/."),
    Setting(
        "HOME_TESTIMONIALS",
        3,
        "How many testimonials the home page shows.",
        lambda v, _: None if isinstance(v, int) and v >= 0 else N_("Write a whole number."),
    ),
)


def configure(settings: dict[str, Any]) -> None:
    """The wall's address, in the site's words (/temoignages/)."""
    word = settings["COMPTOIR_SECTIONS"][settings["DEFAULT_LANG"]]["testimonials"]
    settings.update(
        TESTIMONIAL_URL=f"{word}/#t-{{slug}}",
        TESTIMONIAL_SAVE_AS="",
        TESTIMONIAL_LANG_URL=f"{word}/#t-{{slug}}",
        TESTIMONIAL_LANG_SAVE_AS="",
        TESTIMONIALS_URL=f"{word}/",
        TESTIMONIALS_SAVE_AS=f"{word}/index.html",
    )
    # Testimonials are not articles or pages; keep Pelican's generators out.
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        settings[key] = [*settings.get(key, []), *settings["TESTIMONIAL_PATHS"]]


def get_generators(pelican: Any) -> type:
    return TestimonialsGenerator


def on_all_generators_finalized(generators: list[Any]) -> None:
    """Attach testimonials to stories; report slugs that name nothing."""
    found = {type(g): g for g in generators}
    articles_gen = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages_gen = next(g for g in generators if isinstance(g, PagesGenerator))
    wall = found.get(TestimonialsGenerator)
    if wall is None:
        return
    others = [*pages_gen.pages, *articles_gen.drafts, *articles_gen.hidden_articles]
    link(
        wall.settings,
        articles_gen.articles,
        articles_gen.translations,
        wall.testimonials,
        wall.testimonial_slugs,
        others,
    )


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    testimonial_generator_context.connect(take_problems)
