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
from pathlib import Path
from typing import Any

from ..i18n import language, site_gettext
from ..report import Report
from .driver import BuildResult, build
from .parallel import Forked


def _built(settings_file: Path, options: dict[str, Any]) -> BuildResult:
    result = build(settings_file, **options)
    # What crosses back: the figures and the messages, not the site in memory.
    result.build = None
    result.settings = {}
    return result


def build_apart(settings_file: Path | str = "pelicanconf.py", **options: Any) -> BuildResult:
    """:func:`~.driver.build` in a forked process; the same result, without
    the settings and the build's context (``options``: build's). Ctrl-C
    stops both and raises KeyboardInterrupt here."""
    settings_file = Path(settings_file).resolve()
    # Not a daemon: the build forks its own workers.
    forked = Forked(lambda: _built(settings_file, options), daemon=False)
    try:
        return forked.result()
    except RuntimeError as error:
        # A child that ended cleanly sent what went wrong: say it.
        return _died(settings_file, forked.exitcode, str(error) if not forked.exitcode else None)


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


def _died(settings_file: Path, exitcode: int | None, why: str | None = None) -> BuildResult:
    """The result of a build whose process ended without one (killed, out of
    memory), or with an error it did not expect (``why``): a failure, told
    in the site's language."""
    settings: dict[str, Any] = {"DEFAULT_LANG": _site_language(settings_file)}
    code = exitcode or 0
    how = f"exit {code}"
    if code < 0:
        with contextlib.suppress(ValueError):
            how = signal.Signals(-code).name
    report = Report(root=str(settings_file.parent))
    if why:
        message = site_gettext(
            settings,
            "The build stopped on an error (%(why)s): the previous site is left as it was.",
            why=why,
        )
    else:
        message = site_gettext(
            settings,
            "The build stopped before its end (%(how)s), perhaps for want of memory: "
            "the previous site is left as it was.",
            how=how,
        )
    report.add(str(settings_file), message)
    summary = site_gettext(
        settings,
        "Build failed (%(e)d errors, %(w)d warnings): the previous site is left as it was.",
        e=1,
        w=0,
    )
    return BuildResult(
        False, None, list(report.problems), summary=summary, lang=language(settings).code
    )
