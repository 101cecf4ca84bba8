"""Previous/next within a section, and related stories by shared tags."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from typing import Any


def link_neighbours(articles: list[Any]) -> None:
    """Set ``prev_article``/``next_article`` within each section, by date."""
    by_section: dict[str, list[Any]] = defaultdict(list)
    for article in articles:
        by_section[str(getattr(article, "category", ""))].append(article)
    for items in by_section.values():
        items.sort(key=lambda a: a.date)
        for index, article in enumerate(items):
            article.prev_article = items[index - 1] if index > 0 else None
            article.next_article = items[index + 1] if index + 1 < len(items) else None


def link_related(articles: list[Any], limit: int) -> None:
    """Set ``related_articles``: most shared tags first, then the newest.

    Counted through a tag → articles index, so the cost grows with the
    number of shared tags rather than with every pair of articles.
    """
    by_tag: dict[str, list[Any]] = defaultdict(list)
    for article in articles:
        for tag in {t.slug for t in getattr(article, "tags", [])}:
            by_tag[tag].append(article)
    for article in articles:
        shared: Counter = Counter()
        for tag in {t.slug for t in getattr(article, "tags", [])}:
            shared.update(id(other) for other in by_tag[tag])
        shared.pop(id(article), None)
        others = {
            id(a): a for tag in {t.slug for t in getattr(article, "tags", [])} for a in by_tag[tag]
        }
        best = heapq.nlargest(
            limit, shared.items(), key=lambda item: (item[1], others[item[0]].date)
        )
        article.related_articles = [others[key] for key, _ in best]
