"""Search: a Pagefind index of every public story, tutorial, testimonial and
page, one per language (French stemming for fr), written to ``pagefind/``
in the output once the site is written. It owns the records (records.py,
from the content itself, never from the written HTML) and the index
(index.py, Pagefind's bundled binary); drafts, future posts, hidden pages
and ``Search: no`` never go in. It talks to no network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.plugin import Plugin
from comptoir.core.settings import Setting, true_or_false

from .index import write_index
from .records import records

SETTINGS = (Setting("SEARCH", True, "Write the Pagefind search index (pagefind/).", true_or_false),)
# Before the headers (they list every file written, the index's included).
PLUGIN = Plugin("search", settings=SETTINGS, after=("content", "feeds", "testimonials"))


def on_finalized(build: Build, pelican: Any) -> None:
    """Index what the build published, into ``pagefind/`` of its output."""
    settings = build.settings
    if not settings["SEARCH"]:
        return
    base = urlsplit(str(settings.get("SITEURL") or "")).path.rstrip("/")
    found = records(build, base)
    write_index(found, Path(pelican.output_path) / "pagefind")


def register(build: Build) -> None:
    build.connect(signals.finalized, on_finalized)
