"""A FAQ page (``Template: faq``): its ``## `` headings are the questions.

Each question and its answer become ``page.faq`` (a list of ``id``,
``question``, ``answer``) for the theme and, later, FAQPage structured data.
The HTML split is done once when the page is read, on the Markdown output,
whose headings have a known shape (``<h2 id="…">…</h2>``).
"""

from __future__ import annotations

import re
from typing import Any

from comptoir.plugins.navigation.reading import visible_text

_H2 = re.compile(r"<h2(?: id=\"([^\"]*)\")?[^>]*>(.*?)</h2>", re.S)


def split_faq(html: str) -> tuple[str, list[dict[str, str]]]:
    """Return the intro HTML and the questions of a FAQ body."""
    matches = list(_H2.finditer(html))
    if not matches:
        return html, []
    intro = html[: matches[0].start()].strip()
    items = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(html)
        question = visible_text(match.group(2)).strip()
        items.append(
            {
                "id": match.group(1) or f"question-{index + 1}",
                "question": question,
                "answer": html[match.end() : end].strip(),
            }
        )
    return intro, items


def split_faq_pages(build: Any, generators: list[Any]) -> None:
    """Split FAQ pages into questions and answers.

    Done once every generator has read its files (not at content init): the
    text is then typeset whatever the plugin order, and ``page.content`` can
    resolve ``{filename}`` links to any other page, article or image.
    """
    for generator in generators:
        pages = [
            *getattr(generator, "pages", []),
            *getattr(generator, "translations", []),
            *getattr(generator, "hidden_pages", []),
        ]
        for page in pages:
            if getattr(page, "template", None) == "faq" and page._content:
                page.faq_intro, page.faq = split_faq(page.content)
