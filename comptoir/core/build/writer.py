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

import contextlib
import hashlib
import os
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pelican.writers import Writer

from ..report import captured_logs, replay
from .parallel import fork_shares
from .reuse import Call, Reuse, Seen, recording

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
        # The pages this flush renders (the others are kept, reuse.py) and
        # the files each one writes, as it writes them.
        self.todo: list[tuple[tuple, dict]] = []
        self.reuse: Reuse | None = None
        self._root = os.path.realpath(output_path)
        self._writing: list[str] | None = None
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
        # The output is a staging folder this build made: no link inside
        # leads out, so the path's own ".." are all there is to resolve.
        root = self._root
        target = os.path.normpath(os.path.join(root, name))
        # A prefix test on normalized paths (commonpath: 0.4 s of 40,000 pages).
        if target.startswith(root) and target[len(root) : len(root) + 1] == os.sep:
            return True
        message = self.build.gettext(
            "This page would be written outside the output folder (to %(target)s), so it is "
            "not written: check the *_SAVE_AS settings and the file's Save_as.",
            target=name,
        )
        item = context.get("article") or context.get("page")
        self.build.report.add(getattr(item, "source_path", None) or "theme", message)
        return False

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        # A kept page is a hard link to the live site's file: unlinked
        # first, writing it again can never change the live file.
        if filename not in self._written_files:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(filename)
        if self._writing is not None:
            self._writing.append(os.path.relpath(filename, self.output_path))
        return super()._open_w(filename, encoding, override=override)

    def _render(self, calls: list[tuple[int, Call]]) -> tuple[list[str], list[tuple[int, Seen]]]:
        errors, seen = [], []
        templates = [call[0][1] for _, call in calls]
        with recording(t.environment for t in templates if hasattr(t, "environment")) as reads:
            for number, (args, kwargs) in calls:
                reads.reset()
                self._writing = reads.files
                try:
                    with captured_logs() as reads.messages:
                        Writer.write_file(self, *args, **kwargs)
                except Exception:  # reported by the parent, like any build error
                    errors.append(f"{args[0]}: {traceback.format_exc()}")
                    continue
                finally:
                    self._writing = None
                seen.append((number, reads.sent()))
        return errors, seen

    def _share(self, share: int, shares: int) -> tuple[list[str], list, list[int]]:
        """Keep or render this share of the pages: the errors, what each
        rendered page read, and the numbers of the pages kept."""
        mine = list(enumerate(self.todo))[share::shares]
        kept: list[int] = []
        if self.reuse is not None:
            # Every comparison before any rendering: rendering fills the
            # stories' caches, and the comparison must see them as the
            # record of this build will (reuse.py, fingerprint.py).
            staging = None if self.build.patching else Path(self.output_path)
            kept = [n for n, call in mine if self.reuse.place(call, staging)]
            skipped = set(kept)
            mine = [(n, call) for n, call in mine if n not in skipped]
        errors, seen = self._render(mine)
        return errors, seen, kept

    def _child(self, share: int, shares: int) -> tuple[list[str], list, list[int], list]:
        with captured_logs() as records:
            errors, seen, kept = self._share(share, shares)
        return errors, seen, kept, records

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
        self.todo = list(self.deferred)
        self.reuse = self._reuse()
        # Comparing a page with the last build's costs about as much as
        # rendering a small one: both are shared over the processes.
        if workers < 2 or len(self.todo) < MIN_PAGES:
            errors, seen, kept = self._share(0, 1)
        else:
            seen, kept = [], []
            shares, failures = fork_shares(self._child, workers)
            for child_errors, child_seen, child_kept, records in shares:
                errors.extend(child_errors)
                seen.extend(child_seen)
                kept.extend(child_kept)
                replay(records)
            errors.extend(failures)
        if self.reuse is not None:
            for number in kept:
                self.build.kept_files.update(self.reuse.kept_as_before(self.todo[number]).files)
            for number, read in seen:
                self.reuse.remember(self.todo[number], read)
            self.build.report.stats["pages_kept"] = self.reuse.kept
        self.deferred.clear()
        self.todo = []
        return errors

    def _reuse(self) -> Reuse | None:
        """The comparison with the last build (reuse.py), or None when
        nothing can be kept."""
        live = self.build.live_output
        # The driver works the site key out only when COMPTOIR_REUSE is on.
        key = self.build.site_key
        if key is None or live is None or not self.deferred:
            return None
        cache = Path(self.settings.get("CACHE_PATH", "cache"))
        reuse = Reuse(key, live, cache / f"pages-{_name(live)}.pickle")
        context = self.deferred[0][0][2]
        # Static files too: a page whose links Pelican fills in while it
        # renders ({static}images/CREDITS) reads the file's object.
        reuse.index(
            [
                *context.get("generated_content", {}).values(),
                *context.get("static_content", {}).values(),
            ]
        )
        return reuse


def _name(path: Path) -> str:
    """A short name for the live output folder the record belongs to."""
    return hashlib.blake2b(str(path).encode(), digest_size=6).hexdigest()
