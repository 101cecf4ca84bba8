"""The build context: what one build knows, made by the driver and handed to
every plugin's ``register(build)``.

It holds the settings (read and checked once), the report, the site-wide
values (the same on every page), the build's languages, the objects plugins
keep for the build (caches, prefetched content: :meth:`Build.part`), and the
signal handlers connected for it. A new build gets a new context, so
livereload rebuilds in one process with nothing left over from the last one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from blinker import Signal

from ..i18n.language import Language, load_language
from ..plugin import Loaded
from ..report import Report

T = TypeVar("T")


@dataclass(eq=False)
class Build:
    """One build: see the module's docstring. Plugins read ``settings`` and
    ``site``; they report to ``report`` and keep their own state in parts."""

    settings: dict[str, Any]
    report: Report
    # The core's own hooks first, then the plugins, in the order they run.
    plugins: tuple[Loaded, ...] = ()
    markdown: tuple[Any, ...] = ()  # the Markdown extensions the plugins declared
    site: Mapping[str, Any] = field(default_factory=dict)
    # Set while Pelican runs (core hooks): livereload and the checks read them.
    generators: list[Any] = field(default_factory=list)
    writer: Any = None
    # The live output the build will replace, and what every page depends
    # on: pages whose inputs did not change are kept from it (reuse.py).
    live_output: Path | None = None
    site_key: str | None = None  # set by the driver when COMPTOIR_REUSE is on
    # Set by the driver: the live site is brought up to date in place
    # (patch.py), so kept pages' files stay where they are, listed here
    # (relative paths, by the writer) instead of linked into the staging folder.
    patching: bool = False
    kept_files: set[str] = field(default_factory=set)
    _languages: dict[str, Language] = field(default_factory=dict)
    _parts: dict[type, Any] = field(default_factory=dict)
    _receivers: list[tuple[Signal, Callable[..., Any]]] = field(default_factory=list)

    @property
    def preview(self) -> bool:
        """Drafts and future posts built, marked (livereload, build --preview)."""
        return bool(self.settings.get("COMPTOIR_PREVIEW"))

    def language(self, code: str | None = None) -> Language:
        """The site's language, or ``code``: loaded once a build."""
        code = (code or self.settings.get("DEFAULT_LANG") or "fr").lower()
        if code not in self._languages:
            self._languages[code] = load_language(self.settings, code)
        return self._languages[code]

    def gettext(self, message: str, **values: Any) -> str:
        """A kit message in the site's language."""
        return self.language().gettext(message, **values)

    def part(self, kind: type[T]) -> T:
        """The build's one ``kind`` (made as ``kind(build)`` on first use): how
        a plugin keeps a registry or a cache for the length of a build."""
        found = self._parts.get(kind)
        if found is None:
            found = self._parts[kind] = kind(self)  # type: ignore[call-arg]
        return found

    def parts(self) -> list[Any]:
        """Every part made so far (parallel reading hands their changes back)."""
        return list(self._parts.values())

    def connect(self, signal: Signal, handler: Callable[..., Any]) -> None:
        """Connect ``handler(build, sender, **kwargs)`` to a Pelican signal for
        this build; :meth:`connected` disconnects it when the build is over."""
        receiver = functools.partial(handler, self)
        signal.connect(receiver, weak=False)
        self._receivers.append((signal, receiver))

    @contextmanager
    def connected(self) -> Iterator[Build]:
        """Every plugin connected, in order, for as long as the block runs
        (the build, or livereload reading one file again)."""
        for loaded in self.plugins:
            loaded.register(self)
        try:
            yield self
        finally:
            for signal, receiver in reversed(self._receivers):
                signal.disconnect(receiver)
            self._receivers.clear()

    def in_place(self) -> tuple[Path, set[str]] | None:
        """The live site and the files kept in it, when this build patches
        it in place (patch.py); artefacts already there stay (``link_into``)."""
        if self.patching and self.live_output is not None:
            return self.live_output, self.kept_files
        return None

    def freeze_site(self, values: Mapping[str, Any]) -> None:
        self.site = MappingProxyType(dict(values))


def for_build(cls: type[T], build: Build) -> type[T]:
    """``cls`` with ``build`` as a class attribute.

    Pelican makes generators, writers and readers itself from the classes it
    is given (it checks ``isinstance(x, type)``), so a class made for this
    build is how the build reaches them.
    """
    return type(cls.__name__, (cls,), {"build": build, "__module__": cls.__module__})
