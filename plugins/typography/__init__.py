"""French typography for French content (no-break spaces, apostrophes)."""

from __future__ import annotations

from typing import Any

from pelican.plugins import signals

from comptoir.core.settings import Setting, true_or_false

from .french import french_html, french_text
from .markdown_ext import TypographyExtension

__all__ = ["french_html", "french_text", "register"]

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


def configure(settings: dict[str, Any]) -> None:
    """Typeset Markdown as it is converted, and the settings shown on every page."""
    extensions = settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    if not any(isinstance(ext, TypographyExtension) for ext in extensions):
        extensions.append(TypographyExtension())
    if not settings["COMPTOIR_TYPOGRAPHY"] or settings.get("DEFAULT_LANG") != "fr":
        return
    for key in ("SITENAME", "SITESUBTITLE"):
        if isinstance(settings.get(key), str):
            settings[key] = french_text(settings[key])
    business = dict(settings.get("BUSINESS") or {})
    if isinstance(business.get("description"), str):
        business["description"] = french_text(business["description"])
    cta = business.get("cta")
    if isinstance(cta, dict) and isinstance(cta.get("label"), str):
        business["cta"] = {**cta, "label": french_text(cta["label"])}
    settings["BUSINESS"] = business


def on_content_init(content: Any) -> None:
    """Typeset a French story, tutorial, testimonial or page once, when read."""
    settings = content.settings
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


def register() -> None:
    signals.content_object_init.connect(on_content_init)
