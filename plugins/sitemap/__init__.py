"""sitemap.xml and robots.txt (see build.py), and the settings of the head's
search and social tags (written by the theme's base.html). It owns those two
files: it reads the published articles and pages once every generator is
done and writes at the end of the build; drafts never get in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.i18n import N_
from comptoir.core.plugin import Plugin
from comptoir.core.settings import Setting

from .build import Entry, robots, sitemap_files


def _verification(value: Any, _: dict) -> str | None:
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return None
    return N_('Write a dict of names and codes, like {"google-site-verification": "…"}.')


SETTINGS = (
    Setting(
        "ROBOTS_BLOCK_AI",
        False,
        "Refuse the crawlers that gather text to train AI models (robots.txt).",
    ),
    Setting("SEO_FEDIVERSE_CREATOR", "", "Your fediverse handle, e.g. @boulangerie@piaille.fr."),
    Setting("SEO_VERIFICATION", {}, "Site-verification tags: {name: code}.", _verification),
)
PLUGIN = Plugin("sitemap", settings=SETTINGS)


@dataclass(eq=False)
class Published:
    """The published articles and pages of one build (a part of it)."""

    build: Build
    items: list[Any] = field(default_factory=list)
    articles: list[Any] = field(default_factory=list)
    known: bool = False


def _absolute(build: Build) -> str | None:
    siteurl = str(build.settings.get("SITEURL") or "")
    absolute = siteurl.startswith(("http://", "https://")) and not build.preview
    return siteurl.rstrip("/") if absolute else None


def _entry(item: Any, siteurl: str) -> Entry:
    lastmod = getattr(item, "modified", None) or getattr(item, "date", None)
    images = []
    cover = getattr(item, "cover", None)
    if cover and cover.get("src", "").startswith(("http://", "https://")):
        images.append((cover["src"], cover.get("alt", "")))
    for src, alt in getattr(item, "body_images", None) or []:
        if src.startswith(("http://", "https://")) and (src, alt) not in images:
            images.append((src, alt))
    alternates = []
    translations = getattr(item, "translations", [])
    if translations:
        group = sorted([item, *translations], key=lambda t: t.lang)
        alternates = [(t.lang, f"{siteurl}/{t.url}") for t in group]
        original = next((t for t in group if t.in_default_lang), item)
        alternates.append(("x-default", f"{siteurl}/{original.url}"))
    return Entry(f"{siteurl}/{item.url}", lastmod, images, alternates)


def on_all_generators_finalized(build: Build, generators: list[Any]) -> None:
    """Remember the published articles and pages (drafts never get in)."""
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    pages = next((g for g in generators if isinstance(g, PagesGenerator)), None)
    if articles is None or pages is None:
        return
    published = build.part(Published)
    published.items = [
        *articles.articles,
        *articles.translations,
        *pages.pages,
        *pages.translations,
    ]
    published.articles, published.known = articles.articles, True


def on_finalized(build: Build, pelican: Any) -> None:
    """Write robots.txt, and sitemap.xml when the site has an absolute SITEURL."""
    output = Path(pelican.output_path)
    siteurl = _absolute(build)
    (output / "robots.txt").write_text(
        robots(siteurl, build.settings["ROBOTS_BLOCK_AI"]), encoding="utf-8"
    )
    published = build.part(Published)
    if siteurl is None or not published.known:
        return
    items, listed = published.items, published.articles
    newest = max((getattr(a, "modified", None) or a.date for a in listed), default=None)
    entries = [Entry(f"{siteurl}/", newest)]
    entries += [_entry(item, siteurl) for item in items if item.status == "published"]
    for name, text in sitemap_files(entries, siteurl).items():
        (output / name).write_text(text, encoding="utf-8")


def register(build: Build) -> None:
    build.connect(signals.all_generators_finalized, on_all_generators_finalized)
    build.connect(signals.finalized, on_finalized)
