"""The content a check looks at, from the build's generators."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from comptoir.plugins.content.lists import State, contents
from comptoir.plugins.content.reader import KIND


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
    return [
        Item(content, getattr(content, KIND, None) or "page", state)
        for content, state in contents(generators)
    ]
