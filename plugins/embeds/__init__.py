"""Embeds: a card page per story, tutorial and testimonial under /embed/,
widgets for partners, a static oEmbed file per card with its discovery link,
and the two-line snippet shown on each page. It owns ``embed/`` in the
output and the snippet's functions; it loads no script from another host
and never overwrites a page of the owner's.

The snippet is a ``<blockquote class="comptoir-embed">`` that reads on its
own (text and a link back) plus ``embed.js``, which swaps it for the card in
a sandboxed iframe sized by the card's own ``postMessage``. See the README
("Embeds") for what an owner does with it. Owns ``embed/`` in the output.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup
from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.build.context import for_build
from comptoir.core.i18n import N_
from comptoir.core.plugin import Plugin
from comptoir.core.settings import Setting, true_or_false

from .addresses import ROOT, card_path, embeddable, info, is_testimonial, target_path, widget_paths
from .generator import EmbedsGenerator, frame_title, widget_title
from .oembed import SANDBOX

__all__ = ["PLUGIN", "SANDBOX", "EmbedsGenerator", "register"]

MAX_COUNT = 20


def _count(value: Any, _: dict) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_COUNT:
        return None
    return N_("Write a whole number from 1 to 20.")


SETTINGS = (
    Setting(
        "EMBEDS",
        True,
        "Embeddable cards, widgets, oEmbed files and copy/paste snippets (/embed/).",
        true_or_false,
    ),
    Setting("EMBED_LATEST_COUNT", 5, "How many stories the latest-stories widget shows.", _count),
    Setting(
        "EMBED_TESTIMONIALS_COUNT",
        3,
        "How many testimonials the testimonials widget shows.",
        _count,
    ),
)


PLUGIN = Plugin("embeds", settings=SETTINGS)


def get_generators(build: Build, pelican: Any) -> type:
    return for_build(EmbedsGenerator, build)


def _globals(build: Build) -> dict[str, Any]:
    """What templates call: ``embed_info(item)`` and ``embed_widget(which)``
    (addresses, title, kind; None when there is nothing to embed), and
    ``embed_code(blockquote, script)`` (the two lines to paste)."""
    settings = build.settings

    def embed_info(item: Any) -> dict[str, Any] | None:
        # Worked out at each call, not kept on the item: what a page reads
        # of a story must be read while it renders (build/reuse.py).
        if not embeddable(settings, item):
            return None
        path = card_path(settings, item)
        anchor = path.removeprefix(f"{ROOT}/").strip("/").replace("/", "-")
        found = info(settings, path, target_path(settings, item), anchor)
        kind = "testimonial" if is_testimonial(item) else item.comptoir_kind
        return {**found, "title": frame_title(build, item), "kind": kind}

    def embed_widget(which: str) -> dict[str, Any] | None:
        if not settings.get("EMBEDS"):
            return None
        paths = widget_paths(settings)
        found = info(settings, paths[which], paths[f"{which}_target"], f"widget-{which}")
        return {**found, "title": widget_title(build, which), "kind": "widget"}

    def embed_code(blockquote: str, script: str) -> str:
        # One line each, whatever the template's or the text's line breaks:
        # white space is never meaningful in the blockquote's text. ASCII
        # white space only: no-break spaces are the text's (French "Pourquoi ?").
        line = re.sub(r"[ \t\n\r\f\v]+", " ", str(blockquote)).strip(" ")
        return f'{line}\n<script async src="{Markup.escape(script)}"></script>'

    return {"embed_info": embed_info, "embed_widget": embed_widget, "embed_code": embed_code}


def on_generator_init(build: Build, generator: Any) -> None:
    generator.env.globals.update(_globals(build))


def register(build: Build) -> None:
    build.connect(signals.get_generators, get_generators)
    build.connect(signals.generator_init, on_generator_init)
