"""A content file's feed id when it has no ``Id:`` line.

Feed readers recognise an item by its id; an ``Id`` written in the file
survives a new slug, a new date format and a move to another domain, and
``invoke ids`` (comptoir.tools.write) writes one. Until then, an item's id
is worked out from what the owner wrote, as below; :func:`assign` gives each
item of a build its ``feed_id``, which the feeds use.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .lists import contents

# Fixed forever: changing it would change every fallback id.
NAMESPACE = uuid.UUID("6f1d3c52-8f7e-5a57-9a63-2c1b4b0d7e10")
FEED_KINDS = ("story", "tutorial", "testimonial")  # what feeds list


def fallback_id(kind: str, lang: str, date: dt.datetime) -> str:
    """The bare UUID of a file without ``Id``: from its kind, language and the
    naive wall-clock time, as the owner wrote it — neither the offset
    (TIMEZONE may change) nor the display form (14/03/2025 or 2025-03-14).
    ``invoke ids`` can write this very value, so that giving an Id to a file
    already in readers' feeds changes nothing for them."""
    written = date.replace(tzinfo=None).isoformat(timespec="seconds")
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{lang}:{written}"))


def path_id(kind: str, lang: str, path: str) -> str:
    """The bare UUID of a file without ``Id`` that shares its kind, language
    and date with another such file: from its path under content/."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{lang}:file:{path}"))


@dataclass(frozen=True)
class Unnamed:
    """A file of a kind feeds list, without ``Id``: what its feed id comes from."""

    key: Any  # whatever the caller finds it by (a path, a content object's id)
    kind: str
    lang: str
    date: dt.datetime
    path: str  # under content/, with "/"


def fallback_ids(files: Iterable[Unnamed]) -> dict[Any, tuple[str, bool]]:
    """Each file's feed id, and whether it comes from its path.

    :func:`fallback_id` when the file is alone with its kind, language and
    date (every site that built before keeps its ids); when several share
    them, as testimonials copied from one day of a guest book do, each gets
    :func:`path_id`, so none is taken for another. The build and
    ``invoke ids`` both ask here, so what ``ids`` writes is what feeds show.
    """
    groups: dict[tuple[str, str, str], list[Unnamed]] = defaultdict(list)
    for file in files:
        written = file.date.replace(tzinfo=None).isoformat(timespec="seconds")
        groups[(file.kind, file.lang, written)].append(file)
    found = {}
    for group in groups.values():
        shared = len(group) > 1
        for file in group:
            if shared:
                found[file.key] = (path_id(file.kind, file.lang, file.path), True)
            else:
                found[file.key] = (fallback_id(file.kind, file.lang, file.date), False)
    return found


def assign(build: Any, generators: list[Any]) -> None:
    """Give every story, tutorial and testimonial of the build its
    ``feed_id`` (``urn:uuid:…``), and ``feed_id_shared`` when it comes from
    the file's path (see :func:`fallback_ids`)."""
    root = build.settings["PATH"]
    # Drafts count: publishing one must not change another item's id.
    found = {
        content.source_path: content
        for content, _ in contents(generators)
        if getattr(content, "comptoir_kind", None) in FEED_KINDS
    }
    unnamed = []
    for key, content in found.items():
        given = getattr(content, "id", None)
        if isinstance(given, str) and given:
            content.feed_id = f"urn:uuid:{uuid.UUID(given.removeprefix('urn:uuid:'))}"
            content.feed_id_shared = False
            continue
        path = os.path.relpath(content.source_path, root).replace(os.sep, "/")
        lang = getattr(content, "lang", "") or ""
        unnamed.append(Unnamed(key, content.comptoir_kind, lang, content.date, path))
    for key, (value, shared) in fallback_ids(unnamed).items():
        found[key].feed_id, found[key].feed_id_shared = f"urn:uuid:{value}", shared
