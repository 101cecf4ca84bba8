"""``invoke stats LOG...``: read the logs, count, write ``rapport/`` and say
the main figures in the terminal, in the site's language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apachelogs import InvalidDirectiveError, UnknownDirectiveError

from comptoir.core.i18n import N_, Language, OwnerError, language

from .config import KEEP_LOGS_DAYS
from .fetch import fetch
from .figures import figures, other_hosts
from .formats import NAMES, parser
from .referrers import site_of
from .report import write_report
from .site import Facts, read_facts
from .sources import Unread, expand, printable, read
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


def check_format(value: str) -> None:
    """``--format``: a name the kit knows, or an Apache LogFormat string
    whose every directive apachelogs knows."""
    if not value or value in NAMES:
        return
    if "%" not in value:
        raise StatsError(
            N_("--format takes one of %(names)s, or an Apache LogFormat string."),
            names=", ".join(NAMES),
        )
    try:
        parser(value)
    except UnknownDirectiveError as error:
        raise StatsError(
            N_("--format: %(directive)s is not an Apache LogFormat directive."),
            directive=error.directive,
        ) from None
    except InvalidDirectiveError as error:
        raise StatsError(
            N_("--format: the directive at “%(text)s” is not well written."),
            text=printable(value[error.pos :], 20),
        ) from None


def stats(settings_file: Path, options: Options, facts: Facts | None = None) -> Done:
    """Count the logs and write the report; ``facts`` (the site's) are read
    from ``settings_file`` unless given."""
    # The options a typo spoils are checked first: building the site takes a while.
    since, until = _date(options.since, "since"), _date(options.until, "until")
    if since and until and since > until:
        raise StatsError(N_("--since must come before --until."))
    check_format(options.format)
    facts = facts or read_facts(settings_file)
    words = language(facts.settings)
    check_out(options.out, facts)
    names = list(options.logs)
    told: list[str] = []  # what fetching did (old copies deleted)
    if options.fetch:
        root = Path(settings_file).resolve().parent
        fetched = fetch(
            facts.settings.get("PUBLISH"),
            root,
            since,
            until,
            keep_days=facts.settings.get("STATS_KEEP_LOGS_DAYS", KEEP_LOGS_DAYS),
        )
        told = fetched.lines(words)
        names += [str(p) for p in fetched]
    if not names:
        raise StatsError(
            N_(
                "Name the logs to read, like `invoke stats /var/log/nginx/access.log*`, "
                "or bring them from the server with `invoke stats --fetch`."
            )
        )
    # --site chooses the hosts counted, named as they are counted (and in
    # the report): "Autre.example:80" is autre.example. A link from them or
    # from SITEURL's host is still the site's own, no referrer.
    sites = [s for s in dict.fromkeys(site_of(s) for s in options.sites) if s]
    selected = frozenset(sites)
    home = frozenset({site_of(facts.host)} if facts.host else ())
    scope = Scope(
        since=since,
        until=until,
        counted=selected or home,
        own=selected | home,
        ignore=facts.ignore,
        feeds=facts.feeds,
    )
    tally, unread = Tally(scope), Unread()
    stdin = words.gettext("standard input")
    read(expand(names), tally, unread, options.format or None, stdin)
    lines = _cut_lines(words, unread) + _unread_lines(words, tally, unread)
    lines += _other_sites(words, tally)
    # A --since/--until with no hit in it is as empty as logs with none.
    in_period = any(scope.holds(day) for day in tally.seen)
    found = (
        figures(tally, ", ".join(sites) or facts.host, facts.titles, words) if in_period else None
    )
    if found is None:
        lines.append(words.gettext("No visit in these logs for this period: no report written."))
        return Done(True, told + lines)
    theme = Path(str(facts.settings["THEME"]))
    try:
        written = write_report(options.out, found, words, facts.look, theme)
    except OSError:
        raise StatsError(
            N_(
                "The report cannot be written in %(folder)s: it is a file, or a folder that "
                "cannot be made or written to. Choose another folder with --out."
            ),
            folder=str(options.out),
        ) from None
    return Done(True, told + lines + summary(words, found) + [str(written[0])])


def _other_sites(words: Language, tally: Tally) -> list[str]:
    """Requests for other hosts, left out: said, with the most asked for,
    so a log of another name for the site is not silently empty."""
    hosts = other_hosts(tally)
    if not tally.other_sites or not hosts:
        return []
    # Named apart: Babel's extractor reads a "_" inside the call as gettext.
    shown = ", ".join(printable(host, 60) for host, _count in hosts)
    return [
        words.ngettext(
            "%(count)s request for other sites was left out (%(hosts)s): "
            "to count one, name it with --site.",
            "%(count)s requests for other sites were left out (%(hosts)s): "
            "to count one, name it with --site.",
            tally.other_sites,
            count=words.number(tally.other_sites),
            hosts=shown,
        )
    ]


def _cut_lines(words: Language, unread: Unread) -> list[str]:
    lines = []
    for name, number in unread.cut:
        if number:
            lines.append(
                words.gettext(
                    "%(path)s: the file is cut short after line %(line)s; "
                    "the lines before were counted.",
                    path=name,
                    line=str(number),
                )
            )
        else:
            lines.append(
                words.gettext(
                    "%(path)s: the file is cut short before its first line; nothing in it "
                    "could be counted.",
                    path=name,
                )
            )
    return lines


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
    visitors, views = found["visitors"], found["views"]
    subscribers = found["feeds"]["subscribers"]
    counts = {
        "visitors": words.ngettext(
            "%(count)s visitor", "%(count)s visitors", visitors, count=words.number(visitors)
        ),
        "views": words.ngettext(
            "%(count)s page view", "%(count)s page views", views, count=words.number(views)
        ),
        "subscribers": words.ngettext(
            "%(count)s feed subscriber",
            "%(count)s feed subscribers",
            subscribers,
            count=words.number(subscribers),
        ),
    }
    start = dt.date.fromisoformat(found["period"]["start"])
    end = dt.date.fromisoformat(found["period"]["end"])
    if start == end:
        first = words.gettext(
            "On %(day)s: %(visitors)s, %(views)s, %(subscribers)s.",
            day=words.date(start, "medium"),
            **counts,
        )
    else:
        first = words.gettext(
            "From %(start)s to %(end)s: %(visitors)s, %(views)s, %(subscribers)s.",
            start=words.date(start, "medium"),
            end=words.date(end, "medium"),
            **counts,
        )
    lines = [first]
    if found["pages"]:
        lines.append(words.gettext("Most read:"))
        for page in found["pages"][:TOP]:
            lines.append(f"  {words.number(page['views']):>7}  {printable(page['path'])}")
    return lines
