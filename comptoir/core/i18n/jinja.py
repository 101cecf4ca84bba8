"""Jinja glue: gettext and Babel filters that follow each page's language.

A story's English translation is rendered in English by the same templates as
the French site, so every callable looks up the language of the page being
rendered (``article``/``page`` in the template context) at call time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from .language import Language, language
from .text import plain_text


def page_language(ctx: Context) -> Language:
    settings = ctx.get("COMPTOIR_SETTINGS") or {}
    for name in ("article", "page", "testimonial"):
        obj = ctx.get(name)
        lang = getattr(obj, "lang", None)
        if lang:
            return language(settings, lang)
    return language(settings)


def install(env: Environment, settings: dict[str, Any]) -> None:
    """Add gettext (``{% trans %}``, ``_()``) and formatting filters to ``env``."""
    env.add_extension("jinja2.ext.i18n")
    env.globals["COMPTOIR_SETTINGS"] = settings

    @pass_context
    def gettext(ctx: Context, message: str) -> str:
        return page_language(ctx).translations.gettext(message)

    @pass_context
    def ngettext(ctx: Context, singular: str, plural: str, n: int) -> str:
        return page_language(ctx).translations.ngettext(singular, plural, n)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]

    @pass_context
    def date(ctx: Context, value: dt.date, form: str = "long") -> str:
        return page_language(ctx).date(value, form)

    @pass_context
    def time(ctx: Context, value: dt.time, form: str = "short") -> str:
        return page_language(ctx).time(value, form)

    @pass_context
    def number(ctx: Context, value: float) -> str:
        return page_language(ctx).number(value)

    @pass_context
    def duration(ctx: Context, value: dt.timedelta) -> str:
        return page_language(ctx).duration(value)

    @pass_context
    def lang_code(ctx: Context) -> str:
        return page_language(ctx).code

    env.filters.update(date=date, time=time, number=number, duration=duration)
    env.filters["isodate"] = lambda value: value.isoformat()
    env.filters["striptags"] = plain_text
    env.globals["lang_code"] = lang_code
