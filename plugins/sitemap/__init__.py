"""sitemap.xml and robots.txt (see build.py), and the settings of the head's
search and social tags (written by the theme's base.html)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins import signals

from comptoir.core.i18n import N_
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
KEY = "COMPTOIR_SITEMAP_SOURCES"


def _absolute(settings: dict[str, Any]) -> str | None:
    siteurl = str(settings.get("SITEURL") or "")
    preview = settings.get("COMPTOIR_PREVIEW")
    return (
        siteurl.rstrip("/") if siteurl.startswith(("http://", "https://")) and not preview else None
    )


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


def on_all_generators_finalized(generators: list[Any]) -> None:
    """Remember the published articles and pages (drafts never get in)."""
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    pages = next((g for g in generators if isinstance(g, PagesGenerator)), None)
    if articles is None or pages is None:
        return
    items = [*articles.articles, *articles.translations, *pages.pages, *pages.translations]
    articles.settings[KEY] = (items, articles.articles)


def on_finalized(pelican: Any) -> None:
    """Write robots.txt, and sitemap.xml when the site has an absolute SITEURL."""
    settings = pelican.settings
    output = Path(pelican.output_path)
    siteurl = _absolute(settings)
    (output / "robots.txt").write_text(
        robots(siteurl, settings["ROBOTS_BLOCK_AI"]), encoding="utf-8"
    )
    if siteurl is None or KEY not in settings:
        return
    items, listed = settings[KEY]
    newest = max((getattr(a, "modified", None) or a.date for a in listed), default=None)
    entries = [Entry(f"{siteurl}/", newest)]
    entries += [_entry(item, siteurl) for item in items if item.status == "published"]
    for name, text in sitemap_files(entries, siteurl).items():
        (output / name).write_text(text, encoding="utf-8")


def register() -> None:
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.finalized.connect(on_finalized)
