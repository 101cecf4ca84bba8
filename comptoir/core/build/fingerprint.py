"""Fingerprints of what a page is made of (build/reuse.py compares them
from one build to the next): any value a template is given, and each
attribute of a story or page."""

from __future__ import annotations

import datetime
import hashlib
import marshal
import re
from collections.abc import Iterable, Mapping
from typing import Any

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

# A repr with a memory address says nothing lasting about its object.
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
# What a story carries that is the whole build's, not its own.
NOT_OWN = frozenset({"_context", "settings"})
# Pelican's memoized methods and the property each one serves.
MEMOIZED = {"get_content": "content", "get_summary": "summary"}
# url_format holds "now" for a page with no date; what it serves (url,
# save_as) counts by its own value.
UNSTABLE = frozenset({"url_format"})


# Values that count by what they are, not by identity.
KINDS: tuple[tuple[tuple[type, ...], str], ...] = (
    ((type(None), bool, int, float), "repr"),
    ((str,), "str"),
    ((bytes,), "bytes"),
    ((datetime.date, datetime.time, datetime.timedelta), "repr"),
)
EXACT: dict[type, str] = {t: kind for types, kind in KINDS for t in types}
EXACT[datetime.datetime] = "repr"
# Containers of plain data, fingerprinted whole by marshal (in their order).
PLAIN = frozenset({list, tuple, dict})


def digest(text: str) -> str:
    """A short hash of ``text``."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def identity(item: Content) -> str:
    """What names a story or page from one build to the next."""
    return item.relative_source_path or item.save_as or f"?{id(item)}"


class Fingerprints:
    """Fingerprints of one build's values, each computed once (by identity:
    the build's objects stay put while pages are written)."""

    def __init__(self) -> None:
        # Values kept alive with their fingerprint, so no id() is reused.
        self._memo: dict[int, tuple[Any, str]] = {}
        # (story, attribute) -> fingerprint, each computed when first asked:
        # before the pages render, when the last build's reads are compared.
        # Rendering in this process may fill a story's caches afterwards; a
        # value asked for only then can make a page render again next time,
        # never keep one that changed.
        self._attributes: dict[tuple[int, str], tuple[Content, str]] = {}
        self._reads: dict[tuple[int, tuple[str, ...]], tuple[Content, str]] = {}
        # The kind of each type met that is not in EXACT (stories, tags,
        # lists…), worked out once: most values are of a handful of types.
        self._kinds: dict[type, str] = {}

    def content(self, item: Content, names: Iterable[str]) -> str:
        """The attributes ``names`` of a story or page. A property counts by
        its value; methods by the attributes they read (recorded too), except
        Pelican's memoized ones, whose result may come from an earlier call:
        they count as the property they serve (``content``, ``summary``)."""
        names = tuple(names)
        known = self._reads.get((id(item), names))
        if known is None:
            # Many pages read the same few attributes of a story: once each.
            known = self._reads[(id(item), names)] = (item, self._content(item, names))
        return known[1]

    def _content(self, item: Content, names: tuple[str, ...]) -> str:
        own = vars(item)
        wanted = set(names)
        if "__dict__" in wanted:  # read whole (vars(), copy): all of it counts
            wanted |= own.keys()
        found = []
        for name in sorted(wanted):
            name = MEMOIZED.get(name, name)
            if name in NOT_OWN or name in UNSTABLE:
                continue
            if name in own or isinstance(getattr(type(item), name, None), property):
                found.append(f"{name}={self._attribute(item, name)}")
        return digest(",".join(found))

    def _attribute(self, item: Content, name: str) -> str:
        key = (id(item), name)
        known = self._attributes.get(key)
        if known is None:
            try:
                value = self.value(getattr(item, name))
            except Exception as error:  # the page would have met it too
                value = f"!{type(error).__name__}"
            known = self._attributes[key] = (item, value)
        return known[1]

    def value(self, value: Any) -> str:
        """Any value a template is given; stories and pages by identity."""
        # Called about a hundred times per page: the common types by a
        # dict lookup, before the isinstance checks their subclasses need.
        kind = EXACT.get(type(value)) or self._kinds.get(type(value))
        if kind is None:
            kind = next((k for types, k in KINDS if isinstance(value, types)), "")
            self._kinds[type(value)] = kind
        if kind == "repr":
            return repr(value)
        if kind == "str":
            return repr(value) if len(value) < 80 else "s:" + digest(value)
        if kind == "bytes":
            return "b:" + hashlib.blake2b(value, digest_size=16).hexdigest()
        known = self._memo.get(id(value))
        if known is not None:
            return known[1]
        self._memo[id(value)] = (value, "<cycle>")
        found = self._compute(value)
        self._memo[id(value)] = (value, found)
        return found

    def _compute(self, value: Any) -> str:
        if type(value) in PLAIN:
            # Plain data (a story's image sizes, its share card) at C speed.
            # marshal takes only the exact built-in types, so a story, a
            # date or a Markup string in it falls to the walk below; format
            # 2 has no back-references, so equal values give equal bytes.
            try:
                data = marshal.dumps(value, 2)
            except (ValueError, RecursionError):
                pass
            else:
                return "m:" + hashlib.blake2b(data, digest_size=16).hexdigest()
        if isinstance(value, Content):
            return f"c:{type(value).__qualname__}:{identity(value)}"
        if isinstance(value, URLWrapper):
            return f"u:{type(value).__qualname__}:{value.name}:{value.slug}"
        if isinstance(value, list | tuple):
            return digest("[" + ",".join(self.value(v) for v in value))
        if isinstance(value, set | frozenset):
            return digest("{" + ",".join(sorted(self.value(v) for v in value)))
        if isinstance(value, Mapping):
            pairs = sorted(f"{self.value(k)}:{self.value(v)}" for k, v in value.items())
            return digest("{" + ",".join(pairs))
        if callable(value) and hasattr(value, "__qualname__"):
            # Functions and classes by name: their code is in the site key.
            return f"f:{getattr(value, '__module__', '')}.{value.__qualname__}"
        own = getattr(value, "__dict__", None)
        if own is not None:
            fields = {k: v for k, v in own.items() if k not in NOT_OWN}
            return digest(f"o:{type(value).__qualname__}:" + self.value(fields))
        return ADDRESS.sub("", repr(value))
