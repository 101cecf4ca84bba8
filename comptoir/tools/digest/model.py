"""What one letter holds, in plain data: the items, the shop, the footer.
Made once per language and item list (``content.py``), drawn by
``letter.py``; the recipient never appears here, so a letter is drawn once
for everyone who gets the same items (only the headers differ)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Cover:
    src: str  # absolute https address of a JPEG the site already publishes
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class Entry:
    id: str  # the feed id: what the ledger records
    kind: str  # "story", "tutorial" or "testimonial"
    title: str
    url: str  # absolute, with utm_source=lettre&utm_medium=email
    summary: str  # plain text
    date: dt.datetime
    lang: str
    cover: Cover | None = None


@dataclass(frozen=True)
class Shop:
    name: str
    site: str  # absolute home address, no utm
    icon: str | None  # absolute address of a square PNG (the site's icon-192.png)
    address: str  # the postal address on one line
    primary: str  # brand colours, "#rrggbb"
    on_primary: str
    background: str
    text: str


@dataclass(frozen=True)
class Letter:
    lang: str
    subject: str
    entries: tuple[Entry, ...]  # at most DIGEST["max_items"], newest first
    more: int  # how many other new items are only on the site
    more_url: str  # where they are (the home page, with the utm)
    shop: Shop
    unsubscribe: str  # mailto: (or https:) address to stop receiving it
