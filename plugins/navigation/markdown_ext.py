"""Count a text's words while Markdown builds it (for reading time).

Counting on the tree, in whichever process reads the file, saves parsing
the HTML again in the main process afterwards.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .reading import WORD

_STASH = re.compile("\x02[^\x03]*\x03")


class WordsProcessor(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        meta = getattr(self.md, "comptoir_meta", None)
        if meta is None or getattr(self.md, "comptoir_kind", None) not in ("story", "tutorial"):
            return
        text = _STASH.sub(" ", " ".join(root.itertext()))
        meta["reading_words"] = len(WORD.findall(text))


class WordsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(WordsProcessor(md), "comptoir_words", 3)
