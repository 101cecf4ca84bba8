"""The business profile and brand: who the site speaks for, and its colours.
It owns the checks of ``BUSINESS`` and ``BRAND``, the opening hours
(``site["hours"]``, shown by ``opening_hours()`` in the page's language) and
the palette (``site["palette"]``), and warns when colours are too faint. It
writes no file and changes no setting.
"""

from __future__ import annotations

import os
from typing import Any

from babel.dates import format_time, get_day_names
from jinja2 import pass_context
from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.i18n import N_
from comptoir.core.i18n.jinja import page_language
from comptoir.core.plugin import Plugin
from comptoir.core.report import setting_line
from comptoir.core.settings import Setting

from .brand import contrast_failures, is_colour, palette
from .hours import HoursError, Opening, parse_hours

REQUIRED_BUSINESS = ("name", "type", "description")
# The shape each BUSINESS key must have, with an example an owner can copy.
SHAPES = (
    ("name", str, '"Boulangerie Les Deux Épis"'),
    ("type", str, '"Bakery"'),
    ("description", str, '"Boulangerie au levain…"'),
    ("address", dict, '{"street": "12 rue des Tanneurs", "postal_code": "69001", "city": "Lyon"}'),
    ("phone", str, '"04 65 71 12 34"'),
    ("email", str, '"bonjour@example.fr"'),
    ("opening_hours", str, '"mar-ven 7:00-19:30; sam 7:00-13:00"'),
    ("cta", dict, '{"label": "Commander", "url": "/contact/"}'),
    ("social", list, '["https://www.instagram.com/…"]'),
)


def _check_business(value: Any, settings: dict[str, Any]) -> str | None:
    if not isinstance(value, dict):
        return N_("BUSINESS must be a dict, like the example in pelicanconf.py.")
    missing = [key for key in REQUIRED_BUSINESS if not value.get(key)]
    if missing:
        return N_("Fill in these keys of BUSINESS: %(keys)s."), {"keys": ", ".join(missing)}
    for key, kind, example in SHAPES:
        if key in value and not isinstance(value[key], kind):
            return N_("BUSINESS['%(key)s'] must be written like %(example)s."), {
                "key": key,
                "example": example,
            }
    if value.get("opening_hours"):
        try:
            parse_hours(value["opening_hours"])
        except HoursError as error:
            reason = error.translated(settings)
            return N_("BUSINESS['opening_hours']: %(reason)s."), {"reason": reason}
    return None


def _check_brand(value: Any, settings: dict[str, Any]) -> str | None:
    if not isinstance(value, dict):
        return N_("BRAND must be a dict, like the example in pelicanconf.py.")
    for key in ("primary", "on_primary", "background", "text"):
        if not is_colour(value.get(key)):
            return N_("BRAND['%(key)s'] must be a colour written like #8a3b12."), {"key": key}
    for key in ("logo", "icon"):
        name = value.get(key)
        if name and not os.path.isfile(os.path.join(settings["PATH"], name)):
            return N_("BRAND['%(key)s']: %(file)s is not in the content folder."), {
                "key": key,
                "file": name,
            }
    return None


SETTINGS = (
    Setting("BUSINESS", {}, "The business profile (name, type, address, hours…).", _check_business),
    Setting(
        "BRAND",
        {
            "primary": "#8a3b12",
            "on_primary": "#ffffff",
            "background": "#fffaf3",
            "text": "#2b1d14",
            "logo": "",
        },
        "Brand colours and logo.",
        _check_brand,
    ),
)


def site_values(build: Build) -> dict[str, Any]:
    """The opening hours and palette every page shows; warn on weak contrast.

    (The logo's responsive versions come from comptoir.plugins.images.)"""
    settings = build.settings
    business, brand = settings["BUSINESS"], settings["BRAND"]
    words = build.language()
    report = build.report
    conf = os.path.join(report.root, "pelicanconf.py")
    for fore, back, ratio in contrast_failures(brand):
        report.add(
            conf,
            words.gettext(
                "BRAND['%(fore)s'] on BRAND['%(back)s'] has a contrast of %(ratio)s:1, "
                "below the %(aa)s:1 that people with low vision need: darken or lighten one.",
                fore=fore,
                back=back,
                ratio=words.number(round(ratio, 1)),
                aa=words.number(4.5),
            ),
            key="BRAND",
            line=setting_line(conf, "BRAND"),
            severity="warning",
        )
    hours = parse_hours(business["opening_hours"]) if business.get("opening_hours") else ()
    return {"hours": hours, "palette": palette(brand)}


PLUGIN = Plugin("business", settings=SETTINGS, start=site_values)


def hours_lines(openings: tuple[Opening, ...], locale: Any) -> list[tuple[str, str]]:
    """``[("lundi – vendredi", "07:00–19:30"), …]`` in the page's language."""
    names = get_day_names("wide", locale=locale)
    lines = []
    for opening in openings:
        days = opening.days
        contiguous = list(days) == list(range(days[0], days[0] + len(days)))
        if len(days) > 2 and contiguous:
            label = f"{names[days[0]]} – {names[days[-1]]}"
        else:
            label = ", ".join(names[d] for d in days)
        times = ", ".join(
            f"{format_time(a, 'short', locale=locale)}–{format_time(b, 'short', locale=locale)}"
            for a, b in opening.ranges
        )
        lines.append((label[0].upper() + label[1:], times))
    return lines


def on_generator_init(build: Build, generator: Any) -> None:
    """Give templates ``opening_hours()`` in the page's language."""

    # Worked out once per language for the build, not once per page (each
    # page's footer shows them: 1,441 times on 1,000 stories).
    known: dict[str, list[tuple[str, str]]] = {}

    @pass_context
    def opening_hours(ctx: Any) -> list[tuple[str, str]]:
        language = page_language(build, ctx)
        if language.code not in known:
            known[language.code] = hours_lines(build.site["hours"], language.locale)
        return known[language.code]

    generator.env.globals["opening_hours"] = opening_hours


def register(build: Build) -> None:
    build.connect(signals.generator_init, on_generator_init)
