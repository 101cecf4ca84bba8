"""Checks on what a file's text became: headings, images, links."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from comptoir.core.i18n import N_
from comptoir.plugins.content.reader import LINES

from .body import Body, read_body
from .links import PELICAN_REFERENCES, Site
from .meta import Finding
from .privacy import srcset_urls
from .source import Source

# A file the page loads heavier than this keeps phone readers waiting (the
# same bound as the social cards').
HEAVY_BYTES = 300_000


def check_body(content: Any, site: Site, source: Source) -> tuple[list[Finding], list[str]]:
    """Findings on one item's HTML, and the links to other sites it holds."""
    body = read_body(getattr(content, "content", "") or "")
    findings = [*_headings(body, source), *_images(body, content, site, source)]
    findings += _header_images(content, site)
    findings += _links(body, content, site, source)
    external = [href for href in body.links if site.is_external(href)]
    return findings, external


def _headings(body: Body, source: Source) -> Iterator[Finding]:
    """Levels must go down one at a time; the page's title is the only level 1."""
    lines = iter(source.headings())
    previous = 1
    for level in body.headings:
        line = next((number for number, written in lines if written == level), None)
        if level == 1:
            msgid = N_(
                "This is a level-1 heading, but the title already is the page's one: "
                "start headings at ## instead."
            )
            yield None, line, "warning", msgid, {}
        elif level > previous + 1:
            msgid = N_(
                "This heading jumps from level %(previous)d to %(level)d, which confuses "
                "readers who move from heading to heading: write %(hashes)s instead."
            )
            values = {"previous": previous, "level": level, "hashes": "#" * (previous + 1)}
            yield None, line, "warning", msgid, values
        previous = level


# A web version of a photo: name-<width>.<fingerprint>.<format>.
_DERIVED = re.compile(r"^(?P<stem>.+)-\d+\.[0-9a-f]{12}\.\w+$")


def _shown(src: str) -> str:
    """An image as the site serves it: its file name."""
    return os.path.basename(src.split("?")[0])


def _stem(src: str) -> str:
    """What the owner's file is called, to find the line naming it."""
    match = _DERIVED.match(_shown(src))
    return match.group("stem") if match else _shown(src)


def _images(body: Body, content: Any, site: Site, source: Source) -> Iterator[Finding]:
    for image in body.images:
        line = source.find(_stem(image.src)) or source.find(image.src)
        # Named as the owner wrote it, not as the site serves it.
        written = source.image(line, _stem(image.src)) or _shown(image.src)
        if not (image.alt or "").strip():
            msgid = N_(
                "The image “%(src)s” has no description, so readers who cannot see it get "
                "nothing: write what it shows between the brackets, ![like this](…)."
            )
            yield None, line, "warning", msgid, {"src": written}
        for src in image.files:
            target = site.target(src, content.url)
            if target is None:
                continue  # another site's: the privacy scan tells
            if not site.exists(target):
                msgid = N_(
                    "The image “%(src)s” is not on the site: check its name in content/images/."
                )
                yield None, source.find(src) or line, "error", msgid, {"src": src}
                break
        heavy = _heavy(image.files, content.url, site)
        if heavy:
            yield None, line, "warning", HEAVY, {"src": written, **heavy}


HEAVY = N_(
    "The image “%(src)s” still weighs %(kb)d kB once made for the web (%(file)s), more "
    "than %(max)d kB: readers on a phone wait for it; export the photo smaller or less "
    "detailed."
)


def _heavy(files: Iterable[str], page_url: str, site: Site) -> dict[str, Any] | None:
    """The heaviest of an image's web files, if it is over the bound."""
    sizes = [(site.size(t), src) for src in files if (t := site.target(src, page_url))]
    size, src = max(sizes, default=(0, ""))
    if size <= HEAVY_BYTES:
        return None
    return {"file": _shown(src), "kb": size // 1000, "max": HEAVY_BYTES // 1000}


def _header_images(content: Any, site: Site) -> Iterator[Finding]:
    """The cover and a testimonial's photo: drawn by the theme, chosen in the header."""
    lines = getattr(content, LINES, {})
    for key, view in (("image", "cover"), ("photo", "photo_info")):
        image = getattr(content, view, None)
        if not isinstance(image, dict):
            continue
        files = [image.get("src", ""), *srcset_urls(image.get("srcset", ""))]
        files += [f for source in image.get("sources", []) for f in srcset_urls(source["srcset"])]
        heavy = _heavy([f for f in files if f], content.url, site)
        if heavy:
            written = str(content.metadata.get(key, ""))
            yield key, lines.get(key), "warning", HEAVY, {"src": written, **heavy}


def _links(body: Body, content: Any, site: Site, source: Source) -> Iterator[Finding]:
    for href in body.links:
        target = site.target(href, content.url)
        if target is None:
            continue
        if not href.startswith(PELICAN_REFERENCES) and site.exists(target):
            fragment = urlsplit(href).fragment
            if fragment and not site.has_anchor(target, fragment):
                msgid = N_(
                    "The link “%(href)s” leads to the page, but it has no “#%(anchor)s”: "
                    "copy the address of the heading from the page itself."
                )
                line = source.find(href) or source.find(f"#{fragment}")
                yield None, line, "warning", msgid, {"href": href, "anchor": fragment}
            continue
        line = source.find(href) or source.find(href.split("#")[0])
        if href.startswith(PELICAN_REFERENCES):
            msgid = N_(
                "The link “%(href)s” names a file that does not exist: check the file's name "
                "and folder under content/."
            )
        else:
            msgid = N_(
                "The link “%(href)s” leads to no page of the site: check the address (copy "
                "it from the page itself), or link to the file with {filename}."
            )
        yield None, line, "error", msgid, {"href": href}
