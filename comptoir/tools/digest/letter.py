"""Draw a :class:`~.model.Letter`: the email's HTML and its plain-text twin.

The theme's ``digest/letter.html`` writes the HTML with two ``<style>``
blocks; css-inline copies the first's rules into ``style=`` attributes (mail
apps that drop ``<style>`` still show the letter as drawn) and removes it, and
leaves the second, marked ``data-css-inline="keep"``, where it is: the
``@media`` rules (small screens, dark mode) that no attribute can hold.
The text part is read from that same final HTML by inscriptis, links
written out, so both parts always say the same thing.
"""

from __future__ import annotations

import re
from pathlib import Path

import css_inline
from inscriptis import get_text
from inscriptis.model.config import ParserConfig
from jinja2 import Environment

from comptoir.core.i18n import Language
from comptoir.core.i18n.jinja import document_environment
from comptoir.plugins.business.brand import is_colour, mix, readable_on

from .model import Letter

TEMPLATE = "digest/letter.html"
# The letter's dark theme: a mail app's dark mode, not the site's palette.
DARK_BACKGROUND = "#1d1712"
DARK_TEXT = "#f3e8d6"
# Dates, labels and the footer: the text colour faded towards the background.
MUTED = 0.25
_BLANK_LINES = re.compile(r"\n{4,}")


def palette(letter: Letter) -> dict[str, str]:
    """The letter's colours, light and dark, from the shop's brand colours.

    Raises :class:`ValueError` if a brand colour is not ``#rgb``/``#rrggbb``:
    they are written into CSS, where anything else has no business.
    """
    shop = letter.shop
    light = {
        "primary": shop.primary,
        "on_primary": shop.on_primary,
        "background": shop.background,
        "text": shop.text,
    }
    for name, value in light.items():
        if not is_colour(value):
            raise ValueError(f"shop colour {name} is not #rrggbb: {value!r}")
    dark_primary = readable_on(shop.primary, DARK_BACKGROUND)
    return light | {
        "muted": mix(shop.text, shop.background, MUTED),
        "line": mix(shop.text, shop.background, 0.82),
        "dark_primary": dark_primary,
        "dark_on_primary": DARK_BACKGROUND,
        "dark_background": DARK_BACKGROUND,
        "dark_text": DARK_TEXT,
        "dark_muted": mix(DARK_TEXT, DARK_BACKGROUND, MUTED),
        "dark_line": mix(DARK_TEXT, DARK_BACKGROUND, 0.82),
    }


def environment(theme: Path, language: Language) -> Environment:
    """A Jinja environment on the theme's templates, speaking ``language``."""
    env = document_environment(theme, language)
    env.filters["date"] = lambda value: language.date(value, "long")
    return env


def inline(html: str) -> str:
    """``html`` with its CSS in ``style=`` attributes, ``<style>`` blocks gone
    but those marked ``data-css-inline="keep"``; nothing is ever fetched."""
    inliner = css_inline.CSSInliner(load_remote_stylesheets=False)
    return inliner.inline(html)


def text_part(html: str) -> str:
    """The plain-text part, read from the final HTML, links written out."""
    text = get_text(html, ParserConfig(display_links=True))
    lines = "\n".join(line.rstrip() for line in text.splitlines())
    return _BLANK_LINES.sub("\n\n\n", lines).strip("\n") + "\n"


def render(letter: Letter, theme: Path, language: Language) -> tuple[str, str]:
    """The letter as ``(html, text)``, in ``language``, drawn by ``theme``."""
    template = environment(theme, language).get_template(TEMPLATE)
    html = inline(template.render(letter=letter, colours=palette(letter)))
    return html, text_part(html)
