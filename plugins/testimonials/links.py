"""Tie testimonials to the stories and tutorials they speak of.

A story names testimonials (``Testimonials: slug, slug``); a testimonial may
name what it is about (``About: slug``). Both directions end up on the story
as ``testimonial_items``; a slug that names nothing is an error on the file
that wrote it, with its line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pelican.utils import slugify

from comptoir.core.i18n import N_
from comptoir.plugins.content.collisions import Claims
from comptoir.plugins.content.reader import LINES

if TYPE_CHECKING:
    from comptoir.core.build import Build


def _dangling(build: Build, item: Any, key: str, message: str, slug: str) -> None:
    """Report a slug that names nothing, on the file and line that wrote it."""
    build.report.add(
        item.source_path,
        build.gettext(message, slug=slug),
        key=key,
        line=getattr(item, LINES, {}).get(key),
    )


def link(
    build: Build,
    originals: list[Any],
    translations: list[Any],
    testimonials: list[Any],
    existing: set[str],
    others: list[Any],
) -> None:
    """Attach testimonials to articles and report dangling slugs.

    ``existing`` holds the slug of every testimonial file (drafts included:
    naming a draft is fine, it just does not show); ``others`` are the pages
    and unpublished articles an ``About`` may also name. ``About`` points at
    the original (site-language) story, never at its translation.
    """
    failed = build.part(Claims).failed_slugs
    subs = build.settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
    by_slug = {t.slug: t for t in testimonials}
    article_slugs = {a.slug: a for a in originals}
    known_targets = set(article_slugs) | {getattr(o, "slug", "") for o in others} | failed
    for article in [*originals, *translations]:
        items = []
        for name in getattr(article, "testimonials", None) or []:
            slug = slugify(name, regex_subs=subs)
            if slug not in existing and slug not in failed:
                message = N_(
                    "No testimonial is called “%(slug)s”: use the name of a file in "
                    "content/testimonials/ without .md."
                )
                _dangling(build, article, "testimonials", message, name)
            elif slug in by_slug:
                items.append(by_slug[slug])
        article.testimonial_items = items
    for testimonial in testimonials:
        about = getattr(testimonial, "about", None)
        if not about:
            continue
        target = article_slugs.get(slugify(about, regex_subs=subs))
        testimonial.about_item = target
        if target is not None:
            if testimonial not in target.testimonial_items:
                target.testimonial_items.append(testimonial)
        elif about not in known_targets:
            message = N_(
                "Nothing on the site is called “%(slug)s”: write the Slug of a story or tutorial."
            )
            _dangling(build, testimonial, "about", message, about)
    # A translation shows its original's testimonials (marked as French by
    # the theme) unless it names its own.
    for translation in translations:
        if translation.testimonial_items:
            continue
        for original in getattr(translation, "translations", []):
            if original.in_default_lang:
                translation.testimonial_items = list(getattr(original, "testimonial_items", []))
