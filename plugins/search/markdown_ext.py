"""The text a story is found by, taken as Markdown finishes its file.

Taken from the final HTML (after the safety filter) in whichever process
reads the file, it travels with the rest of what was read, into Pelican's
read cache too: an unchanged story is not turned from HTML into text again
at each build (1.6 s at 10,000 stories). Links are filled in later
(``{filename}``…), but only inside attributes, which text leaves out.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from comptoir.core.i18n.text import plain_text

# The metadata key: Comptoir's own prefix, so no header line can set it.
SEARCH_TEXT = "comptoir_search_text"


class SearchTextPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        meta = getattr(self.md, "comptoir_meta", None)
        settings = getattr(self.md, "comptoir_settings", None) or {}
        # No kind while Pelican formats the Summary with the same Markdown.
        if meta is not None and getattr(self.md, "comptoir_kind", None) and settings.get("SEARCH"):
            meta[SEARCH_TEXT] = plain_text(text)
        return text


class SearchTextExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After every other postprocessor, the safety filter's (-10) included.
        md.postprocessors.register(SearchTextPostprocessor(md), "comptoir_search_text", -20)
