"""Refuse two pieces of content that would be written to the same URL, or
that share a feed ``Id``.

:func:`claim_address` and :func:`claim_id` run as each file is read, before
Pelican groups translations or writes anything: the second file claiming an
address or an Id gets one message and is skipped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pelican.utils import slugify

from .reader import KIND, LINES, SOURCE
from .urls import url_key

if TYPE_CHECKING:
    from comptoir.core.build import Build


@dataclass
class Claims:
    """What cross-file checks remember during one build (a part of it)."""

    build: Build
    # Which file claimed each output address: url_key -> (path, line, address).
    addresses: dict[str, tuple[str, int | None, str]] = field(default_factory=dict)
    # Which file claimed each feed Id (bare UUID): (path, line).
    ids: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    # The slugs of files skipped for errors (a link to one is not reported again).
    failed_slugs: set[str] = field(default_factory=set)


def address_of(settings: dict[str, Any], metadata: dict[str, Any]) -> str | None:
    """The output folder a story, tutorial or page will be written to."""
    kind = metadata.get(KIND)
    if kind not in ("story", "tutorial", "page"):
        return None
    slug = metadata.get("slug")
    if not slug:
        name = os.path.splitext(os.path.basename(metadata[SOURCE]))[0]
        slug = slugify(name, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    lang = str(metadata.get("lang") or settings["DEFAULT_LANG"])
    prefix = "" if lang == settings["DEFAULT_LANG"] else f"{lang}/"
    if kind == "page":
        return f"{prefix}{slug}/"
    return f"{prefix}{metadata['category'].slug}/{slug}/"


def reserved_addresses(settings: dict[str, Any]) -> dict[str, str]:
    """Addresses the kit itself uses (section lists), by url_key."""
    words = settings["COMPTOIR_SECTIONS"][settings["DEFAULT_LANG"]]
    return {url_key(f"{word}/"): f"{word}/" for word in words.values()}


def claim_address(build: Build, metadata: dict[str, Any]) -> bool:
    """Record this file's address; report and return False if it is taken.

    Pelican reads files in no fixed order, so the message always goes on the
    file whose path sorts first and names the other: the same input gives the
    same message on every machine. (Which of the two is skipped does not
    matter: the build fails and the previous site stays.)
    """
    settings, report = build.settings, build.report
    address = address_of(settings, metadata)
    if address is None or metadata.get("status") == "draft":
        return True
    key = url_key(address)
    line = metadata.get(LINES, {}).get("slug")
    source = metadata[SOURCE]
    reserved = reserved_addresses(settings)
    if key in reserved and metadata.get(KIND) == "page":
        message = build.gettext(
            "The address /%(url)s is used by the site for a list: give this page another Slug.",
            url=reserved[key],
        )
        report.add(source, message, key="slug", line=line)
        return False
    claim = (source, line, address)
    first = build.part(Claims).addresses.setdefault(key, claim)
    if first[0] == source:
        return True
    (blamed, blamed_line, blamed_address), (other, _, _) = sorted([claim, first])
    message = build.gettext(
        "This would be published at the same address as %(other)s (/%(url)s): "
        "give one of them another Slug.",
        other=report.shown(other),
        url=blamed_address,
    )
    report.add(blamed, message, key="slug", line=blamed_line)
    return False


def claim_id(build: Build, metadata: dict[str, Any]) -> bool:
    """Record this file's ``Id``; report and return False if another file has it.

    Feed readers know an item by its Id, so two files with one Id would be
    shown as one item (a copied file keeps its model's Id; a translation is
    another item and needs its own). As with addresses, the message goes on
    the file whose path sorts first; drafts claim nothing until published.
    """
    value = metadata.get("id")
    if not value or metadata.get("status") == "draft":
        return True
    report = build.report
    claim = (metadata[SOURCE], metadata.get(LINES, {}).get("id"))
    first = build.part(Claims).ids.setdefault(str(value), claim)
    if first[0] == claim[0]:
        return True
    (blamed, blamed_line), (other, _) = sorted([claim, first], key=lambda c: c[0])
    message = build.gettext(
        "This file has the same Id as %(other)s: each file needs its own, translations "
        "included. Delete the Id line of the copy, then run `invoke ids` to give it a new one.",
        other=report.shown(other),
    )
    report.add(blamed, message, key="id", line=blamed_line)
    return False
