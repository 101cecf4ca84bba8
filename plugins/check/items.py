"""The content a check looks at, from the build's generators."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from comptoir.plugins.content.reader import KIND

State = Literal["published", "draft", "hidden"]

# Generator attribute -> the state of what it holds (Pelican's names).
_LISTS: tuple[tuple[str, State], ...] = (
    ("articles", "published"),
    ("translations", "published"),
    ("pages", "published"),
    ("testimonials", "published"),
    ("drafts", "draft"),
    ("drafts_translations", "draft"),
    ("draft_pages", "draft"),
    ("draft_translations", "draft"),
    ("testimonial_drafts", "draft"),
    ("hidden_articles", "hidden"),
    ("hidden_translations", "hidden"),
    ("hidden_pages", "hidden"),
)


@dataclass(frozen=True)
class Item:
    """One content file as built: the Pelican object, its kind and state."""

    content: Any
    kind: str  # story, tutorial, testimonial or page
    state: State

    @property
    def path(self) -> str:
        return self.content.source_path


def gather(generators: list[Any]) -> list[Item]:
    """Every story, tutorial, testimonial and page the build read, once each,
    in file order (so findings come out in a stable order)."""
    seen: dict[str, Item] = {}
    for generator in generators:
        for attribute, state in _LISTS:
            for content in getattr(generator, attribute, None) or ():
                kind = getattr(content, KIND, None) or "page"
                path = getattr(content, "source_path", None)
                if path and path not in seen:
                    seen[path] = Item(content, kind, state)
    return [seen[path] for path in sorted(seen)]
