"""What a Comptoir plugin declares, and the order plugins run in.

A plugin is a module under ``plugins/`` with a :class:`Plugin` named
``PLUGIN`` (its name, its settings, its Markdown extensions, what it derives
for Pelican, the plugins it must run after) and a ``register(build)`` that
connects its handlers to Pelican's signals for one build (see
:meth:`comptoir.core.build.context.Build.connect`). The build driver imports
the plugins named in ``PLUGINS``, puts them in order and connects them; no
plugin writes into the settings dict, and the list's own order does not
matter.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .settings import Setting

if TYPE_CHECKING:
    from markdown import Extension

    from .build.context import Build

# After every other plugin (one that checks or lists what the others wrote).
LAST = "*"


@dataclass(frozen=True)
class Plugin:
    """One plugin's declaration.

    ``pelican(build)`` returns the Pelican settings the plugin derives from
    its own (URL patterns, folders to leave to it); ``start(build)`` runs
    once the settings are valid, may report problems, and returns the
    site-wide values it adds to ``build.site`` (the same on every page).
    ``after`` names the plugins whose handlers must run before this one's,
    on every signal, when they are enabled; :data:`LAST` puts it after all
    the others.
    """

    name: str
    settings: tuple[Setting, ...] = ()
    markdown: tuple[Callable[[], Extension], ...] = ()
    after: tuple[str, ...] = ()
    pelican: Callable[[Build], Mapping[str, Any]] | None = None
    start: Callable[[Build], Mapping[str, Any] | None] | None = None


@dataclass(frozen=True)
class Loaded:
    """A plugin module: its declaration and its ``register(build)``."""

    plugin: Plugin
    register: Callable[[Build], None]

    @property
    def name(self) -> str:
        return self.plugin.name


class PluginError(Exception):
    """A plugin list that cannot be put in order (a developer's mistake)."""


def load(names: Iterable[Any]) -> tuple[list[Loaded], list[Any]]:
    """Comptoir's plugins among ``names`` (modules with a ``PLUGIN``), and
    the others, left for Pelican to load as usual."""
    ours: list[Loaded] = []
    others: list[Any] = []
    for name in names:
        try:
            module = importlib.import_module(name) if isinstance(name, str) else name
        except ImportError:
            # Pelican finds it (PLUGIN_PATHS, namespace plugins), or says it cannot.
            others.append(name)
            continue
        declared = getattr(module, "PLUGIN", None) if isinstance(module, ModuleType) else None
        if isinstance(declared, Plugin):
            ours.append(Loaded(declared, module.register))
        else:
            others.append(name)
    return ours, others


def in_order(plugins: list[Loaded]) -> list[Loaded]:
    """``plugins`` with each after those it names; otherwise as listed.

    Every order this gives for some shuffling of the list must build the same
    site (a test shuffles it): whatever one plugin needs of another is said
    in ``after``, never left to the list's order.
    """
    names = {p.name for p in plugins}
    if len(names) != len(plugins):
        raise PluginError("two plugins have the same name")
    last = {p.name for p in plugins if LAST in p.plugin.after}
    needs: dict[str, set[str]] = {}
    for p in plugins:
        # A plugin turned off is simply not waited for.
        wanted = {n for n in p.plugin.after if n in names}
        if p.name in last:
            wanted |= names - last
        needs[p.name] = wanted
    ordered: list[Loaded] = []
    done: set[str] = set()
    waiting = list(plugins)
    while waiting:
        ready = next((p for p in waiting if needs[p.name] <= done), None)
        if ready is None:
            stuck = ", ".join(p.name for p in waiting)
            raise PluginError(f"these plugins wait for each other: {stuck}")
        waiting.remove(ready)
        ordered.append(ready)
        done.add(ready.name)
    return ordered
