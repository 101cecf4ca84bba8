"""A build's start: the plugins loaded and put in order, every declared
setting checked once, Pelican's derived settings and the site-wide values
worked out, and the Markdown extensions assembled in one place."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..i18n import N_
from ..plugin import Loaded, Plugin, PluginError, in_order, load
from ..report import Report
from ..settings import Setting, SettingsError, apply, whole_number
from . import hooks
from .context import Build

# The core's handlers (gettext in templates, the parallel writer, the
# generators kept), connected before every plugin's.
CORE = Loaded(Plugin("core"), hooks.register)


def _workers(value: Any, _: dict[str, Any]) -> str | None:
    if value is None or whole_number(value):
        return None
    return N_("Write a whole number of processes (1 or more), or None for one per core.")


# What the core itself reads.
CORE_SETTINGS = (
    Setting(
        "COMPTOIR_WORKERS",
        None,
        "Processes reading Markdown and writing pages (default: one per core; 1 turns it off).",
        _workers,
    ),
    Setting(
        "COMPTOIR_REUSE",
        True,
        "Keep the pages whose inputs did not change since the last build (False renders all).",
    ),
    Setting(
        "COMPTOIR_PREVIEW",
        False,
        "Preview mode: drafts and future posts are built, marked, and not indexed.",
    ),
)


def start(settings: dict[str, Any], report: Report, tools: Iterable[Setting] = ()) -> Build:
    """The :class:`Build` for ``settings``; raises :class:`SettingsError`.

    ``tools`` are the settings of the command that asked for the build
    (``invoke publish`` checks ``PUBLISH`` here, with everything else).
    """
    ours, others = load(settings.get("PLUGINS") or [])
    build = Build(settings, report, (CORE, *in_order(ours)))
    declared = [
        *CORE_SETTINGS,
        *(setting for loaded in build.plugins for setting in loaded.plugin.settings),
        *tools,
    ]
    problems = apply(settings, declared, build.gettext)
    if problems:
        raise SettingsError(problems)
    # Pelican loads the other plugins itself; Comptoir's are connected by
    # the build (Build.connected), in their order, with the build in hand.
    settings["PLUGINS"] = others
    settings.update(_derived(build))
    build.markdown = markdown_extensions(build.plugins)
    # What every page shows the same way, as the owner wrote it; plugins may
    # refine it (typography) or add to it (the logo, the palette).
    site: dict[str, Any] = {
        "name": settings.get("SITENAME", ""),
        "subtitle": settings.get("SITESUBTITLE"),
        "business": settings.get("BUSINESS") or {},
    }
    build.site = site
    for loaded in build.plugins:
        if loaded.plugin.start is not None:
            site.update(loaded.plugin.start(build) or {})
    build.freeze_site(site)
    return build


def markdown_extensions(plugins: Iterable[Loaded]) -> tuple[Any, ...]:
    """The one place Markdown extensions are assembled: every plugin's, by
    plugin name, whatever the order of ``PLUGINS``. Each extension says where
    its processors run (Python-Markdown's priorities); none of the kit's
    share a priority, so this order only breaks ties with the owner's."""
    chosen = sorted(plugins, key=lambda loaded: loaded.name)
    return tuple(make() for loaded in chosen for make in loaded.plugin.markdown)


def _derived(build: Build) -> dict[str, Any]:
    """Pelican's settings as the plugins derive them; two plugins may not
    disagree on one."""
    derived: dict[str, Any] = {}
    owner: dict[str, str] = {}
    for loaded in build.plugins:
        if loaded.plugin.pelican is None:
            continue
        for key, value in loaded.plugin.pelican(build).items():
            if key in derived and derived[key] != value:
                raise PluginError(f"{owner[key]} and {loaded.name} both set {key}")
            derived[key], owner[key] = value, loaded.name
    return derived
