"""Jinja glue: gettext and Babel filters that follow each page's language.

A story's English translation is rendered in English by the same templates as
the French site, so every callable looks up the language of the page being
rendered (``article``/``page`` in the template context) at call time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context

from .language import Language
from .text import plain_text

if TYPE_CHECKING:
    from ..build.context import Build


def page_language(build: Build, ctx: Context) -> Language:
    """The language of the page being rendered (its item's, a generated
    page's ``page_lang``, else the site's)."""
    for name in ("article", "page", "testimonial"):
        obj = ctx.get(name)
        lang = getattr(obj, "lang", None)
        if lang:
            return build.language(lang)
    return build.language(ctx.get("page_lang"))


def install(env: Environment, build: Build) -> None:
    """Add gettext (``{% trans %}``, ``_()``) and formatting filters to ``env``."""
    env.add_extension("jinja2.ext.i18n")

    @pass_context
    def gettext(ctx: Context, message: str) -> str:
        return page_language(build, ctx).translations.gettext(message)

    @pass_context
    def ngettext(ctx: Context, singular: str, plural: str, n: int) -> str:
        return page_language(build, ctx).translations.ngettext(singular, plural, n)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]

    @pass_context
    def date(ctx: Context, value: dt.date, form: str = "long") -> str:
        return page_language(build, ctx).date(value, form)

    @pass_context
    def time(ctx: Context, value: dt.time, form: str = "short") -> str:
        return page_language(build, ctx).time(value, form)

    @pass_context
    def number(ctx: Context, value: float) -> str:
        return page_language(build, ctx).number(value)

    @pass_context
    def duration(ctx: Context, value: dt.timedelta) -> str:
        return page_language(build, ctx).duration(value)

    @pass_context
    def lang_code(ctx: Context) -> str:
        return page_language(build, ctx).code

    env.filters.update(date=date, time=time, number=number, duration=duration)
    env.filters["isodate"] = lambda value: value.isoformat()
    env.filters["striptags"] = plain_text
    env.globals["lang_code"] = lang_code


def document_environment(theme: Path, language: Language) -> Environment:
    """A Jinja environment on ``theme``'s templates for a document made
    outside a build (the letter, the statistics report): one language,
    autoescaped, a missing value an error, ``_``/``gettext``/``ngettext``."""
    env = Environment(
        loader=FileSystemLoader(str(Path(theme) / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(_=language.gettext, gettext=language.gettext, ngettext=language.ngettext)
    return env
