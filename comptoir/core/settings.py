"""Comptoir settings: declared once by each plugin, validated once at start-up.

Each Comptoir plugin module may expose ``SETTINGS``, a tuple of
:class:`Setting`. When Pelican starts, every declared setting gets its default
if the owner did not set it, then its check runs; all failures are reported
together as one :class:`SettingsError` naming each key and what to do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pelican.plugins import signals

from comptoir.core.i18n import N_, site_gettext
from comptoir.core.report import report_of

# A check returns None when fine, else a message (an English gettext msgid),
# or a (msgid, values) pair when the message names values.
Check = Callable[[Any, dict[str, Any]], str | tuple[str, dict[str, Any]] | None]


@dataclass(frozen=True)
class Setting:
    """A setting a plugin reads: its name, default and check.

    ``check(value, settings)`` returns ``None`` when the value is fine, else an
    English message (a gettext msgid) saying what is wrong and what to do.
    """

    name: str
    default: Any
    help: str
    check: Check | None = None


def true_or_false(value: Any, _: dict[str, Any]) -> str | None:
    """The check of a yes/no setting."""
    return None if isinstance(value, bool) else N_("Write True or False.")


class SettingsError(Exception):
    """Settings that cannot work: ``problems`` holds (key, message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("\n".join(f"{key} — {message}" for key, message in problems))
        self.problems = problems


def apply(settings: dict[str, Any], declared: Iterable[Setting]) -> list[tuple[str, str]]:
    """Fill defaults and run checks; return the problems in the site language."""
    problems = []
    for setting in declared:
        if setting.name not in settings:
            settings[setting.name] = setting.default
            continue
        if setting.check is None:
            continue
        message = setting.check(settings[setting.name], settings)
        if message:
            msgid, values = message if isinstance(message, tuple) else (message, {})
            problems.append((setting.name, site_gettext(settings, msgid, **values)))
    return problems


def declared_by(plugins: Iterable[Any]) -> list[Setting]:
    return [s for module in plugins for s in getattr(module, "SETTINGS", ())]


def on_initialized(pelican) -> None:
    """Validate every setting declared by the enabled plugins, then let each
    plugin derive what it needs (``configure(settings)``), in plugin order."""
    report_of(pelican.settings)
    problems = apply(pelican.settings, declared_by(pelican.plugins))
    if problems:
        raise SettingsError(problems)
    for module in pelican.plugins:
        configure = getattr(module, "configure", None)
        if configure is not None:
            configure(pelican.settings)


def register() -> None:
    signals.initialized.connect(on_initialized)
