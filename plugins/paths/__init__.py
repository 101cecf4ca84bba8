"""Paths contained: nothing outside content/ is published, nothing is written
outside the output folder.

``{static}``, ``{attach}`` and ``{filename}`` references are checked as each
Markdown file is read (a reference leading outside content/ is refused with
its line, and the file is not built); static files that are symlinks to
elsewhere, or that would be written outside the output folder, are dropped
and named. Images are checked by the images plugin (same rule).
"""

from __future__ import annotations

from typing import Any

from pelican.plugins import signals

from .markdown_ext import PathsExtension
from .static import on_static_finalized

SETTINGS = ()


def configure(settings: dict[str, Any]) -> None:
    """Add the Markdown extension that checks references."""
    markdown = settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    if not any(isinstance(ext, PathsExtension) for ext in extensions):
        extensions.append(PathsExtension())


def register() -> None:
    signals.static_generator_finalized.connect(on_static_finalized)
