"""Safe content by default: a file's HTML passes an allow-list sanitizer.

Each story, tutorial, testimonial and page is cleaned once, as it is read
(see :mod:`.markdown_ext`): no ``<script>``, ``<style>``, ``<iframe>``, event
handler, ``style`` attribute or ``javascript:``/``vbscript:``/``data:`` link
reaches a page, and what was removed is told as a warning naming the file.
An owner opts one file in to raw HTML with ``Raw_html: true`` in its header,
or the whole site with ``CONTENT_RAW_HTML = True``; each file that uses it is
told as an info.
"""

from __future__ import annotations

from typing import Any

from comptoir.core.settings import Setting, true_or_false

from .markdown_ext import SanitizeExtension

SETTINGS = (
    Setting(
        "CONTENT_RAW_HTML",
        False,
        "Publish the HTML of every content file as written, without the safety filter.",
        true_or_false,
    ),
)


def configure(settings: dict[str, Any]) -> None:
    """Add the Markdown extension that cleans each file's HTML."""
    extensions = settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    if not any(isinstance(ext, SanitizeExtension) for ext in extensions):
        extensions.append(SanitizeExtension())


def register() -> None:
    """Nothing to connect: the work happens in the Markdown extension."""
