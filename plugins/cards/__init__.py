"""Share images: a 1200×630 card for each story and tutorial (Open Graph, X),
and the cover cropped to 16:9, 4:3 and 1:1 for structured data. It owns the
build's :class:`~.registry.Cards`, their cache under
``cache/comptoir-images/cards/`` and ``social/`` in the output. It draws
nothing for a draft, and reads covers and the logo from the images plugin.

Drawn with Pillow in the build's last step, on every core, and only when
one of a card's inputs changed (see registry.py). Templates read
``item.social_card`` (og:image) and ``item.social_images`` (JSON-LD). Owns
the build's :class:`~.registry.Cards` and ``social/`` in the output.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.i18n import N_
from comptoir.core.plugin import Plugin
from comptoir.core.settings import Setting
from comptoir.plugins.images.registry import RASTER, Images

from .draw import HEIGHT, WIDTH, Job
from .registry import Cards

FONT_ROLES = ("title", "text")
LABELS = {"story": N_("Story"), "recipe": N_("Recipe"), "howto": N_("How-to")}


def _fonts(value: Any, settings: dict) -> str | tuple[str, dict] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != set(FONT_ROLES):
        return N_(
            'Write {"title": "fonts/Title.ttf", "text": "fonts/Text.ttf"} (TrueType or OpenType files).'
        )
    for role in FONT_ROLES:
        path = _font_path(str(value[role]), settings)
        if not path.is_file():
            return N_("The font file “%(value)s” does not exist."), {"value": str(value[role])}
    return None


def _font_path(name: str, settings: dict) -> Path:
    # Relative to the project folder (the one holding content/).
    return (Path(settings["PATH"]).parent / name).resolve()


SETTINGS = (
    Setting("SOCIAL_CARDS", True, "Draw share images for stories and tutorials."),
    Setting(
        "SOCIAL_CARD_FONTS",
        None,
        'Fonts of the share images: {"title": path, "text": path} (default: Lato, in the theme).',
        _fonts,
    ),
)


def set_up(build: Build) -> None:
    """Resolve the card fonts (the owner's, else the theme's Lato); without
    them, no cards, and the owner is told."""
    settings = build.settings
    cards = build.part(Cards)
    chosen = settings.get("SOCIAL_CARD_FONTS")
    theme = Path(settings.get("THEME", "theme")) / "fonts"
    fonts = {
        "title": _font_path(chosen["title"], settings) if chosen else theme / "Lato-Bold.ttf",
        "text": _font_path(chosen["text"], settings) if chosen else theme / "Lato-Regular.ttf",
    }
    cards.enabled = bool(settings.get("SOCIAL_CARDS"))
    if cards.enabled and not all(path.is_file() for path in fonts.values()):
        build.report.add(
            "pelicanconf.py",
            build.gettext(
                "This theme has no fonts/Lato-Bold.ttf: set SOCIAL_CARD_FONTS to your own fonts."
            ),
            key="SOCIAL_CARD_FONTS",
        )
        cards.enabled = False
    cards.fonts = {role: str(path) for role, path in fonts.items()}


# After images (covers and the logo) and typography (the title as shown).
PLUGIN = Plugin("cards", settings=SETTINGS, start=set_up, after=("images", "typography"))


def _footer(build: Build) -> str:
    host = urlsplit(str(build.settings.get("SITEURL") or "")).hostname
    return host or str(build.site["name"])


def _label(build: Build, content: Any) -> str:
    kind = content.comptoir_kind
    if kind == "tutorial":
        kind = "recipe" if getattr(content, "kind", "howto") == "recipe" else "howto"
    label = build.language(getattr(content, "lang", None)).gettext(LABELS[kind])
    return label if build.site.get("logo") else f"{build.site['name']} · {label}"


def _logo(cards: Any, source: str) -> str | None:
    # Any failure (a broken PNG, an SVG resvg refuses): the card goes
    # without; the images plugin reports a broken logo by name.
    try:
        return cards.logo(source)
    except Exception:
        return None


def _public(build: Build, content: Any) -> bool:
    # Pelican makes a future post a draft only after this signal.
    date = getattr(content, "date", None)
    if date is not None and not build.settings.get("WITH_FUTURE_DATES", True):
        now = dt.datetime.now(date.tzinfo) if date.tzinfo else dt.datetime.now()
        if date > now:
            return False
    return content.status == "published"


def on_content_init(build: Build, content: Any) -> None:
    """Plan the share image and crops of a story or tutorial."""
    settings = build.settings
    images, cards = build.part(Images), build.part(Cards)
    kind = getattr(content, "comptoir_kind", None)
    if not cards.enabled or kind not in ("story", "tutorial"):
        return
    if not build.preview and not _public(build, content):
        return  # a draft's title must not reach the output, even as a picture
    brand = settings.get("BRAND", {})
    # The cover as the images plugin found it (None if it could not use it).
    source = (getattr(content, "cover", None) or {}).get("source")
    plan = images.plans.get(source) if source and source.lower().endswith(RASTER) else None
    photo = str(images.content_root / plan.source) if plan else None
    # Only a logo the images plugin could read (else it reported why).
    logo = brand.get("logo") if build.site.get("logo") else None
    fonts = cards.fonts
    job = Job(
        target="",
        kind="card",
        photo=photo,
        title=content.title,
        label=_label(build, content),
        footer=_footer(build),
        logo=_logo(cards, str(images.content_root / logo)) if logo else None,
        background=brand.get("background", "#ffffff"),
        text=brand.get("text", "#000000"),
        primary=brand.get("primary", "#000000"),
        title_font=fonts["title"],
        text_font=fonts["text"],
    )
    name = cards.card(job, content.slug, plan.digest if plan else "", content.source_path)
    content.social_card = {
        "src": images.url(name),
        "width": WIDTH,
        "height": HEIGHT,
        "alt": content.title,
        "type": "image/jpeg",
    }
    crops = cards.crops(photo, plan, job.background, content.source_path) if plan else []
    content.social_images = [
        {"url": images.url(c["path"]), "width": c["width"], "height": c["height"]} for c in crops
    ] or [{"url": content.social_card["src"], "width": WIDTH, "height": HEIGHT}]


def on_finalized(build: Build, pelican: Any) -> None:
    """Draw the missing share images and link them into the output."""
    settings = build.settings
    cards, report = build.part(Cards), build.report
    if not cards.enabled:
        return
    problems = cards.draw_missing()
    # A photo that cannot be drawn could not be encoded either: the images
    # plugin has said so, naming the file. Say it here only if nobody did.
    for source, problem in problems if not report.errors else []:
        report.add(
            os.path.join(settings["PATH"], source) if not os.path.isabs(source) else source,
            problem.translated(settings),
        )
    cards.publish(Path(pelican.output_path), build.in_place())
    report.stats["cards"] = {
        "planned": len(cards.links),
        "drawn": cards.drawn,
        "seconds": round(cards.seconds, 3),
    }


def register(build: Build) -> None:
    build.connect(signals.content_object_init, on_content_init)
    build.connect(signals.finalized, on_finalized)
