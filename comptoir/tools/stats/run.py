"""``invoke stats LOG...``: read the logs, count, write ``rapport/`` and say
the main figures in the terminal, in the site's language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from comptoir.core.i18n import N_, Language, OwnerError, language

from .fetch import fetch
from .figures import figures
from .formats import NAMES
from .referrers import site_of
from .report import write_report
from .site import Facts, read_facts
from .sources import Unread, expand, read
from .tally import Scope, Tally

TOP = 5  # pages in the terminal summary


class StatsError(OwnerError):
    """A run that cannot go on: a bad option, no log, a report in the site."""


@dataclass
class Options:
    """The command line, as read."""

    logs: list[str] = field(default_factory=list)
    out: Path = Path("rapport")
    since: str = ""
    until: str = ""
    sites: tuple[str, ...] = ()
    format: str = ""
    fetch: bool = False


@dataclass
class Done:
    """What the run did, told in the site's language."""

    ok: bool
    lines: list[str] = field(default_factory=list)


def _date(value: str, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise StatsError(
            N_("--%(option)s takes a date written 2026-11-30, not “%(value)s”."),
            option=option,
            value=value,
        ) from None


def printable(text: str, limit: int = 80) -> str:
    """A string from a log, safe for a terminal: control characters escaped, cut."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_out(out: Path, facts: Facts) -> None:
    """The report never goes where the site is built or read from: it would
    be published."""
    for folder in (facts.output, facts.content):
        if _inside(out.resolve(), folder):
            raise StatsError(
                N_(
                    "The report must not go inside %(folder)s: it would be published with "
                    "the site. Choose a folder outside it, like --out rapport."
                ),
                folder=str(folder),
            )


def stats(settings_file: Path, options: Options, facts: Facts | None = None) -> Done:
    """Count the logs and write the report; ``facts`` (the site's) are read
    from ``settings_file`` unless given."""
    facts = facts or read_facts(settings_file)
    words = language(facts.settings)
    since, until = _date(options.since, "since"), _date(options.until, "until")
    if since and until and since > until:
        raise StatsError(N_("--since must come before --until."))
    if options.format and options.format not in NAMES and "%" not in options.format:
        raise StatsError(
            N_("--format takes one of %(names)s, or an Apache LogFormat string."),
            names=", ".join(NAMES),
        )
    check_out(options.out, facts)
    names = list(options.logs)
    if options.fetch:
        root = Path(settings_file).resolve().parent
        names += [str(p) for p in fetch(facts.settings.get("PUBLISH"), root, since)]
    if not names:
        raise StatsError(
            N_(
                "Name the logs to read, like `invoke stats /var/log/nginx/access.log*`, "
                "or bring them from the server with `invoke stats --fetch`."
            )
        )
    own = {facts.host, *(s.lower() for s in options.sites)} - {""}
    scope = Scope(
        since=since,
        until=until,
        own=frozenset(site_of(s) for s in own),
        ignore=facts.ignore,
        feeds=facts.feeds,
    )
    tally, unread = Tally(scope), Unread()
    read(expand(names), tally, unread, options.format or None)
    found = figures(tally, facts.host or ", ".join(sorted(own)), facts.titles, words)
    lines = _unread_lines(words, tally, unread)
    if found is None:
        lines.append(words.gettext("No visit in these logs for this period: no report written."))
        return Done(True, lines)
    theme = Path(str(facts.settings["THEME"]))
    written = write_report(options.out, found, words, facts.look, theme)
    return Done(True, lines + summary(words, found) + [str(written[0])])


def _unread_lines(words: Language, tally: Tally, unread: Unread) -> list[str]:
    if not tally.unparsed:
        return []
    lines = [
        words.ngettext(
            "%(count)s line could not be read; the first ones:",
            "%(count)s lines could not be read; the first ones:",
            tally.unparsed,
            count=words.number(tally.unparsed),
        )
    ]
    return lines + [f"  {example}" for example in unread.examples]


def summary(words: Language, found: dict[str, Any]) -> list[str]:
    """The terminal's few lines: visitors, views, top pages, subscribers."""
    period = found["period"]
    lines = [
        words.gettext(
            "From %(start)s to %(end)s: %(visitors)s visitors, %(views)s page views, "
            "%(subscribers)s feed subscribers.",
            start=words.date(dt.date.fromisoformat(period["start"]), "medium"),
            end=words.date(dt.date.fromisoformat(period["end"]), "medium"),
            visitors=words.number(found["visitors"]),
            views=words.number(found["views"]),
            subscribers=words.number(found["feeds"]["subscribers"]),
        )
    ]
    if found["pages"]:
        lines.append(words.gettext("Most read:"))
        for page in found["pages"][:TOP]:
            lines.append(f"  {words.number(page['views']):>7}  {printable(page['path'])}")
    return lines
