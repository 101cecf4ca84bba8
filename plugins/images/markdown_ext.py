"""Markdown images become responsive ``<picture>`` elements as the text is read.

Done in the Markdown tree (not on written HTML): the reader hands the
extension the build and the source file (``md.comptoir_build``,
``md.comptoir_source``); a missing or unusable image goes back as a problem
(``md.comptoir_problems``) that names the image.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from comptoir.core.i18n import N_
from comptoir.plugins.content.media import svg_size
from comptoir.plugins.paths.contain import line_in_file

from .markup import BODY_SIZES, picture, svg_view, view
from .probe import ImageProblem
from .registry import Images


class ImagesProcessor(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        settings = getattr(self.md, "comptoir_settings", None)
        build = getattr(self.md, "comptoir_build", None)
        if settings is None or build is None:
            return
        images = build.part(Images)
        source = getattr(self.md, "comptoir_source", None)
        problems = self.md.comptoir_problems  # type: ignore[attr-defined]
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "img" or parent.tag == "picture":
                    continue
                reference = child.get("src", "")
                if "://" in reference or reference.startswith(("data:", "//")):
                    continue
                found = images.resolve(reference, source)
                if found is None:
                    message = N_(
                        "The image “%(src)s” is not in the content folder: "
                        "check its name in content/images/."
                    )
                    problems.append((message, _at({"src": reference}, source, reference)))
                    continue
                alt = child.get("alt", "")
                attrs = dict(child.attrib)
                if found.lower().endswith(".svg"):
                    images.note(found)
                    image = svg_view(
                        images.url(found), svg_size(str(images.content_root / found)), alt
                    )
                else:
                    try:
                        image = view(images.plan(found), alt, images.url)
                    except ImageProblem as problem:
                        reason = problem.translated(settings)
                        values = _at({"src": found, "problem": reason}, source, reference)
                        problems.append((N_("Image %(src)s: %(problem)s"), values))
                        continue
                parent.remove(child)
                parent.insert(index, picture(image, BODY_SIZES, lazy=True, attrs=attrs))
                # The images of the text, for the sitemap: (address, alt).
                meta = getattr(self.md, "comptoir_meta", None)
                if meta is not None:
                    meta.setdefault("body_images", []).append((image["src"], alt))


class ImagesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(ImagesProcessor(md), "comptoir_images", 4)


def _at(values: dict[str, str], source: str | None, reference: str) -> dict[str, Any]:
    """``values`` plus the line naming ``reference`` (the reader takes it)."""
    line = line_in_file(source, reference)
    return {**values, "line": line} if line else dict(values)
