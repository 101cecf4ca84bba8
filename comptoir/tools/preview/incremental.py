"""Livereload's fast path: one story saved → one page written.

After a full build, livereload keeps the build in memory (its generators,
and each page's recorded rendering call). When the only change is the text
of one existing story or tutorial, and nothing a list or another page shows
of it changed (title, date, summary, tags, cover, reading time…), only that
file is read again and only its page is rendered, then moved into place.
Anything else — a new or removed file, a changed title, a template, the
settings — goes back to the full, atomic build. When in doubt, full build.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.plugins import signals
from pelican.writers import Writer

from comptoir.core.build import Build
from comptoir.core.build.patch import exclusive
from comptoir.core.report import Report, captured_logs
from comptoir.plugins.images.registry import Images
from comptoir.plugins.search.kept import write_kept_index
from comptoir.plugins.search.page import base_path
from comptoir.plugins.search.records import records

# What other pages show of a story: if any of these changes, they change too.
FACE = (
    "title",
    "date",
    "modified",
    "summary",
    "tags",
    "category",
    "slug",
    "status",
    "lang",
    "url",
    "save_as",
    "cover",
    "reading_minutes",
    "author",
    "testimonials",
    "featured",
    "template",
    "translation",
    "image",
    "image_alt",
    "social_card",  # its name changes with anything drawn on it
)


def snapshot(folder: Path) -> dict[str, int]:
    """Every file under ``folder`` with its modification time."""
    found = {}
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(dirpath, name)
            try:
                found[path] = os.stat(path).st_mtime_ns
            except OSError:
                continue
    return found


def changed_files(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def _face(item: Any) -> tuple:
    values = []
    for name in FACE:
        value = getattr(item, name, None)
        if name == "summary" and value is not None:
            value = str(value)
        elif isinstance(value, list):
            value = tuple(str(v) for v in value)
        elif isinstance(value, dict):
            value = tuple(sorted((k, str(v)) for k, v in value.items()))
        values.append(
            value if value is None or isinstance(value, int | str | tuple) else str(value)
        )
    return tuple(values)


class LiveSite:
    """The last full build, kept to update one page at a time."""

    def __init__(self, build: Build, output: Path):
        self.build = build
        self.settings = build.settings
        self.output = output
        generators = build.generators
        self.articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
        self.writer = build.writer

    def update(self, path: str) -> Report | None:
        """Bring the page of ``path`` up to date; None if a full build is needed.

        Returns the step's report: with errors, nothing was written.
        """
        generator, writer = self.articles, self.writer
        if generator is None or writer is None or not os.path.isfile(path):
            return None  # a deleted file changes lists: full build
        old = next((a for a in generator.articles if a.source_path == path), None)
        if old is None or old.save_as not in writer.pages:
            return None
        report = self.build.report = Report(root=str(Path(self.settings["PATH"]).parent))
        # The plugins read the file again as in the build (typography, images, cards…).
        with self.build.connected():
            new = generator.readers.read_file(
                base_path=generator.path,
                path=os.path.relpath(path, generator.path),
                content_class=Article,
                context=generator.context,
                preread_signal=signals.article_generator_preread,
                preread_sender=generator,
                context_signal=signals.article_generator_context,
                context_sender=generator,
            )
        if report.errors:
            return report
        if not isinstance(new, Article) or _face(new) != _face(old):
            return None
        # What the build's finishing steps set on the old object (neighbours,
        # related stories, testimonials, translations…) still holds.
        for name, value in vars(old).items():
            if name not in vars(new):
                setattr(new, name, value)
        # Photos first: with a problem, nothing is written.
        self._publish_images(report)
        if report.errors:
            return report
        self._replace(old, new)
        with captured_logs() as records:
            self._render(old.save_as, new)
        for level, name, text in records:
            report.add(name, text, severity="error" if level >= logging.ERROR else "warning")
        return report

    def reindex(self) -> bool:
        """The search index again, from the pages as they are now (run after
        the reload: the browser never waits for it); False without search."""
        if not self.settings.get("SEARCH") or not any(
            loaded.name == "search" for loaded in self.build.plugins
        ):
            return False
        found = records(self.build, base_path(self.settings))
        # In the build's parts, from its cache: only the edited story's part
        # is indexed again, and the search page's list of parts still holds.
        cache = Path(self.settings.get("CACHE_PATH", "cache"))
        size = self.settings["SEARCH_PART_RECORDS"]
        # Under the builds' lock: a build running beside livereload finds
        # the site changed and leaves it (driver._put_in_place).
        with exclusive(self.output):
            write_kept_index(found, self.output / "pagefind", cache, size, os.cpu_count() or 1)
        return True

    def _publish_images(self, report: Report) -> None:
        """A photo newly named in the text is encoded and put in place."""
        if not any(loaded.name == "images" for loaded in self.build.plugins):
            return
        images = self.build.part(Images)
        for done in images.encode_missing():
            if done.problem:
                message, values = done.problem
                text = self.build.gettext(message, **values)
                report.add(os.path.join(self.settings["PATH"], done.source), text)
        with exclusive(self.output):
            images.publish(self.output)

    def _replace(self, old: Any, new: Any) -> None:
        lists = [self.articles.articles, *self.articles.context.values()]
        for candidate in lists:
            if isinstance(candidate, list):
                for index, item in enumerate(candidate):
                    if item is old:
                        candidate[index] = new

    def _render(self, name: str, article: Any) -> None:
        """Render one page into a scratch folder, then move it into place."""
        args, kwargs = self.writer.pages[name]
        kwargs = {**kwargs, "article": article}
        self.writer.pages[name] = (args, kwargs)
        scratch = Path(tempfile.mkdtemp(prefix=".live-", dir=self.output.parent))
        try:
            Writer(str(scratch), settings=self.settings).write_file(*args, **kwargs)
            with exclusive(self.output):
                for written in scratch.rglob("*"):
                    if written.is_file():
                        target = self.output / written.relative_to(scratch)
                        target.parent.mkdir(parents=True, exist_ok=True)
                        os.replace(written, target)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
