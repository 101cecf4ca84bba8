"""What a letter can carry: the site built as published (publishconf.py,
into a scratch folder), and from it every public story and tutorial
(testimonials too when asked), by language, newest first, with the feed
id the feeds use. Drafts, hidden pages and posts not yet due never."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from comptoir.core.build import build
from comptoir.core.i18n import N_, OwnerError
from comptoir.plugins.content import is_future
from comptoir.plugins.content.lists import contents
from comptoir.plugins.feeds.absolute import absolute_url
from comptoir.plugins.feeds.items import article_item, testimonial_item
from comptoir.plugins.letter import DigestConfig, digest_config

from .model import Cover, Entry, Shop

# So the statistics can count the readers the letter brought.
UTM = {"utm_source": "lettre", "utm_medium": "email"}
WIDTH = 600  # the letter's column


class DigestError(OwnerError):
    """What stops the letter before anything is sent."""


@dataclass
class Site:
    """The built site as the letter needs it."""

    settings: dict[str, Any]
    config: DigestConfig
    shop: Shop
    languages: tuple[str, ...]
    entries: dict[str, list[Entry]]  # language -> newest first


def tracked(url: str) -> str:
    """``url`` with the letter's utm parameters (fragment kept last)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in UTM] + list(UTM.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def _sharp_enough(srcset: str, site: str) -> str | None:
    """The lightest JPEG/PNG of the cover's srcset at least twice the column
    (sharp on a phone's screen), else its largest: mail clients take no
    WebP, and every reader downloads it."""
    found = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if len(parts) == 2 and parts[1].endswith("w") and parts[1][:-1].isdigit():
            found.append((int(parts[1][:-1]), parts[0]))
    if not found:
        return None
    found.sort()
    _, url = next(((w, u) for w, u in found if w >= 2 * WIDTH), found[-1])
    return absolute_url(url, site)


def _cover(content: Any, image: Any, site: str) -> Cover | None:
    if image is None or not image.width or not image.height:
        return None
    view = getattr(content, "cover", None) or getattr(content, "photo_info", None) or {}
    height = round(WIDTH * image.height / image.width)
    src = _sharp_enough(str(view.get("srcset") or ""), site) or image.url
    return Cover(src, WIDTH, height, str(view.get("alt") or ""))


def _shop(settings: dict[str, Any], site: str) -> Shop:
    business = settings.get("BUSINESS") or {}
    where = business.get("address") or {}
    address = ", ".join(
        str(part)
        for part in (
            business.get("name"),
            where.get("street"),
            f"{where.get('postal_code', '')} {where.get('city', '')}".strip(),
        )
        if part
    )
    brand = settings.get("BRAND") or {}
    icon = f"{site}/icon-192.png" if (brand.get("icon") or brand.get("logo")) else None
    return Shop(
        name=str(settings.get("SITENAME") or business.get("name") or ""),
        site=f"{site}/",
        icon=icon,
        address=address,
        primary=brand.get("primary", "#8a3b12"),
        on_primary=brand.get("on_primary", "#ffffff"),
        background=brand.get("background", "#fffaf3"),
        text=brand.get("text", "#2b1d14"),
    )


def read_site(settings_file: Path) -> Site:
    """Build the site as published, in a scratch folder, and gather what
    a letter may carry; the owner's output/ is left as it was."""
    with tempfile.TemporaryDirectory(prefix="comptoir-digest-") as scratch:
        result = build(settings_file, overrides={"OUTPUT_PATH": str(Path(scratch) / "output")})
        if not result.ok or result.build is None:
            lines = "\n".join([*(p.format() for p in result.problems), result.summary])
            raise DigestError(
                N_("The site could not be built, so there is no letter:\n%(lines)s"), lines=lines
            )
    settings = result.settings
    config = digest_config(settings)
    if config is None:
        raise DigestError(
            N_(
                'The site has no letter yet: add DIGEST = {...} to %(file)s (see the README, "Sending the letter").'
            ),
            file=settings_file.name,
        )
    site = str(settings.get("SITEURL") or "").rstrip("/")
    if not site.startswith("https://"):
        raise DigestError(
            N_("The letter needs the site's https address: set SITEURL in %(file)s."),
            file=settings_file.name,
        )
    wall = str(settings.get("TESTIMONIALS_URL") or "")
    entries: dict[str, list[Entry]] = {}
    for content, state in contents(result.build.generators):
        kind = getattr(content, "comptoir_kind", None)
        if kind not in ("story", "tutorial", "testimonial"):
            continue
        if state != "published" or is_future(content.date):
            continue
        if kind == "testimonial":
            if not config.testimonials:
                continue
            say = result.build.language(content.lang).gettext
            item = testimonial_item(
                content, site, wall, say("Testimonial from %(name)s", name=str(content.name))
            )
        else:
            item = article_item(content, site)
        entry = Entry(
            item.id,
            kind,
            item.title,
            tracked(item.url),
            item.summary,
            item.published,
            item.lang,
            _cover(content, item.image, site),
        )
        entries.setdefault(item.lang, []).append(entry)
    for found in entries.values():
        found.sort(key=lambda e: (e.date, e.id), reverse=True)
    languages = tuple(dict.fromkeys([settings.get("DEFAULT_LANG", "fr"), *sorted(entries)]))
    return Site(settings, config, _shop(settings, site), languages, entries)


def since(entries: list[Entry], received: set[str], consent: dt.date) -> list[Entry]:
    """What one recipient has not had: not received, published since they
    asked for the letter."""
    return [e for e in entries if e.id not in received and e.date.date() >= consent]
