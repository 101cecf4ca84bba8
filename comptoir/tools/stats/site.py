"""What the statistics need to know of the site: its host, its pages'
titles, its feeds, its look and language, the owner's own networks. Read
from the site built as published (publishconf.py, in a scratch folder):
the owner's output/ is left as it was."""

from __future__ import annotations

import ipaddress
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from comptoir.core.build import build
from comptoir.core.build.driver import read_settings_file
from comptoir.core.i18n import N_, OwnerError
from comptoir.plugins.content.lists import contents
from comptoir.tools.publish.config import SETTINGS as PUBLISH_SETTINGS

from .config import SETTINGS, networks
from .model import Look
from .tally import FEED_NAMES


class SiteError(OwnerError):
    """The site cannot be built, so its pages cannot be named."""


@dataclass(frozen=True)
class Facts:
    """The site as the report sees it."""

    settings: dict[str, Any]
    host: str  # "www.lesdeuxepis.example", "" when SITEURL is not absolute
    titles: dict[str, str]  # "/histoires/x/" -> "Le pain de la veille"
    feeds: frozenset[str]
    look: Look
    ignore: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
    output: Path  # where the site is built (a report must not go there)
    content: Path


def _titles(build_: Any, settings: dict[str, Any]) -> dict[str, str]:
    titles = {"/": str(settings.get("SITENAME") or "")}
    for content, _ in contents(build_.generators):
        url = getattr(content, "url", None)
        title = getattr(content, "title", None) or getattr(content, "name", None)
        if url and title and not url.startswith(("http:", "https:")):
            titles["/" + url.lstrip("/")] = str(title)
    for generator in build_.generators:
        for tag in getattr(generator, "tags", None) or ():
            titles.setdefault("/" + tag.url.lstrip("/"), f"#{tag.name}")
        for category, articles in getattr(generator, "categories", None) or ():
            # The heading category.html gives a section, in its language.
            first = articles[0] if articles else None
            words = build_.language(getattr(first, "lang", None))
            tutorials = getattr(first, "comptoir_kind", None) == "tutorial"
            heading = words.gettext("Tutorials") if tutorials else words.gettext("Stories")
            titles.setdefault("/" + category.url.lstrip("/"), heading)
    return titles


def _look(settings: dict[str, Any]) -> Look:
    brand = settings.get("BRAND") or {}
    defaults = Look("")
    return Look(
        name=str(settings.get("SITENAME") or ""),
        primary=brand.get("primary", defaults.primary),
        on_primary=brand.get("on_primary", defaults.on_primary),
        background=brand.get("background", defaults.background),
        text=brand.get("text", defaults.text),
    )


def read_facts(settings_file: Path) -> Facts:
    """Build the site as published, in a scratch folder, and note its facts."""
    with tempfile.TemporaryDirectory(prefix="comptoir-stats-") as scratch:
        out = Path(scratch) / "output"
        result = build(
            settings_file, overrides={"OUTPUT_PATH": str(out)}, tools=SETTINGS + PUBLISH_SETTINGS
        )
        if not result.ok or result.build is None:
            lines = "\n".join([*(p.format() for p in result.problems), result.summary])
            raise SiteError(
                N_("The site could not be built, so its pages cannot be named:\n%(lines)s"),
                lines=lines,
            )
        written = [p for p in out.rglob("*") if p.name in FEED_NAMES]
        feeds = frozenset("/" + p.relative_to(out).as_posix() for p in written)
    settings = result.settings
    # The owner's own output folder, not the scratch one built here.
    owner = read_settings_file(Path(settings_file))
    host = urlsplit(str(settings.get("SITEURL") or "")).netloc
    project = Path(settings_file).resolve().parent
    return Facts(
        settings=settings,
        host=host.lower(),
        titles=_titles(result.build, settings),
        feeds=feeds,
        look=_look(settings),
        ignore=networks(settings.get("STATS_IGNORE") or ()),
        output=(project / str(owner.get("OUTPUT_PATH", "output"))).resolve(),
        content=(project / str(owner.get("PATH", "content"))).resolve(),
    )
