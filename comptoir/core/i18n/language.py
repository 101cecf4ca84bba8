"""The site's languages: gettext for templates and messages, Babel for formats.

Nothing here calls ``locale.setlocale``: dates and numbers come from Babel's
CLDR data, so a French site builds the same on a machine with no French locale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal
from babel.support import NullTranslations

from .catalogs import load_catalogs

KIT_LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SUPPORTED = ("fr", "en")


@dataclass(frozen=True)
class Language:
    """One language of the site: its translations and its CLDR locale."""

    code: str
    locale: Locale
    translations: NullTranslations

    def gettext(self, message: str, **values: Any) -> str:
        text = self.translations.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        text = self.translations.ngettext(singular, plural, n)
        return text % ({"num": n} | values)

    def date(self, value: dt.date, form: str = "long") -> str:
        return format_date(value, format=form, locale=self.locale)

    def datetime(self, value: dt.datetime, form: str = "long") -> str:
        return format_datetime(value, format=form, locale=self.locale)

    def time(self, value: dt.time, form: str = "short") -> str:
        return format_time(value, format=form, locale=self.locale)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

    def duration(self, value: dt.timedelta) -> str:
        """``1 h 30 min``, ``45 min``: the compact form recipes use."""
        minutes = round(value.total_seconds() / 60)
        hours, minutes = divmod(minutes, 60)
        parts = []
        if hours:
            parts.append(self.gettext("%(h)s h", h=self.number(hours)))
        if minutes or not hours:
            parts.append(self.gettext("%(m)s min", m=self.number(minutes)))
        # No line break inside "1 h 30 min".
        return "\u00a0".join(parts).replace(" ", "\u00a0")


def theme_catalog(settings: dict[str, Any], code: str) -> Path:
    return Path(settings.get("THEME", "theme")) / "translations" / f"{code}.po"


def load_language(settings: dict[str, Any], code: str) -> Language:
    """The :class:`Language` ``code``: the theme's catalog, then the kit's."""
    paths = [theme_catalog(settings, code), KIT_LOCALE_DIR / f"{code}.po"]
    return Language(code, Locale.parse(code), load_catalogs(paths, code))


def language(settings: dict[str, Any], code: str | None = None) -> Language:
    """The :class:`Language` ``code`` (default: the site's), read afresh.

    For the owner's commands, which say a few things; a build keeps each
    language once (``Build.language``).
    """
    return load_language(settings, (code or settings.get("DEFAULT_LANG") or "fr").lower())


def site_gettext(settings: dict[str, Any], message: str, **values: Any) -> str:
    """Translate a kit message into the site's language (for owners' errors)."""
    return language(settings).gettext(message, **values)
