"""Safe content by default: every content file's HTML passes an allow-list
sanitizer. It owns the allow-list (policy.py) and the cleaning of each
story, tutorial, testimonial and page, Markdown or HTML. It never removes
what the kit itself wrote, and tells what it removed as a warning naming
the file.

Each story, tutorial, testimonial and page is cleaned once, as it is read
(see :mod:`.markdown_ext`): no ``<script>``, ``<style>``, ``<iframe>``, event
handler, ``style`` attribute or ``javascript:``/``vbscript:``/``data:`` link
reaches a page, and what was removed is told as a warning naming the file.
A file Pelican reads some other way (an ``.html`` page dropped into
content/) is cleaned the same way when it is made. An owner opts one file in
to raw HTML with ``Raw_html: true`` in its header, or the whole site with
``CONTENT_RAW_HTML = True``; each file that uses it is told as an info.
"""

from __future__ import annotations

from typing import Any

from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.plugin import Plugin
from comptoir.core.settings import Setting, true_or_false

from .markdown_ext import REMOVED, SanitizeExtension, describe
from .policy import clean, removed

SETTINGS = (
    Setting(
        "CONTENT_RAW_HTML",
        False,
        "Publish the HTML of every content file as written, without the safety filter.",
        true_or_false,
    ),
)

# After typography: a body typeset, then cleaned, as Markdown does it.
PLUGIN = Plugin("sanitize", settings=SETTINGS, markdown=(SanitizeExtension,), after=("typography",))


def on_content_init(build: Build, content: Any) -> None:
    """Clean the HTML of a file that Comptoir's Markdown reader did not read
    (that one is cleaned as it is converted)."""
    body = getattr(content, "_content", None)
    if getattr(content, "comptoir_kind", None) or not body or build.settings["CONTENT_RAW_HTML"]:
        return
    found = removed(body)
    if found:
        content._content = clean(body)
        message = build.gettext(REMOVED, what=describe(build.gettext, found))
        build.report.add(content.source_path, message, severity="warning")


def register(build: Build) -> None:
    build.connect(signals.content_object_init, on_content_init)
