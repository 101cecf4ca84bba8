"""Checks on a file's header: Summary, title, alt texts, unknown keys, and
why a draft or a future post is not online."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from typing import Any

from comptoir.core.i18n import N_
from comptoir.core.i18n.text import plain_text
from comptoir.plugins.content.contract import key_map
from comptoir.plugins.content.reader import LINES, TWICE

from .items import Item

# What search results show (Google cuts descriptions near 160 characters and
# titles near 600 px, about 60 characters); below 50 a description says too
# little to be shown at all.
SUMMARY_MIN, SUMMARY_MAX, TITLE_MAX = 50, 160, 60
# Keys Pelican itself reads, which the contract leaves to advanced owners.
PELICAN_KEYS = ("save_as", "url")
# An owner writing in French may name keys in French: say which one they meant.
FRENCH_KEYS = {
    "titre": "title",
    "resume": "summary",
    "description": "summary",
    "etiquettes": "tags",
    "etiquette": "tags",
    "tag": "tags",
    "auteur": "author",
    "statut": "status",
    "langue": "lang",
    "traduction": "translation",
    "nom": "name",
    "consentement": "consent",
    "note": "rating",
    "lieu": "location",
    "duree": "duration",
    "ingredients": "supplies",
    "outils": "tools",
    "difficulte": "difficulty",
    "rendement": "yield",
    "photo_description": "photo_alt",
    "temoignages": "testimonials",
}

# A finding before translation: (key, line, severity, msgid, values).
Finding = tuple[str | None, int | None, str, str, dict[str, Any]]
# A finding and where it belongs: a file's item, or a place named by text ("theme").
Placed = tuple[Item | str, Finding]


def check_header(item: Item, now: dt.datetime) -> Iterator[Finding]:
    """Everything wrong with one file's header."""
    content, lines = item.content, getattr(item.content, LINES, {})
    yield from _unknown_keys(item.kind, lines)
    if item.state == "draft":
        yield from _why_not_online(item, lines, now)
        return
    if item.state != "published":
        return
    yield from _twice(content, lines)
    if getattr(content, "feed_id_shared", False):
        yield (
            "date",
            lines.get("date"),
            "warning",
            N_(
                "This file has no Id and another one of its kind has the same date: its feed "
                "id comes from its file name, so renaming the file would show it again as new "
                "in feed readers. Run `invoke ids` to give every file an Id of its own."
            ),
            {},
        )
    if item.kind != "testimonial":
        yield from _summary(content, lines)
        title = plain_text(getattr(content, "title", ""))
        if len(title) > TITLE_MAX:
            yield (
                "title",
                lines.get("title"),
                "warning",
                N_(
                    "This title has %(n)d characters: search results cut it after about "
                    "%(max)d; shorten it, keeping the important words first."
                ),
                {"n": len(title), "max": TITLE_MAX},
            )
    for key, alt in (("image", "image_alt"), ("photo", "photo_alt")):
        if getattr(content, key, None) and not plain_text(getattr(content, alt, "")):
            yield (
                key,
                lines.get(key),
                "warning",
                N_(
                    "This photo has no description, so readers who cannot see it get "
                    "nothing: add a “%(alt)s:” line saying what it shows."
                ),
                {"alt": alt.capitalize()},
            )


def _twice(content: Any, lines: dict[str, int]) -> Iterator[Finding]:
    """A time the clocks show twice (the night they go back): read as the first."""
    for key in getattr(content, TWICE, ()):
        value = getattr(content, key)
        offset = value.strftime("%z")
        yield (
            key,
            lines.get(key),
            "warning",
            N_(
                "%(value)s happens twice in %(zone)s, the night the clocks go back: it is read "
                "as the first time (UTC%(offset)s). Write another time to leave no doubt."
            ),
            {
                "value": value.strftime("%Y-%m-%d %H:%M"),
                "zone": str(value.tzinfo),
                "offset": f"{offset[:3]}:{offset[3:]}",
            },
        )


def _summary(content: Any, lines: dict[str, int]) -> Iterator[Finding]:
    if "summary" not in content.metadata:
        yield (
            "summary",
            lines.get("title", 1),
            "warning",
            N_(
                "This has no Summary, so search engines show a piece of the text instead: "
                "add a “Summary:” line of %(min)d to %(max)d characters saying what it is about."
            ),
            {"min": SUMMARY_MIN, "max": SUMMARY_MAX},
        )
        return
    length = len(plain_text(content.metadata["summary"]))
    if length < SUMMARY_MIN:
        msgid = N_(
            "This Summary has %(n)d characters, too few for search results (%(min)d to "
            "%(max)d): say a little more about what the reader will find."
        )
    elif length > SUMMARY_MAX:
        msgid = N_(
            "This Summary has %(n)d characters: search results cut it after about %(max)d; "
            "shorten it."
        )
    else:
        return
    values = {"n": length, "min": SUMMARY_MIN, "max": SUMMARY_MAX}
    yield "summary", lines.get("summary"), "warning", msgid, values


def _unknown_keys(kind: str, lines: dict[str, int]) -> Iterator[Finding]:
    known = [*key_map(kind), *PELICAN_KEYS]
    for key, line in sorted(lines.items(), key=lambda pair: pair[1]):
        if key in known:
            continue
        guess = FRENCH_KEYS.get(key)
        if guess not in known:
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.7)
            guess = close[0] if close else None
        shown = key.capitalize()
        if guess:
            msgid = N_(
                "Comptoir does not know the key “%(key)s”, so it does nothing: did you mean "
                "“%(guess)s”?"
            )
            yield key, line, "warning", msgid, {"key": shown, "guess": guess.capitalize()}
        else:
            msgid = N_(
                "Comptoir does not know the key “%(key)s”, so it does nothing: check its "
                "spelling in the README (Writing content), or delete the line."
            )
            yield key, line, "warning", msgid, {"key": shown}


def _why_not_online(item: Item, lines: dict[str, int], now: dt.datetime) -> Iterator[Finding]:
    """A draft is told as info: the owner learns why it is not on the site."""
    content = item.content
    consent = getattr(content, "consent", None)
    date = getattr(content, "date", None)
    if str(content.metadata.get("status", "")) == "draft" or "status" in lines:
        msgid = N_(
            "This is a draft, so it is not on the site: write “Status: published” when it is ready."
        )
        yield "status", lines.get("status"), "info", msgid, {}
    elif consent is not None and consent > now:
        msgid = N_(
            "The customer's consent is dated %(date)s, in the future, so this testimonial "
            "is not on the site yet."
        )
        yield "consent", lines.get("consent"), "info", msgid, {"date": consent}
    elif date is not None and date > now:
        msgid = N_(
            "This is dated %(date)s, in the future, so it is not on the site yet: it goes "
            "online with the first build or publish from that date."
        )
        yield "date", lines.get("date"), "info", msgid, {"date": date}
