"""Sanitize a content file's HTML as the very last step of its conversion.

A postprocessor at the lowest priority: it sees the final HTML, after raw
HTML is put back and after every other step of the kit (pictures, steps,
footnotes, ids, typography), so it never removes what the kit wrote. What it
removes goes back as one warning naming it (``md.comptoir_problems``, with a
severity), so a pasted embed code is never silently lost.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from comptoir.core.i18n import N_
from comptoir.plugins.content.values import ValueProblem, parse_bool

from .policy import clean, removed

REMOVED = N_(
    "Removed from the page for safety: %(what)s. To show a video or a map, use the "
    "kit's embeds; to publish this file's HTML as written, add “Raw_html: true” to its header."
)
RAW_FILE = N_(
    "Raw HTML is allowed in this file (Raw_html: true): its HTML is published as "
    "written, without the safety filter."
)
RAW_KEPT = N_(
    "Raw HTML is allowed, so this is published as written, without the safety filter: %(what)s."
)
WHAT = {
    "element": N_("the <%(name)s> element"),
    "attribute": N_("the %(name)s attribute"),
    "link": N_("a %(name)s: link"),
}


def describe(gettext: Callable[..., str], found: list[tuple[str, str]]) -> str:
    """``the <script> element, the onclick attribute`` in the site's language
    (``gettext`` is the build's)."""
    return ", ".join(gettext(WHAT[kind], name=name) for kind, name in found)


def raw_in_header(md: Markdown) -> bool:
    """Whether the file's header says ``Raw_html: true``."""
    meta = getattr(md, "Meta", None) or {}
    value = " ".join(meta.get("raw_html") or meta.get("raw-html") or [])
    try:
        return bool(value) and parse_bool(value)
    except ValueProblem:
        return False  # the reader reports the value; meanwhile, stay safe


class SanitizePostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        settings = getattr(self.md, "comptoir_settings", None)
        build = getattr(self.md, "comptoir_build", None)
        if settings is None or build is None:
            return text
        problems = getattr(self.md, "comptoir_problems", [])
        found = removed(text)
        by_file = raw_in_header(self.md)
        if by_file or settings.get("CONTENT_RAW_HTML"):
            # Told (info) so the owner knows which pages skip the filter.
            if found:
                problems.append((RAW_KEPT, {"what": describe(build.gettext, found)}, "info"))
            elif by_file:
                problems.append((RAW_FILE, {}, "info"))
            return text
        if found:
            problems.append((REMOVED, {"what": describe(build.gettext, found)}, "warning"))
        return clean(text)


class SanitizeExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Below typography (0), the lowest of the kit: the very last step.
        md.postprocessors.register(SanitizePostprocessor(md), "comptoir_sanitize", -10)
