"""Pages kept from the last build when nothing they were made of changed.

A full build after a one-story edit used to render every page again. Now,
while a page renders, the writer notes what it reads: the template names it
resolves (``articles``, ``tags``…) and every story or page whose attributes
it touches, from a template or from Python. The next build compares
fingerprints of those same inputs, plus a site key (the kit's and the
project's code, the theme, the translations, the settings, the day); a page
whose inputs all match is linked from the live site instead of rendered.

A story counts by the attributes a page read of it (fingerprint.py), so a
page that shows another story's title depends on that title; lists count
by identity and order, so a tag page depends on which stories it lists.
"""

from __future__ import annotations

import datetime
import os
import pickle
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.runtime import Context
from pelican.contents import Content

from ..artefacts import link_into
from ..report import replay
from .fingerprint import Fingerprints, digest, identity

RECORD_VERSION = 3
SKIPPED = frozenset({"__pycache__", "tests", "node_modules"})


def _tree(root: Path, into: list[str]) -> None:
    """Every file under ``root`` by path, size and date (code, templates,
    catalogs, theme files): any edit changes the site key."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED and not d.startswith("."))
        for name in sorted(files):
            into.append(_stamped(os.path.join(folder, name)))


def _stamped(path: str | Path) -> str:
    stat = os.stat(path)
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def code_roots(settings: Mapping[str, Any], project: Path) -> list[Path]:
    """The folders whose files shape every page: the kit's code, its plugins
    (installed as ``comptoir.plugins``), every other plugin's folder, the
    theme and its overrides."""
    kit = sys.modules.get("comptoir.plugins")
    roots = {Path(__file__).resolve().parents[2], *map(Path, getattr(kit, "__path__", ()))}
    for plugin in settings.get("PLUGINS") or ():
        module = sys.modules.get(plugin) if isinstance(plugin, str) else plugin
        for folder in getattr(module, "__path__", None) or [os.path.dirname(module.__file__)]:
            roots.add(Path(folder))
    folders = [settings.get("THEME") or "", *settings.get("THEME_TEMPLATES_OVERRIDES", ())]
    roots |= {Path(p) for p in [*folders, *settings.get("PLUGIN_PATHS", ())] if p}
    return sorted(r if r.is_absolute() else project / r for r in roots)


def site_key(settings: Mapping[str, Any], project: Path) -> str:
    """What every page depends on: code, theme, catalogs, settings, the day."""
    parts = [RECORD_VERSION, sys.version, jinja2.__version__]
    parts += [getattr(sys.modules.get(n), "__version__", "") for n in ("pelican", "markdown")]
    files: list[str] = []
    for root in code_roots(settings, project):
        if root.is_dir():
            _tree(root, files)
    # The settings files: a function they define (a Jinja filter) counts by
    # its code, which its name alone does not tell.
    files += [_stamped(path) for path in sorted(project.glob("*.py"))]
    # The staging folder's name changes at every build; what it stands for does not.
    stable = {k: v for k, v in settings.items() if k not in ("OUTPUT_PATH",)}
    # Pages may say "today" (a year, opening hours): a new day renders anew.
    parts += [datetime.date.today().isoformat(), Fingerprints().value(stable)]
    return digest("\n".join(map(str, parts + files)))


@dataclass
class Reads:
    """What one ``write_file`` call read while rendering, and wrote."""

    names: set[str] = field(default_factory=set)
    contents: dict[int, tuple[Content, set[str]]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    # Warnings logged while it rendered: a kept page tells them again.
    messages: list[tuple[int, str, str]] = field(default_factory=list)

    def reset(self) -> None:
        self.names.clear()
        self.contents.clear()
        self.files = []
        self.messages = []

    def sent(self) -> Seen:
        """What travels back from a page-writing process (no objects)."""
        return Seen(
            tuple(sorted(self.names)),
            tuple(sorted((identity(c), tuple(sorted(n))) for c, n in self.contents.values())),
            tuple(self.files),
            tuple(self.messages),
        )


@dataclass(frozen=True)
class Seen:
    """What a call read (template names, stories by identity) and wrote."""

    names: tuple[str, ...]
    contents: tuple[tuple[str, tuple[str, ...]], ...]  # (identity, attributes read)
    files: tuple[str, ...]
    messages: tuple[tuple[int, str, str], ...] = ()


@contextmanager
def recording(environments: Iterable[jinja2.Environment]) -> Iterator[Reads]:
    """While rendering: the yielded :class:`Reads` collects what is read
    (reset it before each page).

    Stories are read from templates and from Python helpers alike, so their
    class's attribute lookup is wrapped for the time of the rendering (and
    put back after, whatever happens).
    """
    page = Reads()

    class Recording(Context):
        def resolve_or_missing(self, key: str) -> Any:
            page.names.add(key)
            return super().resolve_or_missing(key)

    lookup = Content.__getattribute__

    def reading(item: Content, name: str) -> Any:
        read = page.contents.get(id(item))
        if read is None:
            read = page.contents[id(item)] = (item, set())
        read[1].add(name)
        return lookup(item, name)

    saved = [(env, env.context_class) for env in set(environments)]
    for env, _ in saved:
        env.context_class = Recording
    Content.__getattribute__ = reading  # type: ignore[method-assign]
    try:
        yield page
    finally:
        Content.__getattribute__ = lookup  # type: ignore[method-assign]
        for env, context_class in saved:
            env.context_class = context_class


Call = tuple[tuple, dict]


@dataclass(frozen=True)
class Entry:
    """One call of the last build: its key, what it read, the files it wrote
    with their size and date once in place."""

    key: str
    seen: Seen
    files: dict[str, tuple[int, int]]


@dataclass
class Record:
    site: str
    entries: dict[str, Entry] = field(default_factory=dict)


class Reuse:
    """One build's side of the comparison, used by the writer at ``flush``."""

    def __init__(self, site: str, live: Path | None, record_path: Path) -> None:
        self.site = site
        self.live = live
        self.record_path = record_path
        self.prints = Fingerprints()
        self.kept = 0
        self._last = self._load()
        self._contents: dict[str, Content] = {}
        self._bound: dict[tuple[tuple[str, int], ...], tuple[tuple, str]] = {}
        self._folders: set[str] = set()  # made in the staging folder
        # This build's calls: name -> (key, what it read), for the record.
        self.made: dict[str, tuple[str, Seen]] = {}
        # The kept calls' entries: their files are the live ones, unchanged.
        self._kept_entries: dict[str, Entry] = {}

    def _load(self) -> Record | None:
        try:
            with open(self.record_path, "rb") as file:
                record = pickle.load(file)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            return None
        return record if isinstance(record, Record) and record.site == self.site else None

    def index(self, contents: Iterable[Content]) -> None:
        """The stories and pages of this build, to look up by identity."""
        self._contents = {identity(c): c for c in contents if isinstance(c, Content)}

    def key(self, call: Call, seen: Seen) -> str | None:
        """The call's key from what it read; None when something it read is gone."""
        (name, template, context, *args), kwargs = call
        parts = [self.site, name, getattr(template, "name", str(template))]
        parts += [self.prints.value(args), self.prints.value(kwargs)]
        bound = tuple((r, context[r]) for r in seen.names if r in context and r not in kwargs)
        # Most pages read the same names bound to the same objects (the
        # site-wide values): their part is worked out once (0.5 s of CPU at
        # 20,000 pages). Fingerprints go by identity too (fingerprint.py).
        shared = tuple((read, id(value)) for read, value in bound)
        known = self._bound.get(shared)
        if known is None:
            text = "\n".join(f"{read}={self.prints.value(value)}" for read, value in bound)
            # The values kept with it, so that no id is reused meanwhile.
            known = self._bound[shared] = (bound, text)
        parts.append(known[1])
        for ident, names in seen.contents:
            item = self._contents.get(ident)
            if item is None:
                return None
            parts.append(f"{ident}={self.prints.content(item, names)}")
        return digest("\n".join(parts))

    def place(self, call: Call, staging: Path | None) -> bool:
        """Link into ``staging`` the files of ``call`` when its inputs are
        the last build's (``None``: they stay in the live site, patch.py),
        and tell again what rendering it logged; whether it was. Forked
        page writers call it: it records nothing here (the build does, with
        :meth:`kept_as_before`)."""
        if self._last is None or self.live is None:
            return False
        last = self._last.entries.get(call[0][0])
        if last is None or self.key(call, last.seen) != last.key:
            return False
        live = os.fspath(self.live)
        found = [(os.path.join(live, rel), rel) for rel in last.files]
        for (path, _), (size, mtime) in zip(found, last.files.values(), strict=True):
            try:
                stat = os.stat(path)
            except OSError:
                return False
            if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
                return False
        if staging is not None:
            link_into(staging, found, self._folders)
        # What rendering it logged (a broken link…) is this build's too.
        replay(list(last.seen.messages))
        return True

    def kept_as_before(self, call: Call) -> Entry:
        """Note a call :meth:`place` kept, for the next build; its entry."""
        assert self._last is not None
        last = self._last.entries[call[0][0]]
        self.made[call[0][0]] = (last.key, last.seen)
        self._kept_entries[call[0][0]] = last
        self.kept += 1
        return last

    def remember(self, call: Call, seen: Seen) -> None:
        """Note what a rendered call read, for the next build."""
        key = self.key(call, seen)
        if key is not None:
            self.made[call[0][0]] = (key, seen)

    def save(self, output: Path) -> None:
        """Write the record, the files' sizes and dates read in ``output``
        (the live site, once swapped in); atomically."""
        entries = {}
        # The same attributes are read from many stories: one tuple each,
        # so the pickle stores it once.
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        for name, (key, seen) in self.made.items():
            # A kept page's files were linked from the live site, whose
            # sizes and dates place() checked: the same inodes, untouched
            # since (atomic.keep_times only dates files it did not link).
            if name in self._kept_entries:
                entries[name] = self._kept_entries[name]
                continue
            contents = tuple((i, shared.setdefault(n, n)) for i, n in seen.contents)
            names = shared.setdefault(seen.names, seen.names)
            seen = Seen(names, contents, seen.files, seen.messages)
            try:
                stats = {rel: os.stat(output / rel) for rel in seen.files}
            except OSError:
                continue
            files = {rel: (s.st_size, s.st_mtime_ns) for rel, s in stats.items()}
            entries[name] = Entry(key, seen, files)
        self.record_path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.record_path.with_suffix(".partial")
        with open(partial, "wb") as file:
            pickle.dump(Record(self.site, entries), file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self.record_path)
