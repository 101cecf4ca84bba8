"""Tie testimonials to the stories and tutorials they speak of.

A story names testimonials (``Testimonials: slug, slug``); a testimonial may
name what it is about (``About: slug``). Both directions end up on the story
as ``testimonial_items``; a slug that names nothing is an error on the file
that wrote it, with its line.
"""

from __future__ import annotations

from typing import Any

from comptoir.build.report import report_of
from comptoir.content.reader import LINES
from comptoir.i18n import site_gettext


def _line(item: Any, key: str) -> int | None:
    return getattr(item, LINES, {}).get(key)


def link(
    settings: dict[str, Any],
    articles: list[Any],
    testimonials: list[Any],
    existing: set[str],
    others: list[Any],
) -> None:
    """Attach testimonials to articles and report dangling slugs.

    ``existing`` holds every testimonial file name (drafts included: naming a
    draft is fine, it just does not show); ``others`` are the pages and
    unpublished articles an ``About`` may also name.
    """
    report = report_of(settings)
    by_slug = {t.slug: t for t in testimonials}
    article_slugs = {a.slug: a for a in articles}
    known_targets = (
        set(article_slugs) | {getattr(o, "slug", "") for o in others} | report.failed_slugs
    )
    for article in articles:
        items = []
        for slug in getattr(article, "testimonials", None) or []:
            if slug not in existing and slug not in report.failed_slugs:
                report.add(
                    article.source_path,
                    site_gettext(
                        settings,
                        "No testimonial is called “%(slug)s”: use the name of a file in "
                        "content/testimonials/ without .md.",
                        slug=slug,
                    ),
                    key="testimonials",
                    line=_line(article, "testimonials"),
                )
            elif slug in by_slug:
                items.append(by_slug[slug])
        article.testimonial_items = items
    for testimonial in testimonials:
        about = getattr(testimonial, "about", None)
        if not about:
            continue
        target = article_slugs.get(about)
        testimonial.about_item = target
        if target is not None:
            if testimonial not in target.testimonial_items:
                target.testimonial_items.append(testimonial)
        elif about not in known_targets:
            report.add(
                testimonial.source_path,
                site_gettext(
                    settings,
                    "Nothing on the site is called “%(slug)s”: write the Slug of a story or "
                    "tutorial.",
                    slug=about,
                ),
                key="about",
                line=_line(testimonial, "about"),
            )
