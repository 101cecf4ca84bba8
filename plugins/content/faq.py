"""A FAQ page (``Template: faq``): its ``## `` headings are the questions.

Each question and its answer become ``page.faq`` (a list of ``id``,
``question``, ``answer``) for the theme and, later, FAQPage structured data.
The HTML split is done once when the page is read, on the Markdown output,
whose headings have a known shape (``<h2 id="…">…</h2>``).
"""

from __future__ import annotations

import re
from typing import Any

from comptoir.navigation.reading import visible_text

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
        items.append({
            "id": match.group(1) or f"question-{index + 1}",
            "question": question,
            "answer": html[match.end() : end].strip(),
        })
    return intro, items


def on_pages_finalized(generator: Any) -> None:
    """Split FAQ pages into questions and answers.

    Done once pages are complete (not at content init) so that the text is
    already typeset by the typography plugin, whatever the plugin order.
    """
    for page in [*generator.pages, *generator.translations, *generator.hidden_pages]:
        if getattr(page, "template", None) == "faq" and page._content:
            page.faq_intro, page.faq = split_faq(page._content)
