"""Comptoir settings: declared once by the plugin (or tool) that reads them,
checked once when a build starts.

Each plugin's ``PLUGIN.settings`` is a tuple of :class:`Setting`. Before
Pelican runs, every declared setting gets its default if the owner did not
set it, then its check runs; all failures are told together, each naming its
key and what to write instead. This module only declares and checks; the
build driver reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .i18n import N_, site_gettext

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


def whole_number(value: Any, least: int = 1) -> bool:
    """Whether ``value`` is a whole number of at least ``least`` (True is
    no number here, though Python counts it as 1)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def true_or_false(value: Any, _: dict[str, Any]) -> str | None:
    """The check of a yes/no setting."""
    return None if isinstance(value, bool) else N_("Write True or False.")


class SettingsError(Exception):
    """Settings that cannot work: ``problems`` holds (key, message) pairs,
    the messages in the site's language."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("\n".join(f"{key} — {message}" for key, message in problems))
        self.problems = problems


def apply(
    settings: dict[str, Any],
    declared: Iterable[Setting],
    gettext: Callable[..., str] | None = None,
) -> list[tuple[str, str]]:
    """Fill defaults and run checks; return the problems as (key, message),
    each message in the site's language (``gettext(msgid, **values)``)."""
    say = gettext or (lambda msgid, **values: site_gettext(settings, msgid, **values))
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
            problems.append((setting.name, say(msgid, **values)))
    return problems
