"""Tutorials: steps found in the body, times, supplies and a video facade.

The video is shown as a plain link to the video's page, which a small script
turns into the player only when the reader clicks: nothing loads from the
video host before the reader asks (PRODUCT.md, privacy).
"""

from __future__ import annotations

from typing import Any

from .steps import StepsExtension

__all__ = ["StepsExtension", "configure", "register"]


def configure(settings: dict[str, Any]) -> None:
    """Add the steps extension to Pelican's Markdown settings."""
    markdown = settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    if not any(isinstance(ext, StepsExtension) for ext in extensions):
        extensions.append(StepsExtension())


def register() -> None:
    """Nothing to connect: the work happens in the Markdown extension."""
