"""``invoke ids``: give an ``Id:`` line to every content file that lacks one.

Feed readers recognise an item by its id; an Id minted once and kept in the
file survives a new slug, a new date format and a move to another domain.
``invoke new`` writes one in every new file; this is for older files and
files written by hand. One line is added and every other byte stays as it
was (encoding, byte order mark, line endings), so the owner's diff shows
just that line.
"""

from __future__ import annotations

import fnmatch
import io
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from comptoir.plugins.content.header import FENCE, KEY_LINE, MORE_LINE, normal_key
from comptoir.plugins.content.ids import FEED_KINDS, Unnamed, fallback_ids
from comptoir.plugins.content.values import parse_date

from .new import FOLDERS

EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")
BOM = b"\xef\xbb\xbf"
# The line the Id goes under: the one that names the item.
ANCHORS = {"testimonial": "name"}


@dataclass
class Outcome:
    """What ``add_ids`` did: files given an Id, files it could not read."""

    added: list[Path] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)


def content_files(settings: dict[str, Any]) -> dict[Path, str]:
    """Every Markdown file of stories, tutorials, testimonials and pages, with
    its kind, skipping what Pelican skips (``IGNORE_FILES``)."""
    root = Path(settings["PATH"])
    ignores = settings.get("IGNORE_FILES", [])

    def ignored(name: str) -> bool:
        return any(fnmatch.fnmatch(name, pattern) for pattern in ignores)

    found: dict[Path, str] = {}
    for kind, (setting, default) in FOLDERS.items():
        for folder in settings.get(setting) or [default]:
            for dirpath, dirs, files in os.walk(root / folder, followlinks=True):
                dirs[:] = sorted(d for d in dirs if not ignored(d))
                for name in files:
                    if name.lower().endswith(EXTENSIONS) and not ignored(name):
                        found.setdefault(Path(dirpath) / name, kind)
    return dict(sorted(found.items()))


def _header(rows: list[str]) -> tuple[int, list[tuple[str, int, int, str]]]:
    """Where the header starts, and (key, first row, last row, value) of each key."""
    start = 1 if rows and rows[0].startswith("---") and FENCE.match(rows[0].rstrip()) else 0
    keys: list[tuple[str, int, int, str]] = []
    for number in range(start, len(rows)):
        line = rows[number].rstrip("\r\n")
        if not line.strip() or FENCE.match(line):
            break
        match = KEY_LINE.match(line)
        if match:
            keys.append((normal_key(match.group("key")), number, number, match.group("value")))
        elif keys and (more := MORE_LINE.match(line)):
            key, first, _, written = keys[-1]
            keys[-1] = (key, first, number, f"{written} {more.group('value')}")
        else:
            break
    return start, keys


def _unnamed(path: Path, text: str, kind: str, root: Path, default_lang: str) -> Unnamed | None:
    """What a story, tutorial or testimonial without ``Id`` has its feed id
    from; None for a page, a file with an Id, or one without a readable date."""
    if kind not in FEED_KINDS:
        return None
    _, keys = _header(io.StringIO(text, newline="").readlines())
    values = {key: value.strip() for key, _, _, value in keys}
    if values.get("id"):
        return None
    try:
        date = parse_date(values.get("date", ""))
    except ValueError:
        return None
    lang = (values.get("lang") or default_lang).lower()
    return Unnamed(path, kind, lang, date, path.relative_to(root).as_posix())


def with_id(text: str, kind: str, value: str) -> str | None:
    """``text`` with an ``Id: value`` line, or None if it already has an Id.

    The line goes under the ``Title`` (``Name`` for a testimonial), else
    first in the header; an ``Id:`` line left empty gets the value instead.
    """
    rows = io.StringIO(text, newline="").readlines()  # keeps \r\n, \r or \n
    start, keys = _header(rows)
    ids = [entry for entry in keys if entry[0] == "id"]
    if ids and any(entry[3].strip() for entry in ids):
        return None
    newline = next((row[len(row.rstrip("\r\n")) :] for row in rows if row[-1] in "\r\n"), "\n")
    if ids:  # "Id:" left empty: fill it in, keeping its line ending
        _, first, last, _ = ids[0]
        ending = rows[last][len(rows[last].rstrip("\r\n")) :]
        return "".join([*rows[:first], f"Id: {value}{ending}", *rows[last + 1 :]])
    anchor = ANCHORS.get(kind, "title")
    under = next((last for key, _, last, _ in keys if key == anchor), None)
    if under is None:
        return "".join([*rows[:start], f"Id: {value}{newline}", *rows[start:]])
    before = rows[: under + 1]
    if not before[-1].endswith(("\r", "\n")):  # the title is the file's last line
        return "".join([*before[:-1], before[-1] + newline, f"Id: {value}"])
    ending = before[-1][len(before[-1].rstrip("\r\n")) :]
    return "".join([*before, f"Id: {value}{ending}", *rows[under + 1 :]])


def add_ids(
    settings: dict[str, Any], make_id: Callable[[], str] = lambda: str(uuid.uuid4())
) -> Outcome:
    """Write an Id into every content file without one — for a story,
    tutorial or testimonial, the very id its feeds already carry — and leave
    files that are not UTF-8 alone, listed."""
    outcome = Outcome()
    files = content_files(settings)
    taken = _existing_ids(files)
    texts: dict[Path, tuple[bytes, str]] = {}
    for path in files:
        data = path.read_bytes()
        bom = BOM if data.startswith(BOM) else b""
        try:
            texts[path] = (bom, data[len(bom) :].decode("utf-8"))
        except UnicodeDecodeError:
            outcome.unreadable.append(path)
    root, lang = Path(settings["PATH"]), settings.get("DEFAULT_LANG", "fr")
    unnamed = [_unnamed(path, text, files[path], root, lang) for path, (_, text) in texts.items()]
    # The ids feeds already show, worked out over all files as the build does.
    shown = fallback_ids(file for file in unnamed if file is not None)
    for path, (bom, text) in texts.items():
        value = shown[path][0] if path in shown else None
        if value is None or value in taken:  # another file has it as its Id
            value = make_id()
        changed = with_id(text, files[path], value)
        if changed is not None:
            _replace(path, bom + changed.encode("utf-8"))
            outcome.added.append(path)
            taken.add(value)
    return outcome


def _existing_ids(files: dict[Path, str]) -> set[str]:
    found = set()
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        found.update(
            v.strip().lower().removeprefix("urn:uuid:")
            for k, _, _, v in _header(io.StringIO(text, newline="").readlines())[1]
            if k == "id" and v.strip()
        )
    return found


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` over the file at once: an interrupted run never leaves
    an owner's text half written."""
    target = path.resolve()
    temporary = target.with_name(f".{target.name}.comptoir-ids")
    temporary.write_bytes(data)
    shutil.copymode(target, temporary)
    os.replace(temporary, target)
