"""Find a tutorial's steps while Markdown builds its tree.

PRODUCT.md: steps are the body's first ordered list, or its headings under a
heading named Étapes / Steps. They are marked for the theme (class ``steps``
/ ``step``) and handed to the reader as ``md.comptoir_meta["steps"]``: a list
of ``{"name": ..., "text": ..., "anchor": ...}`` with plain text, for
templates and structured data. Each step gets an ``id`` (``etape-3``, or
``step-3`` on an English site) so a search result can link to it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

STEP_HEADINGS = {"étapes", "etapes", "steps", "les étapes", "the steps"}
_HEADING = re.compile(r"^h([1-6])$")
_STASH = re.compile("\x02[^\x03]*\x03")


def plain(element: ET.Element) -> str:
    text = _STASH.sub("", "".join(element.itertext()))
    return " ".join(text.split())


def _level(element: ET.Element) -> int | None:
    match = _HEADING.match(element.tag)
    return int(match.group(1)) if match else None


def _add_class(element: ET.Element, name: str) -> None:
    classes = element.get("class", "").split()
    if name not in classes:
        element.set("class", " ".join([*classes, name]))


def _anchor(element: ET.Element, word: str, number: int) -> str:
    if not element.get("id"):
        element.set("id", f"{word}-{number}")
    return element.get("id", "")


def heading_steps(root: ET.Element, word: str = "etape") -> list[dict[str, str]] | None:
    children = list(root)
    for index, element in enumerate(children):
        level = _level(element)
        if level is None or plain(element).rstrip(" :").casefold() not in STEP_HEADINGS:
            continue
        steps: list[dict[str, str]] = []
        for follower in children[index + 1 :]:
            follower_level = _level(follower)
            if follower_level is not None and follower_level <= level:
                break
            if follower_level == level + 1:
                _add_class(follower, "step")
                anchor = _anchor(follower, word, len(steps) + 1)
                steps.append({"name": plain(follower), "text": "", "anchor": anchor})
            elif steps and follower_level is None:
                text = plain(follower)
                steps[-1]["text"] = f"{steps[-1]['text']} {text}".strip()
        return steps or None
    return None


def list_steps(root: ET.Element, word: str = "etape") -> list[dict[str, str]] | None:
    for element in root:
        if element.tag == "ol":
            _add_class(element, "steps")
            items = [item for item in element if item.tag == "li"]
            return [
                {"name": "", "text": plain(item), "anchor": _anchor(item, word, number)}
                for number, item in enumerate(items, start=1)
            ]
    return None


class StepsProcessor(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        if getattr(self.md, "comptoir_kind", None) != "tutorial":
            return
        settings = getattr(self.md, "comptoir_settings", None) or {}
        word = "step" if settings.get("DEFAULT_LANG", "fr") == "en" else "etape"
        steps = heading_steps(root, word) or list_steps(root, word) or []
        self.md.comptoir_meta["steps"] = steps  # type: ignore[attr-defined]


class StepsExtension(Extension):
    """Markdown extension: mark and collect tutorial steps."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Priority below "inline" (20) so step text is final, but above the
        # serializer's prettify step.
        md.treeprocessors.register(StepsProcessor(md), "comptoir_steps", 5)
