"""French typography as the last step of Markdown conversion.

Done inside Markdown (a postprocessor on the final HTML of the body and of
the summary) so it runs wherever the file is read — in the parallel reading
processes too — instead of once more afterwards in the main process.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from .french import french_html


class FrenchPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        settings = getattr(self.md, "comptoir_settings", None)
        if settings is None or not settings.get("COMPTOIR_TYPOGRAPHY", True):
            return text
        meta = getattr(self.md, "Meta", {}) or {}
        lang = (meta.get("lang") or [settings.get("DEFAULT_LANG", "")])[0]
        return french_html(text) if str(lang).strip().lower() == "fr" else text


class TypographyExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Lowest priority: after raw HTML is put back and entities restored.
        md.postprocessors.register(FrenchPostprocessor(md), "comptoir_french", 0)
