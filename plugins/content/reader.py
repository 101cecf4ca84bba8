"""A Markdown reader that checks each file against the content contract.

Why a reader (and not a later hook): only here are the raw header lines
known, so a message can name the line; and Pelican's own date parser fails
with a bare traceback. Problems travel in the metadata (plain tuples, so they
survive Pelican's reader cache) and are reported by :mod:`.problems`.
"""

from __future__ import annotations

import os
import re
from typing import Any

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Category
from pelican.utils import pelican_open

from comptoir.i18n import site_gettext

from .contract import FILE_KEYS, KIND_OF_FOLDER, key_map
from .values import ValueProblem

PROBLEMS = "comptoir_problems"
LINES = "comptoir_lines"
SOURCE = "comptoir_source"
KIND = "comptoir_kind"
_HEADER_KEY = re.compile(r"^\s*([A-Za-z][\w-]*)\s*:")


def kind_of(source_path: str, content_root: str) -> str | None:
    """``story``, ``tutorial``, ``testimonial``, ``page`` — from the folder."""
    rel = os.path.relpath(os.path.abspath(source_path), os.path.abspath(content_root))
    return KIND_OF_FOLDER.get(rel.replace(os.sep, "/").split("/", 1)[0])


def header_lines(text: str) -> dict[str, int]:
    """Map each metadata key (lower-case) to its 1-based line number."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        match = _HEADER_KEY.match(line)
        if match:
            lines.setdefault(match.group(1).lower().replace("-", "_"), number)
    return lines


class ComptoirMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader plus the content contract."""

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        self._problems: list[tuple] = []
        self._lines: dict[str, int] = {}
        self._source_path = source_path
        self._kind = kind_of(source_path, self.settings["PATH"])
        try:
            with open(source_path, encoding="utf-8-sig") as handle:
                self._lines = header_lines(handle.read())
            content, metadata = self._convert(source_path)
        except UnicodeDecodeError:
            self._problem(None, "This file is not saved as UTF-8 text: save it again as UTF-8.")
            return "", {PROBLEMS: tuple(self._problems), KIND: self._kind, SOURCE: source_path}
        except Exception as error:  # a Markdown extension or Pelican failing on odd input
            self._problem(None, "This file could not be read: %(error)s", error=repr(error))
            return "", {PROBLEMS: tuple(self._problems), KIND: self._kind, SOURCE: source_path}
        if self._kind:
            for key in key_map(self._kind).values():
                if key.required and key.name not in metadata and not self._failed(key.name):
                    self._problem(
                        key.name,
                        "This key is required: add a “%(name)s:” line.",
                        name=key.name.capitalize(),
                    )
            if self._kind in ("story", "tutorial"):
                metadata["category"] = Category(self._section_word(metadata), self.settings)
            metadata[KIND] = self._kind
        metadata[PROBLEMS] = tuple(self._problems)
        # Later checks (e.g. a testimonial slug that does not exist) name lines too.
        metadata[LINES] = dict(self._lines)
        metadata[SOURCE] = source_path
        return content, metadata

    def _convert(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """MarkdownReader.read, plus a channel for our Markdown extensions:
        they see the kind of content (``md.comptoir_kind``) and may hand
        metadata back (``md.comptoir_meta``, e.g. a tutorial's steps)."""
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        self._md.comptoir_kind = self._kind  # type: ignore[attr-defined]
        self._md.comptoir_meta = {}  # type: ignore[attr-defined]
        with pelican_open(source_path) as text:
            content = self._md.convert(text)
        # Taken now: formatting the summary below runs the extensions again.
        extra = dict(self._md.comptoir_meta)  # type: ignore[attr-defined]
        self._md.comptoir_kind = None  # type: ignore[attr-defined]
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        return content, {**extra, **metadata}

    def _section_word(self, metadata: dict[str, Any]) -> str:
        lang = str(metadata.get("lang") or self.settings["DEFAULT_LANG"])
        sections = self.settings["COMPTOIR_SECTIONS"]
        words = sections.get(lang, sections[self.settings["DEFAULT_LANG"]])
        return words["stories" if self._kind == "story" else "tutorials"]

    def _failed(self, key: str) -> bool:
        return any(problem[2] == key for problem in self._problems)

    def _problem(self, key: str | None, message: str, line: int | None = -1, **values: Any):
        if line == -1:
            line = self._lines.get(key) if key else None
        text = site_gettext(self.settings, message, **values)
        self._problems.append((self._source_path, line, key, text, "error"))

    def _parse_metadata(self, meta: dict[str, list[str]]) -> dict[str, Any]:
        keys = key_map(self._kind) if self._kind else {}
        ours: dict[str, Any] = {}
        theirs: dict[str, list[str]] = {}
        for name, raw in meta.items():
            name = name.lower().replace("-", "_")
            if not " ".join(raw).strip():
                continue  # "Image:" left empty (as `invoke new` writes it) = not given
            key = keys.get(name)
            if key is None or key.parse is None:
                theirs[name] = raw
                continue
            try:
                ours[name] = key.parse(" ".join(raw))
            except ValueProblem as problem:
                self._problem(name, problem.message, **problem.values)
        for name in FILE_KEYS:
            if name in theirs:
                self._check_file(name, " ".join(theirs[name]))
        try:
            parsed = super()._parse_metadata(theirs)
        except Exception as error:  # Pelican's processors raise anything
            self._problem(None, "Pelican could not read the header: %(error)s", error=str(error))
            parsed = {}
        return parsed | ours

    def _check_file(self, key: str, value: str) -> None:
        """A photo named in the header must exist inside content/."""
        path = value.strip().removeprefix("{static}").lstrip("/")
        root = os.path.realpath(self.settings["PATH"])
        full = os.path.realpath(os.path.join(root, path))
        if os.path.commonpath([root, full]) != root:
            self._problem(
                key,
                "“%(value)s” is outside the content folder: put the file in content/images/.",
                value=value.strip(),
            )
        elif not os.path.isfile(full):
            self._problem(
                key,
                "“%(value)s” does not exist: check the file name in content/images/.",
                value=value.strip(),
            )
