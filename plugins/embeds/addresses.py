"""Where each embed lives, and the addresses its snippet and oEmbed name.

A card mirrors the page it stands for under ``embed/``: the story
``histoires/<slug>/`` has its card at ``embed/histoires/<slug>/`` (a
translation ``en/histoires/<slug>/`` at ``embed/en/histoires/<slug>/``), the
testimonial ``<slug>`` of the wall at ``embed/temoignages/<slug>/``. The two
widgets sit at the list they summarise: ``embed/histoires/`` (latest
stories) and ``embed/temoignages/``. ``embed/`` itself is the page for
partners. Each card folder also holds its ``oembed.json``.
"""

from __future__ import annotations

from typing import Any

from comptoir.plugins.testimonials import Testimonial

ROOT = "embed"
OEMBED = "oembed.json"
KINDS = ("story", "tutorial")


def site_root(settings: dict[str, Any]) -> str:
    return str(settings.get("SITEURL") or "").rstrip("/")


def is_absolute(settings: dict[str, Any]) -> bool:
    """True on a build for publishing: full https:// addresses a partner can
    paste. A development or preview build has paths only (see the README)."""
    return site_root(settings).startswith(("http://", "https://")) and not settings.get(
        "COMPTOIR_PREVIEW"
    )


def is_testimonial(item: Any) -> bool:
    return isinstance(item, Testimonial)


def embeddable(settings: dict[str, Any], item: Any) -> bool:
    """A published story, tutorial or testimonial, on a site with EMBEDS on."""
    if not settings.get("EMBEDS") or getattr(item, "status", None) != "published":
        return False
    return is_testimonial(item) or getattr(item, "comptoir_kind", None) in KINDS


def words(settings: dict[str, Any]) -> dict[str, str]:
    return settings["COMPTOIR_SECTIONS"][settings["DEFAULT_LANG"]]


def card_path(settings: dict[str, Any], item: Any) -> str:
    """``embed/…/`` of a story, tutorial or testimonial (no leading slash)."""
    if is_testimonial(item):
        return f"{ROOT}/{words(settings)['testimonials']}/{item.slug}/"
    return f"{ROOT}/{item.url}"


def target_path(settings: dict[str, Any], item: Any) -> str:
    """The real page the card stands for: the story, or the testimonial's
    place on the wall (testimonials have no page of their own)."""
    if is_testimonial(item):
        return f"{settings['TESTIMONIALS_URL']}#t-{item.slug}"
    return item.url


def widget_paths(settings: dict[str, Any]) -> dict[str, str]:
    """The widgets' ``embed/…/`` folders, and the lists they stand for."""
    section = words(settings)
    return {
        "stories": f"{ROOT}/{section['stories']}/",
        "stories_target": f"{section['stories']}/",
        "testimonials": f"{ROOT}/{section['testimonials']}/",
        "testimonials_target": settings.get("TESTIMONIALS_URL") or f"{section['testimonials']}/",
    }


def info(settings: dict[str, Any], path: str, target: str, anchor: str) -> dict[str, Any]:
    """What templates write about one embed: its card, the real page, the
    oEmbed file (only with absolute addresses), the script, an HTML id."""
    site = site_root(settings)
    absolute = is_absolute(settings)
    return {
        "card": f"{site}/{path}",
        "target": f"{site}/{target}",
        "oembed": f"{site}/{path}{OEMBED}" if absolute else None,
        "script": f"{site}/{settings['THEME_STATIC_DIR']}/js/embed.js",
        "partners": f"{site}/{ROOT}/",
        "absolute": absolute,
        "id": f"c-embed-{anchor}",
    }
