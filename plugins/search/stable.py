"""The same records give the same bytes. Pagefind lists the languages of
its entry file and the values of each filter in a hash map's order, which
changes from run to run; a build must not (publish sends only changed
files). This puts them in sorted order and renames the files whose names
are hashes of their bytes, so every reference still holds."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from typing import Any

ENTRY = "pagefind-entry.json"
SIGNATURE = b"pagefind_dcd"
FILTER = re.compile(r"filter/(?P<lang>[^_/]+)_(?P<hash>[0-9a-f]+)\.pf_filter")
META = re.compile(r"pagefind\.(?P<lang>[^_/]+)_(?P<hash>[0-9a-f]+)\.pf_meta")


def stable(files: dict[str, bytes]) -> dict[str, bytes]:
    """Pagefind's files (path → bytes) with filters and languages sorted."""
    out = dict(files)
    renamed: dict[str, str] = {}
    for path, data in files.items():
        if found := FILTER.fullmatch(path):
            name, values = _load(data)
            # Each value's pages too, though Pagefind sorts those already.
            values = sorted([value, sorted(pages)] for value, pages in values)
            data = _dump([name, values])
            new = f"{found['lang']}_{_hash(data, len(found['hash']))}"
            renamed[f"{found['lang']}_{found['hash']}"] = new
            del out[path]
            out[f"filter/{new}.pf_filter"] = data
    entry = json.loads(files[ENTRY])
    for path, data in files.items():
        if not (found := META.fullmatch(path)):
            continue
        meta = _renamed(_load(data), renamed)
        data = _dump(meta)
        new = f"{found['lang']}_{_hash(data, len(found['hash']))}"
        del out[path]
        out[f"pagefind.{new}.pf_meta"] = data
        entry["languages"][found["lang"]]["hash"] = new
    entry["languages"] = dict(sorted(entry["languages"].items()))
    out[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return out


def _renamed(value: Any, renamed: dict[str, str]) -> Any:
    """``value`` with each filter file's old name replaced, and the meta's
    list of [filter, file] pairs sorted by filter."""
    if isinstance(value, str):
        return renamed.get(value, value)
    if isinstance(value, list):
        items = [_renamed(item, renamed) for item in value]
        pairs = all(
            isinstance(item, list) and len(item) == 2 and item[1] in renamed.values()
            for item in items
        )
        return sorted(items) if items and pairs else items
    return value


def _hash(data: bytes, length: int) -> str:
    return hashlib.sha1(data).hexdigest()[:length]


def _load(data: bytes) -> Any:
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not a Pagefind file")
    value, end = _decode(raw, len(SIGNATURE))
    if end != len(raw):
        raise ValueError("trailing bytes in a Pagefind file")
    return value


def _dump(value: Any) -> bytes:
    # mtime 0: gzip would otherwise write the time into the bytes.
    return gzip.compress(SIGNATURE + _encode(value), mtime=0)


# The part of CBOR (RFC 8949) Pagefind writes: integers, strings, arrays.
def _decode(raw: bytes, at: int) -> tuple[Any, int]:
    major, info = raw[at] >> 5, raw[at] & 31
    at += 1
    if info < 24:
        size = info
    elif info <= 27:
        width = 1 << (info - 24)
        size, at = int.from_bytes(raw[at : at + width], "big"), at + width
    else:
        raise ValueError(f"CBOR item {raw[at - 1]:#x} not read")
    if major == 0:
        return size, at
    if major == 1:
        return -1 - size, at
    if major in (2, 3):
        chunk = raw[at : at + size]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + size
    if major == 4:
        items = []
        for _ in range(size):
            item, at = _decode(raw, at)
            items.append(item)
        return items, at
    raise ValueError(f"CBOR major type {major} not read")


def _head(major: int, size: int) -> bytes:
    if size < 24:
        return bytes([major << 5 | size])
    for info, width in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if size < 1 << (8 * width):
            return bytes([major << 5 | info]) + size.to_bytes(width, "big")
    raise ValueError("integer too large")


def _encode(value: Any) -> bytes:
    if isinstance(value, bool):
        raise ValueError("CBOR booleans not written")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    raise ValueError(f"CBOR {type(value).__name__} not written")
