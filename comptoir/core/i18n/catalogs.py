"""Gettext catalogs read straight from ``.po`` files with Babel.

Why no ``.mo`` files: compiling in memory keeps one source of truth in git and
needs no build step; a catalog is a few kilobytes, so this costs milliseconds.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations


def load_catalogs(paths: Iterable[Path], locale: str) -> NullTranslations:
    """Merge the existing ``.po`` files in ``paths`` (earlier ones win)."""
    merged: NullTranslations | None = None
    for path in paths:
        if not path.is_file():
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=locale)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        translations = Translations(fp=buffer)
        if merged is None:
            merged = translations
        else:
            # Translations.merge lets the later catalog override: add the
            # earlier one as a fallback instead so earlier paths win.
            merged.add_fallback(translations)
    return merged or NullTranslations()
