"""Paths contained: nothing outside content/ is published, nothing is written
outside the output folder. It owns the checks of ``{static}``, ``{attach}``
and ``{filename}`` references as each file is read, and of static files
before they are copied. It refuses and names; it never rewrites a file.

``{static}``, ``{attach}`` and ``{filename}`` references are checked as each
Markdown file is read (a reference leading outside content/ is refused with
its line, and the file is not built); static files that are symlinks to
elsewhere, or that would be written outside the output folder, are dropped
and named. Images are checked by the images plugin (same rule).
"""

from __future__ import annotations

from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.plugin import Plugin

from .markdown_ext import PathsExtension
from .static import on_static_finalized

PLUGIN = Plugin("paths", markdown=(PathsExtension,))


def register(build: Build) -> None:
    build.connect(signals.static_generator_finalized, on_static_finalized)
