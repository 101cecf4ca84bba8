"""Previous/next within a section, and related stories by shared tags."""

from __future__ import annotations

import heapq
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
    """Set ``related_articles``: most shared tags first, then the newest,
    then the first in ``articles`` (so ties never depend on hash order).

    Stories with the same set of tags rank every other story the same way,
    so the ranking is worked out once per set of tags, not once per story:
    from each set sharing a tag, only its newest ``limit + 1`` can be chosen
    (one may be the story itself). The work grows with the number of
    stories plus the square of the number of tag sets, which the tags an
    owner uses bound, instead of with every pair of stories.
    """
    sets: dict[frozenset[str], list[tuple[float, int, Any]]] = defaultdict(list)
    for index, article in enumerate(articles):
        # Sorting keys: newest first, then the first listed.
        sets[_tags(article)].append((-article.date.timestamp(), index, article))
    newest = {tags: heapq.nsmallest(limit + 1, rows) for tags, rows in sets.items() if tags}
    holding: dict[str, list[frozenset[str]]] = defaultdict(list)
    for tags in newest:
        for tag in tags:
            holding[tag].append(tags)
    for mine, rows in sets.items():
        near = {tags for tag in mine for tags in holding[tag]}
        ranked = heapq.nsmallest(
            limit + 1,
            ((-len(mine & tags), *row) for tags in near for row in newest[tags]),
        )
        for _, _, article in rows:
            chosen = [row[3] for row in ranked if row[3] is not article]
            article.related_articles = chosen[:limit]


def _tags(article: Any) -> frozenset[str]:
    return frozenset(t.slug for t in getattr(article, "tags", None) or ())
