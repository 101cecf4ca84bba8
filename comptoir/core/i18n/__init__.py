"""Translations and locale-aware formatting, with no system locale involved."""

from __future__ import annotations

from pelican.plugins import signals

from .errors import OwnerError
from .jinja import install
from .language import SUPPORTED, Language, language, site_gettext

__all__ = ["N_", "SUPPORTED", "Language", "OwnerError", "language", "register", "site_gettext"]


def N_(message: str) -> str:
    """Mark a message for translation without translating it yet."""
    return message


def on_generator_init(generator) -> None:
    """Give every generator's Jinja environment gettext and Babel filters."""
    install(generator.env, generator.settings)


def register() -> None:
    signals.generator_init.connect(on_generator_init)
