"""Search: a Pagefind index of every public story, tutorial, testimonial and
page (French stemming for fr), written to ``pagefind/`` on another core while
the pages are written, and a search page per language. Records (records.py,
markdown_ext.py); the index in parts, each kept for the same records (parts.py,
kept.py, index.py, service.py, stable.py); page.py, search.html, search.js.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.build.parallel import Forked
from comptoir.core.i18n import N_
from comptoir.core.plugin import Plugin
from comptoir.core.settings import Setting, true_or_false, whole_number

from .kept import PART_RECORDS, in_place_files, write_kept_index
from .markdown_ext import SearchTextExtension
from .page import SearchPages, get_generators, on_generator_init
from .service import PagefindError


def _part_records(value: Any, _: dict[str, Any]) -> str | None:
    if whole_number(value):
        return None
    return N_("Write a whole number of records (1 or more), like 1000.")


SETTINGS = (
    Setting("SEARCH", True, "Write the Pagefind search index (pagefind/).", true_or_false),
    Setting(
        "SEARCH_PART_RECORDS",
        PART_RECORDS,
        "Records per part of the search index: after an edit, one part is indexed again.",
        _part_records,
    ),
)
# Before the headers (they list every file written, the index's included).
PLUGIN = Plugin(
    "search",
    settings=SETTINGS,
    markdown=(SearchTextExtension,),
    after=("content", "feeds", "testimonials"),
)


@dataclass
class Indexing:
    """The index being written in a process of its own (a build part)."""

    build: Build
    running: Forked | None = None


def on_generators_done(build: Build, generators: list[Any]) -> None:
    """Start indexing now, on another core, while the pages are written
    (Pagefind takes 1–2 s at 1,000 stories)."""
    settings = build.settings
    workers = settings.get("COMPTOIR_WORKERS") or os.cpu_count() or 1
    if settings["SEARCH"] and workers > 1:
        found = build.part(SearchPages).records
        folder = Path(generators[0].output_path) / "pagefind"
        cache, size, live = _cache(build), settings["SEARCH_PART_RECORDS"], _live(build)
        build.part(Indexing).running = Forked(
            lambda: write_kept_index(found, folder, cache, size, workers, live)
        )


def on_finalized(build: Build, pelican: Any) -> None:
    """Index what the build published into ``pagefind/`` of its output (or
    wait for the process doing it), before the headers list the files."""
    if not build.settings["SEARCH"]:
        return
    running = build.part(Indexing).running
    try:
        if running is not None:
            written = running.result()
        else:
            folder = Path(pelican.output_path) / "pagefind"
            size = build.settings["SEARCH_PART_RECORDS"]
            found = build.part(SearchPages).records
            written = write_kept_index(found, folder, _cache(build), size, live=_live(build))
        build.kept_files.update(in_place_files(written))
    except (PagefindError, RuntimeError, OSError) as error:
        message = N_("The search index could not be written (%(why)s).")
        build.report.add("pagefind", build.gettext(message, why=str(error)))


def _live(build: Build) -> Path | None:
    """The live site's index, when this build patches that site in place."""
    in_place = build.in_place()
    return in_place[0] / "pagefind" if in_place else None


def _cache(build: Build) -> Path:
    """Where the last index is kept (kept.py): the project's cache."""
    return Path(build.settings.get("CACHE_PATH", "cache"))


def search_pages(build: Build) -> list[str]:
    """Every search page's path (``recherche/``, ``en/search/``), for the
    headers: only they may run WebAssembly."""
    part = build.part(SearchPages)
    return [part.path(lang) for lang in part.languages] if build.settings["SEARCH"] else []


def register(build: Build) -> None:
    build.connect(signals.get_generators, get_generators)
    build.connect(signals.generator_init, on_generator_init)
    build.connect(signals.all_generators_finalized, on_generators_done)
    build.connect(signals.finalized, on_finalized)
