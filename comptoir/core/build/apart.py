"""A build in a process of its own, for the commands that build and end
(``invoke build``, ``python -m comptoir.core.build``).

A built site is millions of objects bound in cycles. When the process
holding them ends, Python frees them one by one: 0.2 s at 1,000 stories,
1.5 s at 10,000, waited for after the site is already in place. A forked
child builds, hands back its result, and ends at once (``os._exit``,
multiprocessing's way), its memory going back to the system whole.
Livereload and the tools that use a build's generators build in their own
process (:func:`~.driver.build`).
"""

from __future__ import annotations

import ast
import contextlib
import signal
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from ..i18n import language, site_gettext
from ..report import Report
from .driver import BuildResult, build

INTERRUPTED = "interrupted"  # what a child stopped by Ctrl-C sends back


def _child(conn: Any, settings_file: Path, options: dict[str, Any]) -> None:
    try:
        result = build(settings_file, **options)
    except KeyboardInterrupt:  # Ctrl-C: told as such in the parent; no traceback here
        conn.send(INTERRUPTED)
        conn.close()
        return
    # What crosses back: the figures and the messages, not the site in memory.
    result.build = None
    result.settings = {}
    conn.send(result)
    conn.close()


def build_apart(settings_file: Path | str = "pelicanconf.py", **options: Any) -> BuildResult:
    """:func:`~.driver.build` in a forked process; the same result, without
    the settings and the build's context (``options``: build's)."""
    settings_file = Path(settings_file).resolve()
    context = get_context("fork")
    parent_end, child_end = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child_end, settings_file, options))
    process.start()
    child_end.close()
    try:
        result = parent_end.recv()
    except EOFError:
        result = None
    except KeyboardInterrupt:
        # The child had the same Ctrl-C and stops its build (the previous
        # site stays): wait for it, so nothing of it outlives the command.
        process.join()
        raise
    finally:
        parent_end.close()
    process.join()
    if result == INTERRUPTED:
        raise KeyboardInterrupt
    return result if isinstance(result, BuildResult) else _died(settings_file, process.exitcode)


def _site_language(settings_file: Path) -> str:
    """The site's DEFAULT_LANG as its settings files set it last, read
    without running them: the process that ran them has just died."""
    for path in (settings_file, settings_file.with_name("pelicanconf.py")):
        found = None
        with contextlib.suppress(OSError, SyntaxError, ValueError):
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                names = [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
                if isinstance(node, ast.Assign) and "DEFAULT_LANG" in names:
                    found = ast.literal_eval(node.value)
        if isinstance(found, str):
            return found
    return "fr"


def _died(settings_file: Path, exitcode: int | None) -> BuildResult:
    """The result of a build whose process ended without one (killed, out of
    memory): a failure, told in the site's language."""
    settings: dict[str, Any] = {"DEFAULT_LANG": _site_language(settings_file)}
    code = exitcode or 0
    how = f"exit {code}"
    if code < 0:
        with contextlib.suppress(ValueError):
            how = signal.Signals(-code).name
    report = Report(root=str(settings_file.parent))
    report.add(
        str(settings_file),
        site_gettext(
            settings,
            "The build stopped before its end (%(how)s), perhaps for want of memory: "
            "the previous site is left as it was.",
            how=how,
        ),
    )
    summary = site_gettext(
        settings,
        "Build failed (%(e)d errors, %(w)d warnings): the previous site is left as it was.",
        e=1,
        w=0,
    )
    return BuildResult(
        False, None, list(report.problems), summary=summary, lang=language(settings).code
    )
