"""The index in parts. Pagefind cannot add to an index: one story edited
meant indexing every record again (13 s of Pagefind's own time at 10,000
stories, longer than the rest of the build). Past ``SEARCH_PART_RECORDS``
records, each record goes to one of a few parts by a hash of its address,
so it stays in its part from build to build; each part is a bundle of its
own, kept in the cache by its records (kept.py), so an edit indexes one
part again. The search page loads the first part holding its language and
merges the others in (Pagefind's ``mergeIndex``)."""

from __future__ import annotations

import hashlib
import math
import re

from .records import Record

MAX_PARTS = 8  # each part is a few more requests per search for a reader
# Pagefind's scripts and WebAssembly. A search page loads them from the first
# part holding its language; the parts it merges in use those (each is asked
# only for its entry, metadata, filters, index chunks and fragments), so
# theirs would be published and never loaded: 230 kB a part.
LOADERS = re.compile(r"pagefind(-worker)?\.js|wasm\.[^/]+\.pagefind")


def part_count(records: int, size: int) -> int:
    """How many parts ``records`` records make, at most ``size`` each: a
    power of two (records move between parts only when it doubles), at most
    MAX_PARTS."""
    wanted = max(1, math.ceil(records / max(1, size)))
    return min(MAX_PARTS, 1 << (wanted - 1).bit_length())


def split(found: list[Record], size: int) -> list[list[Record]]:
    """``found`` in parts, each in ``found``'s order."""
    count = part_count(len(found), size)
    parts: list[list[Record]] = [[] for _ in range(count)]
    for record in found:
        digest = hashlib.blake2b(record.url.encode(), digest_size=8).digest()
        parts[int.from_bytes(digest) % count].append(record)
    return parts


def part_path(number: int) -> str:
    """Where part ``number`` goes in ``pagefind/``: the first at its root
    (a site with one part has the index it always had)."""
    return f"part-{number}/" if number else ""


def bundles(parts: list[list[Record]], lang: str) -> list[str]:
    """The folders (in ``pagefind/``) of the parts holding ``lang``: the
    search page of that language loads the first and merges the others."""
    return [part_path(n) for n, part in enumerate(parts) if any(r.language == lang for r in part)]


def loading(parts: list[list[Record]]) -> set[int]:
    """The numbers of the parts a search page loads first (:func:`bundles`):
    the first holding each language, and the first part (a site with
    nothing to find loads it)."""
    found, languages = {0}, set()
    for number, part in enumerate(parts):
        new = {record.language for record in part} - languages
        if new:
            found.add(number)
            languages |= new
    return found


def published(files: list[str], loads: bool) -> list[str]:
    """Of a part's ``files`` (paths in the part), those the output gets:
    all when a search page loads it first, else all but the loaders."""
    return files if loads else [f for f in files if not LOADERS.fullmatch(f)]
