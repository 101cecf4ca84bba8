"""Refuse, while the text is read, a reference that leads outside content/.

Two passes of one check: a tree processor sees every Markdown link and image
(before the images extension turns them into pictures), and a postprocessor
sees the final HTML, where raw HTML written in the file is back. A refused
reference is removed from the page and goes back as a problem
(``md.comptoir_problems``) naming it and its line; the file is then skipped,
so Pelican never copies what it pointed to.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from .contain import KINDS, OUTSIDE, escapes, line_in_file, reference_regex

# Pelican's list of the attributes it rewrites (pelican.contents).
ATTRIBUTES = ("href", "src", "poster", "data", "cite", "formaction", "action", "content")


class _Guard:
    """What both passes share: the check and the report."""

    md: Markdown

    def refused(self, reference: str) -> bool:
        settings = getattr(self.md, "comptoir_settings", None)
        source = getattr(self.md, "comptoir_source", None)
        if settings is None or source is None:
            return False
        found = reference_regex(settings).match(reference.strip())
        if found is None or found.group("what") not in KINDS:
            return False
        if not escapes(found.group("value"), source, settings["PATH"]):
            return False
        values: dict[str, Any] = {"value": reference.strip()}
        line = line_in_file(source, reference.strip())
        if line:
            values["line"] = line  # taken by the reader as the problem's line
        self.md.comptoir_problems.append((OUTSIDE, values))  # type: ignore[attr-defined]
        return True


class TreeGuard(_Guard, Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                bad = [a for a in ATTRIBUTES if a in child.attrib and self.refused(child.get(a))]
                if bad and child.tag == "img":
                    parent.remove(child)  # else the images extension reports it again
                for name in bad:
                    child.attrib.pop(name, None)


class HtmlGuard(_Guard, Postprocessor):
    """Raw HTML in the file, e.g. ``<a href="{static}/../x">``."""

    PATTERN = re.compile(
        rf"""(?P<attr>\b(?:{"|".join(ATTRIBUTES)})\s*=\s*)(?P<quote>["'])(?P<value>.*?)(?P=quote)""",
        re.I | re.S,
    )

    def run(self, text: str) -> str:
        def check(found: re.Match[str]) -> str:
            if self.refused(found.group("value")):
                return f"{found.group('attr')}{found.group('quote')}{found.group('quote')}"
            return found.group(0)

        return self.PATTERN.sub(check, text)


class PathsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Tree: after inline links are made (20), before images (4); 6, not
        # 5, so no other kit processor shares its priority (tutorial steps).
        md.treeprocessors.register(TreeGuard(md), "comptoir_paths", 6)
        # Text: after raw HTML is put back (30) and entities restored (20).
        md.postprocessors.register(HtmlGuard(md), "comptoir_paths_html", 5)
