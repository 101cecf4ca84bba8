"""Render and write pages on every core.

Pelican renders its pages one after another in one process. This writer
only records each ``write_file`` call; when Pelican has finished
(``finalized``), it forks one process per core, and each renders and writes
its share of the pages with Pelican's own ``Writer.write_file``. Forked
children see the whole built context without copying or pickling it; a
template error in one of them comes back as a message, and the build fails
as usual (the previous site stays).
"""

from __future__ import annotations

import os
import traceback
from typing import TYPE_CHECKING, Any

from pelican.writers import Writer

from ..report import captured_logs, replay
from .parallel import fork_shares

if TYPE_CHECKING:
    from .context import Build

MIN_PAGES = 60  # below this, forking costs more than it saves


class ParallelWriter(Writer):
    """Pelican's writer, deferred then spread over every core. Made for one
    build (:func:`~.context.for_build`): it is that build's ``writer``."""

    build: Build

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None):
        super().__init__(output_path, settings=settings)
        self.deferred: list[tuple[tuple, dict]] = []
        # Every page written, by output name: livereload re-renders one from here.
        self.pages: dict[str, tuple[tuple, dict]] = {}
        self.build.writer = self

    def write_file(self, name, template, context, *args: Any, **kwargs: Any) -> None:
        if not name:
            return
        if not self._inside_output(name, context):
            return
        # The shared context keeps changing while Pelican goes on; each page
        # keeps what it had when Pelican asked for it.
        self.deferred.append(((name, template, dict(context), *args), kwargs))
        self.pages[name] = self.deferred[-1]

    def _inside_output(self, name: str, context: dict[str, Any]) -> bool:
        """Refuse (and report) a page whose file would land outside the output
        folder, e.g. a ``save_as`` with ``..``: nothing is written there."""
        root = os.path.realpath(self.output_path)
        target = os.path.realpath(os.path.join(root, name))
        if os.path.commonpath([root, target]) == root and target != root:
            return True
        message = self.build.gettext(
            "This page would be written outside the output folder (to %(target)s), so it is "
            "not written: check the *_SAVE_AS settings and the file's Save_as.",
            target=name,
        )
        item = context.get("article") or context.get("page")
        self.build.report.add(getattr(item, "source_path", None) or "theme", message)
        return False

    def _render(self, share: int, shares: int) -> list[str]:
        errors = []
        for args, kwargs in self.deferred[share::shares]:
            try:
                Writer.write_file(self, *args, **kwargs)
            except Exception:  # reported by the parent, like any build error
                errors.append(f"{args[0]}: {traceback.format_exc()}")
        return errors

    def _child(self, share: int, shares: int) -> tuple[list[str], list]:
        with captured_logs() as records:
            errors = self._render(share, shares)
        return errors, records

    def _overwrites(self) -> list[str]:
        """Pages two calls would write to the same file (Pelican refuses that
        in one process; split over several, it must be checked first)."""
        first: dict[str, bool] = {}
        clashes = []
        for args, kwargs in self.deferred:
            name, override = args[0], bool(kwargs.get("override_output"))
            if name in first and not (override or first[name]):
                clashes.append(f"{name}: two pages would be written to this file")
            first.setdefault(name, override)
        return clashes

    def flush(self) -> list[str]:
        """Render every recorded page; return the errors (empty when fine).

        What the page-writing processes log (warnings included) is logged
        again here, so the build's report sees it as if written in one
        process. Signal handlers on ``content_written`` run in those
        processes: a plugin must not collect results through it.
        """
        workers = self.settings.get("COMPTOIR_WORKERS") or os.cpu_count() or 1
        errors = self._overwrites()
        if errors:
            self.deferred.clear()
            return errors
        if workers < 2 or len(self.deferred) < MIN_PAGES:
            errors = self._render(0, 1)
        else:
            shares, failures = fork_shares(self._child, workers)
            for child_errors, records in shares:
                errors.extend(child_errors)
                replay(records)
            errors.extend(failures)
        self.deferred.clear()
        return errors
