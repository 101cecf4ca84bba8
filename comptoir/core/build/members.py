"""Linear tag, category and author pages.

Pelican lists the stories of each tag, category and author page with
``[a for a in self.dates if a in articles]``: a scan of the tag's list for
every story of the site, so the build grows with stories × stories (2 s of
a 10,000-story build). :func:`index_taxonomies` hands Pelican lists that
answer ``in`` from a set; they hold the same stories in the same order, so
pages and their fingerprints are unchanged.
"""

from __future__ import annotations

from typing import Any


class Members(list):
    """A list whose ``in`` looks its item up by identity in a set.

    Stories compare by identity (``Content`` has no ``__eq__``), so this is
    the list's own answer. The set is made at the first ``in``, once every
    plugin has finished the lists; a list changed afterwards makes it again
    (a change of length, or an item replaced or deleted).
    """

    __slots__ = ("_ids", "_length")

    def __init__(self, items: Any = ()) -> None:
        super().__init__(items)
        self._ids: set[int] | None = None
        self._length = -1

    def __contains__(self, item: object) -> bool:
        if self._ids is None or self._length != len(self):
            self._ids = {id(x) for x in self}
            self._length = len(self)
        return id(item) in self._ids

    def __setitem__(self, index: Any, value: Any) -> None:
        self._ids = None
        super().__setitem__(index, value)

    def __delitem__(self, index: Any) -> None:
        self._ids = None
        super().__delitem__(index)

    def __reduce_ex__(self, protocol: Any) -> Any:
        # Pickled (Pelican's cache, a forked writer's results) as a plain list.
        return (list, (list(self),))


def index_taxonomies(generator: Any) -> None:
    """Give an articles generator's tags, categories and authors lists
    that ``in`` answers at once (see the module's docstring)."""
    tags = getattr(generator, "tags", None)
    if isinstance(tags, dict):
        for tag, stories in tags.items():
            tags[tag] = Members(stories)
    for name in ("categories", "authors"):
        pairs = getattr(generator, name, None)
        if isinstance(pairs, list):
            setattr(generator, name, [(key, Members(stories)) for key, stories in pairs])
