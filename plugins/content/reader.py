"""A Markdown reader that checks each file against the content contract.

Why a reader (and not a later hook): only here are the raw header lines
known, so a message can name the line; and Pelican's own date parser fails
with a bare traceback. Problems travel in the metadata (plain tuples, so they
survive Pelican's reader cache) and are reported by :mod:`.problems`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Category
from pelican.utils import pelican_open, slugify

from .bounds import check_nesting, check_size
from .contract import FILE_KEYS, KIND_PATHS, key_map
from .header import scan_header
from .localtime import DATE_KEYS, nearest, twice
from .prefetch import Prefetched
from .values import ValueProblem

if TYPE_CHECKING:
    from comptoir.core.build import Build

PROBLEMS = "comptoir_problems"
LINES = "comptoir_lines"
SOURCE = "comptoir_source"
KIND = "comptoir_kind"
# The date keys whose time happens twice in TIMEZONE (checked by invoke check).
TWICE = "comptoir_twice"


def kind_of(source_path: str, settings: dict[str, Any]) -> str | None:
    """``story``, ``tutorial``, ``testimonial`` or ``page``, from the folder."""
    root = os.path.abspath(settings["PATH"])
    rel = os.path.relpath(os.path.abspath(source_path), root).replace(os.sep, "/")
    for kind, setting in KIND_PATHS.items():
        for folder in settings.get(setting, ()):
            if rel.startswith(folder.strip("/") + "/"):
                return kind
    return None


class ComptoirMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader plus the content contract, made for one
    build (``for_build``): its Markdown has the extensions the plugins
    declared, and its messages are in the site's language."""

    build: Build

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        prefetched = self.build.part(Prefetched).take(source_path)
        if prefetched is not None:
            return prefetched
        self._problems: list[tuple] = []
        self._lines: dict[str, int] = {}
        self._source_path = source_path
        self._kind = kind_of(source_path, self.settings)
        try:
            # Bounded work: refused before Markdown could hang or overflow on it.
            too_big = check_size(source_path, self.settings)
            if too_big:
                self._problem(None, too_big[0], **too_big[1])
                return "", self._bare_metadata()
            with open(source_path, encoding="utf-8-sig") as handle:
                text = handle.read()
            header = scan_header(text)
            self._lines = header.lines
            for line, key, message, values in header.problems:
                self._problem(key, message, line=line, **values)
            too_deep = check_nesting(text)
            if too_deep:
                self._problem(None, too_deep[1], line=too_deep[0], **too_deep[2])
                return "", self._bare_metadata()
            content, metadata = self._convert(source_path)
        except UnicodeDecodeError:
            self._problem(None, "This file is not saved as UTF-8 text: save it again as UTF-8.")
            return "", self._bare_metadata()
        except RecursionError:
            self._problem(
                None,
                "Markdown ran out of depth in this file (lists, quotes or brackets inside "
                "each other): put fewer levels inside each other.",
            )
            return "", self._bare_metadata()
        except Exception as error:  # a Markdown extension or Pelican failing on odd input
            self._problem(None, "This file could not be read: %(error)s", error=repr(error))
            return "", self._bare_metadata()
        if self._kind:
            self._check_required(metadata, header.empty)
            if self._kind in ("story", "tutorial"):
                metadata["category"] = Category(self._section_word(metadata), self.settings)
            metadata[KIND] = self._kind
        metadata[PROBLEMS] = tuple(self._problems)
        # Later checks (e.g. a testimonial slug that does not exist) name lines too.
        metadata[LINES] = dict(self._lines)
        metadata[SOURCE] = source_path
        return content, metadata

    def _bare_metadata(self) -> dict[str, Any]:
        return {PROBLEMS: tuple(self._problems), KIND: self._kind, SOURCE: self._source_path}

    def _convert(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """MarkdownReader.read, plus a channel for our Markdown extensions:
        they see the kind of content, the settings, the build and the file
        (``md.comptoir_kind``, ``comptoir_settings``, ``comptoir_build``,
        ``comptoir_source``), and may hand back metadata
        (``md.comptoir_meta``, e.g. a tutorial's steps) and problems
        (``md.comptoir_problems``: msgid and values)."""
        options = self.settings["MARKDOWN"]
        # The plugins' extensions, then the owner's (so ours register first
        # among processors of equal priority, e.g. toc's).
        extensions = [*self.build.markdown, *options.get("extensions", [])]
        md = self._md = Markdown(**{**options, "extensions": extensions})
        md.comptoir_kind = self._kind  # type: ignore[attr-defined]
        md.comptoir_meta = {}  # type: ignore[attr-defined]
        md.comptoir_settings = self.settings  # type: ignore[attr-defined]
        md.comptoir_build = self.build  # type: ignore[attr-defined]
        md.comptoir_source = source_path  # type: ignore[attr-defined]
        md.comptoir_problems = []  # type: ignore[attr-defined]
        with pelican_open(source_path) as text:
            content = md.convert(text)
        # Taken now: formatting the summary below runs the extensions again.
        extra = dict(md.comptoir_meta)  # type: ignore[attr-defined]
        md.comptoir_kind = None  # type: ignore[attr-defined]
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        # After the summary is formatted: what the safety filter removed from
        # it is told too. (message, values) is an error; a third item is
        # another severity.
        for message, values, *severity in md.comptoir_problems:  # type: ignore[attr-defined]
            self._problem(None, message, severity=(severity or ["error"])[0], **values)
        return content, {**extra, **metadata}

    def _check_required(self, metadata: dict[str, Any], empty: set[str]) -> None:
        reported = {problem[2] for problem in self._problems}
        for key in key_map(self._kind).values():
            if not key.required or key.name in metadata or key.name in reported:
                continue
            if key.name in empty:
                self._problem(
                    key.name,
                    "This key is empty: write its value after “%(name)s:”.",
                    name=key.name.capitalize(),
                )
            elif key.name == "consent":
                # No consent, no publication: the one rule the owner must not miss.
                self._problem(
                    key.name,
                    "A testimonial is published only with the customer's consent: add a "
                    "“Consent:” line with the date they agreed, like Consent: 2025-03-14.",
                )
            else:
                self._problem(
                    key.name,
                    "This key is required: add a “%(name)s:” line.",
                    name=key.name.capitalize(),
                )

    def _section_word(self, metadata: dict[str, Any]) -> str:
        lang = str(metadata.get("lang") or self.settings["DEFAULT_LANG"])
        sections = self.settings["COMPTOIR_SECTIONS"]
        words = sections.get(lang, sections[self.settings["DEFAULT_LANG"]])
        return words["stories" if self._kind == "story" else "tutorials"]

    def _problem(
        self,
        key: str | None,
        message: str,
        line: int | None = None,
        severity: str = "error",
        **values: Any,
    ):
        """Record a problem on this file, at ``line`` or else at the key's line."""
        line = line or (self._lines.get(key) if key else None)
        text = self.build.gettext(message, **values)
        self._problems.append((self._source_path, line, key, text, severity))

    def _parse_metadata(self, meta: dict[str, list[str]]) -> dict[str, Any]:
        keys = key_map(self._kind) if self._kind else {}
        ours: dict[str, Any] = {}
        theirs: dict[str, list[str]] = {}
        for name, raw in meta.items():
            name = name.lower().replace("-", "_")
            value = " ".join(raw).strip()
            if not value:
                continue  # "Image:" left empty (as `invoke new` writes it) = not given
            key = keys.get(name)
            if key is None or key.parse is None:
                # A value continued on the next lines is one value, except
                # for formatted fields (Summary), which Markdown renders.
                formatted = name in self.settings["FORMATTED_FIELDS"]
                theirs[name] = raw if formatted else [value]
                continue
            try:
                ours[name] = key.parse(value)
            except ValueProblem as problem:
                self._problem(name, problem.message, **problem.values)
        happening_twice = self._check_times(ours)
        if happening_twice:
            # Taken as the first occurrence (as Pelican does); `invoke check` says so.
            ours[TWICE] = happening_twice
        if self._kind:
            self._check_theirs(theirs)
        try:
            parsed = super()._parse_metadata(theirs)
        except Exception as error:  # Pelican's processors raise anything
            self._problem(None, "Pelican could not read the header: %(error)s", error=str(error))
            parsed = {}
        return parsed | ours

    def _check_times(self, ours: dict[str, Any]) -> tuple[str, ...]:
        """Refuse (and drop) a date whose time never happens in TIMEZONE,
        naming the nearest ones that do; return the keys whose time happens
        twice."""
        zone = ZoneInfo(self.settings["TIMEZONE"])
        found = []
        for name in DATE_KEYS:
            value = ours.get(name)
            if value is None:
                continue
            gap = nearest(value, zone)
            if gap is None:
                if twice(value, zone):
                    found.append(name)
                continue
            del ours[name]
            self._problem(
                name,
                "%(value)s does not exist in %(zone)s: the clocks skip it that night. Write "
                "%(before)s or %(after)s, the nearest times that do exist.",
                value=value.strftime("%Y-%m-%d %H:%M"),
                zone=str(zone),
                before=gap[0].strftime("%H:%M"),
                after=gap[1].strftime("%H:%M"),
            )
        return tuple(found)

    def _check_theirs(self, theirs: dict[str, list[str]]) -> None:
        """Checks that need the settings: files, slugs, templates."""
        for name in FILE_KEYS:
            if name in theirs:
                self._check_file(name, " ".join(theirs[name]))
        if "slug" in theirs:
            slug = " ".join(theirs["slug"]).strip()
            clean = slugify(slug, regex_subs=self.settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
            if slug != clean:
                self._problem(
                    "slug",
                    "“%(value)s” cannot be used in an address: write %(clean)s.",
                    value=slug,
                    clean=clean or "mon-histoire",
                )
                del theirs["slug"]
        if "tags" in theirs:
            self._check_tags(theirs)
        if "template" in theirs:
            name = " ".join(theirs["template"]).strip().lower()
            theirs["template"] = [name]
            if not self._template_exists(name):
                self._problem(
                    "template", "There is no “%(value)s” template in the theme.", value=name
                )
                del theirs["template"]

    def _check_tags(self, theirs: dict[str, list[str]]) -> None:
        """A tag with no letter or digit has no address worth the name
        (``---`` gives /etiquettes/-/, ``!!!`` none at all, and Pelican would
        write its page over the list of all tags): an error on its line."""
        subs = self.settings.get(
            "TAG_REGEX_SUBSTITUTIONS", self.settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
        )
        kept = []
        for tag in " ".join(theirs["tags"]).split(","):
            if not tag.strip():
                continue
            if any(char.isalnum() for char in slugify(tag.strip(), regex_subs=subs)):
                kept.append(tag.strip())
                continue
            self._problem(
                "tags",
                "The tag “%(value)s” has no letter or digit, so it cannot have a page: write "
                "it with words, or delete it.",
                value=tag.strip(),
            )
        theirs["tags"] = [", ".join(kept)]
        if not kept:
            del theirs["tags"]

    def _template_exists(self, name: str) -> bool:
        folders = [
            *self.settings.get("THEME_TEMPLATES_OVERRIDES", []),
            os.path.join(self.settings["THEME"], "templates"),
        ]
        return "/" not in name and any(
            os.path.isfile(os.path.join(folder, f"{name}.html")) for folder in folders
        )

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
