"""Run every check on a finished build, into the build's report."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from comptoir.core.i18n import Language

from .items import Item, gather
from .links import Site
from .meta import Finding, Placed, check_header
from .pages import check_body
from .site import duplicates, tags_without_page
from .source import Source
from .web import foreign_requests, online

if TYPE_CHECKING:
    from comptoir.core.build import Build

# Pelican's own warnings for a {filename} link it cannot resolve and an image
# without alt text: the check reports the same with the file and line, so
# these go.
_PELICAN_TWINS = re.compile(
    r"^(Unable to find '.*', skipping url replacement\.|Empty alt attribute for image .* in .*)$"
)


def run_checks(build: Build, output: str) -> None:
    """Check the content of this build (built into ``output``) and add each
    finding to the build's report, in the site's language."""
    settings, report = build.settings, build.report
    site = Site(output, str(settings.get("SITEURL") or ""))
    now = dt.datetime.now(dt.UTC)
    items = gather(build.generators)
    report.stats["checked"] = len(items)
    external: dict[str, list[tuple[Item, int | None]]] = {}
    placed: list[Placed] = []
    for item in items:
        source = Source.read(item.path)
        placed += [(item, finding) for finding in check_header(item, now)]
        if item.state != "published":
            continue
        findings, links = check_body(item.content, site, source)
        placed += [(item, finding) for finding in findings]
        for href in links:
            external.setdefault(href, []).append((item, source.find(href)))
    placed += [*duplicates(items, report.shown), *tags_without_page(items, site)]
    placed += foreign_requests(settings, items, output)
    if settings.get("COMPTOIR_CHECK_ONLINE"):
        placed += online(external, settings)
    words = build.language()
    for item, finding in placed:
        _add(build, words, item, finding)
    report.problems[:] = [p for p in report.problems if not _PELICAN_TWINS.match(p.message.strip())]


def _add(build: Build, words: Language, item: Item | str, finding: Finding) -> None:
    key, line, severity, msgid, values = finding
    shown = {
        name: words.date(value.date()) if isinstance(value, dt.datetime) else value
        for name, value in values.items()
    }
    path = item.path if isinstance(item, Item) else item
    build.report.add(path, words.gettext(msgid, **shown), line=line, key=key, severity=severity)
