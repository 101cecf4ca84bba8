"""An error whose message is for the owner: a gettext msgid and its values,
translated into the site's language where it is shown."""

from __future__ import annotations

from typing import Any

from .language import site_gettext


class OwnerError(ValueError):
    def __init__(self, message: str, **values: Any):
        super().__init__(message % values if values else message)
        self.message = message
        self.values = values

    def __reduce__(self) -> tuple:
        # Crosses process boundaries (parallel reading) with its values, so
        # it can still be translated on the other side.
        return (_rebuild, (type(self), self.message, self.values))

    def translated(self, settings: dict[str, Any]) -> str:
        return site_gettext(settings, self.message, **self.values)


def _rebuild(cls: type, message: str, values: dict[str, Any]) -> OwnerError:
    return cls(message, **values)
