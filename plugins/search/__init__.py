"""Search: a Pagefind index of every public story, tutorial, testimonial and
page, one per language (French stemming for fr), written to ``pagefind/``
once the site is written, and a search page per language that queries it.
It owns the records (records.py, from the content, never the written HTML),
the index (index.py, service.py, stable.py: Pagefind's bundled binary) and
the page (page.py, templates/search.html, search.js). No network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.plugin import Plugin
from comptoir.core.settings import Setting, true_or_false

from .index import write_index
from .page import SearchPages, get_generators, on_generator_init

SETTINGS = (Setting("SEARCH", True, "Write the Pagefind search index (pagefind/).", true_or_false),)
# Before the headers (they list every file written, the index's included).
PLUGIN = Plugin("search", settings=SETTINGS, after=("content", "feeds", "testimonials"))


def on_finalized(build: Build, pelican: Any) -> None:
    """Index what the build published, into ``pagefind/`` of its output."""
    settings = build.settings
    if not settings["SEARCH"]:
        return
    write_index(build.part(SearchPages).records, Path(pelican.output_path) / "pagefind")


def search_pages(build: Build) -> list[str]:
    """Every search page's path (``recherche/``, ``en/search/``), for the
    headers: only they may run WebAssembly."""
    part = build.part(SearchPages)
    return [part.path(lang) for lang in part.languages] if build.settings["SEARCH"] else []


def register(build: Build) -> None:
    build.connect(signals.get_generators, get_generators)
    build.connect(signals.generator_init, on_generator_init)
    build.connect(signals.finalized, on_finalized)
