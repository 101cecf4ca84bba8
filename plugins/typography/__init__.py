"""French typography for French content: no-break spaces, apostrophes. It
owns the typesetting of French text: the Markdown body and Summary as they
are converted, the plain-text fields of each item, and the site's name,
subtitle and business as every page shows them (``build.site``). Never
inside code or addresses, never on another language's text.
"""

from __future__ import annotations

from typing import Any

from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.plugin import Plugin
from comptoir.core.settings import Setting, true_or_false

from .french import french_html, french_text
from .markdown_ext import TypographyExtension

__all__ = ["PLUGIN", "french_html", "french_text", "register"]

SETTINGS = (
    Setting(
        "COMPTOIR_TYPOGRAPHY",
        True,
        "Apply French typography (no-break spaces before ; : ! ?, ’) to French content.",
        true_or_false,
    ),
)

# Plain-text metadata shown to readers; HTML fields are handled separately.
TEXT_KEYS = ("title", "name", "role", "location", "yield", "difficulty")
LIST_KEYS = ("supplies", "tools")


def site_values(build: Build) -> dict[str, Any] | None:
    """The site's name, subtitle and business profile, typeset as every page
    shows them (a French site)."""
    settings = build.settings
    if not settings["COMPTOIR_TYPOGRAPHY"] or settings.get("DEFAULT_LANG") != "fr":
        return None
    site = build.site
    values = {
        key: french_text(site[key]) for key in ("name", "subtitle") if isinstance(site[key], str)
    }
    business = dict(site["business"])
    if isinstance(business.get("description"), str):
        business["description"] = french_text(business["description"])
    cta = business.get("cta")
    if isinstance(cta, dict) and isinstance(cta.get("label"), str):
        business["cta"] = {**cta, "label": french_text(cta["label"])}
    return {**values, "business": business}


PLUGIN = Plugin("typography", settings=SETTINGS, markdown=(TypographyExtension,), start=site_values)


def on_content_init(build: Build, content: Any) -> None:
    """Typeset a French story, tutorial, testimonial or page once, when read."""
    settings = build.settings
    if not settings.get("COMPTOIR_TYPOGRAPHY", True) or not hasattr(content, "_content"):
        return
    if str(getattr(content, "lang", settings.get("DEFAULT_LANG"))).lower() != "fr":
        return
    # The body and the Summary were typeset while Markdown converted them
    # (TypographyExtension); only an HTML body read some other way is left.
    if content._content and not getattr(content, "comptoir_kind", None):
        content._content = french_html(content._content)
    for key in TEXT_KEYS:
        value = getattr(content, key, None)
        if isinstance(value, str):
            setattr(content, key, french_text(value))
    for key in LIST_KEYS:
        value = getattr(content, key, None)
        if isinstance(value, list):
            setattr(content, key, [french_text(item) for item in value])
    # A tutorial's steps, as found by comptoir.plugins.tutorials: [{"name", "text"}].
    steps = getattr(content, "steps", None)
    if isinstance(steps, list):
        content.steps = [{k: french_text(v) for k, v in step.items()} for step in steps]


def register(build: Build) -> None:
    build.connect(signals.content_object_init, on_content_init)
