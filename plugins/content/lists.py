"""Where a build keeps its content: Pelican's lists, by the state of what
they hold. Every plugin that walks all the content of a build (the checks,
feed ids, the drafts of a preview) reads it from here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

State = Literal["published", "draft", "hidden"]

# Generator attribute -> the state of what it holds (Pelican's names, and
# the testimonials generator's).
LISTS: tuple[tuple[str, State], ...] = (
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


def contents(generators: Iterable[Any]) -> list[tuple[Any, State]]:
    """Every content object the build read, once each, with its state, in
    file order (so what is said of them comes out in a stable order)."""
    seen: dict[str, tuple[Any, State]] = {}
    for generator in generators:
        for attribute, state in LISTS:
            for content in getattr(generator, attribute, None) or ():
                path = getattr(content, "source_path", None)
                if path and path not in seen:
                    seen[path] = (content, state)
    return [seen[path] for path in sorted(seen)]


def address_taken(build: Any, context: dict[str, Any], path: str, message: str) -> bool:
    """Whether a page of the owner's is saved at ``path`` (``s-abonner/``),
    where a generated page would go: each is reported on its Slug with
    ``message`` (a msgid with %(url)s) rather than overwritten."""
    clash = False
    for page in [*context.get("pages", []), *context.get("hidden_pages", [])]:
        if str(getattr(page, "save_as", "")) == f"{path}index.html":
            build.report.add(page.source_path, build.gettext(message, url=path), key="slug")
            clash = True
    return clash
