"""Translations and locale-aware formatting, with no system locale involved.
It owns the kit's message catalogs (``locale/``), the :class:`Language` of
each site language (gettext plus Babel's dates and numbers) and the Jinja
glue every template gets. It imports nothing of the build, the plugins or
the tools, and never calls ``setlocale``.
"""

from __future__ import annotations

from .errors import OwnerError
from .language import SUPPORTED, Language, language, site_gettext

__all__ = ["N_", "SUPPORTED", "Language", "OwnerError", "language", "site_gettext"]


def N_(message: str) -> str:
    """Mark a message for translation without translating it yet."""
    return message
