"""Previous/next within a section, and related stories by shared tags."""

from __future__ import annotations

from collections import defaultdict
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
    """Set ``related_articles``: most shared tags first, then the newest."""
    for article in articles:
        tags = {t.slug for t in getattr(article, "tags", [])}
        scored = []
        for other in articles:
            if other is article:
                continue
            shared = len(tags & {t.slug for t in getattr(other, "tags", [])})
            if shared:
                scored.append((shared, other.date, other))
        scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
        article.related_articles = [other for _, _, other in scored[:limit]]
