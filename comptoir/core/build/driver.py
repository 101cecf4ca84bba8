"""Run one Pelican build safely: staged, checked, then swapped into place
(or, after an edit, the live site patched: patch.py)."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.log import LimitFilter, console
from pelican.settings import read_settings

from ..i18n import N_, language, site_gettext
from ..report import Problem, Report, setting_line
from ..settings import Setting, SettingsError
from . import listing, patch, uptodate
from .atomic import RefusedError, check_replaceable, discard, is_ours, new_staging, swap
from .context import Build
from .parallel import collector_paused
from .reuse import site_key
from .sourcepaths import once_per_build
from .start import start
from .translations import linear


@dataclass
class BuildResult:
    """What a build did: whether the output was replaced, and why not."""

    ok: bool
    output: Path | None  # None when the settings file could not be read
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    summary: str = ""
    lang: str = "fr"
    stats: dict[str, Any] = field(default_factory=dict)
    # The build's settings; not shown, not compared.
    settings: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # The build's context, with what it made in memory (livereload's
    # incremental step uses it); None when it never started.
    build: Build | None = field(default=None, repr=False, compare=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


class _Collector(logging.Handler):
    """Turn log records of warning level and up into problems."""

    def __init__(self, report: Report):
        super().__init__(logging.WARNING)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        severity = "error" if record.levelno >= logging.ERROR else "warning"
        message = record.getMessage()
        if record.exc_info and record.levelno >= logging.ERROR:
            message += "\n" + "".join(traceback.format_exception(*record.exc_info)).rstrip()
        self.report.add(record.name, message, severity=severity)


def load_settings(settings_file: Path, overrides: dict[str, Any] | None = None) -> dict:
    _forget_settings_modules(settings_file.parent)
    return read_settings(str(settings_file), override=dict(overrides or {}))


def _forget_settings_modules(project: Path) -> None:
    """Pelican imports a settings file as a module of its own name, and
    ``publishconf.py`` does ``from pelicanconf import *``: in a process that
    built before (livereload, the tests), Python would hand back the
    ``pelicanconf`` it imported then — another project's, or this one before
    the owner's last edit. Forget every module named after a file here."""
    installed = (sys.prefix, sys.base_prefix)
    for path in project.glob("*.py"):
        module = sys.modules.get(path.stem)
        where = str(getattr(module, "__file__", "") or "")
        # Only a project's own settings modules, never an installed one.
        if module is not None and where.endswith(".py") and not where.startswith(installed):
            del sys.modules[path.stem]


class SettingsFileError(Exception):
    """The settings file itself cannot be run (a typo in Python)."""

    def __init__(self, settings_file: Path, error: BaseException):
        self.line = getattr(error, "lineno", None) if isinstance(error, SyntaxError) else None
        if self.line is None:
            frames = traceback.extract_tb(error.__traceback__)
            lines = [f.lineno for f in frames if Path(f.filename).resolve() == settings_file]
            self.line = lines[-1] if lines else None
        self.detail = f"{type(error).__name__}: {getattr(error, 'msg', None) or error}"
        super().__init__(self.detail)


def read_settings_file(settings_file: Path, overrides: dict[str, Any] | None = None) -> dict:
    """Like :func:`load_settings`, but a broken file raises :class:`SettingsFileError`."""
    try:
        return load_settings(settings_file, overrides)
    except Exception as error:  # SyntaxError, NameError…: anything the owner's Python does
        raise SettingsFileError(settings_file, error) from error


# Python's cycle collector off for the build: it walked the whole site in
# memory again and again (8 full passes, 0.8 s of a build after an edit at
# 10,000 stories) and found next to nothing to free; the peak memory is the
# same without it.
@collector_paused()
def build(
    settings_file: Path | str = "pelicanconf.py",
    *,
    strict: bool = False,
    overrides: dict[str, Any] | None = None,
    check: bool = False,
    online: bool = False,
    dry: bool = False,
    tools: tuple[Setting, ...] = (),
    skip_unchanged: bool = False,
) -> BuildResult:
    """Build the site; replace the output only if nothing went wrong.

    ``strict`` counts warnings as errors (``publish`` and the tests use it).
    ``check`` also runs ``invoke check``'s checks on the build (``online``:
    with links to other sites); ``dry`` builds and checks, then leaves the
    output as it was. ``tools``: the settings of the command asking for
    the build, checked with the plugins' (``invoke publish``'s PUBLISH).
    ``skip_unchanged``: when nothing the last build read or wrote changed
    (build/uptodate.py), stop there; the result then has no generators in
    memory, so only callers that need the output alone ask for it.
    """
    if check or online:
        overrides = {**(overrides or {}), "COMPTOIR_CHECK": True, "COMPTOIR_CHECK_ONLINE": online}
    started = time.perf_counter()
    settings_file = Path(settings_file).resolve()
    project = settings_file.parent
    report = Report(root=str(project))
    # Until the settings are read, messages are in French, the kit's first language.
    settings: dict[str, Any] = {"DEFAULT_LANG": "fr"}
    try:
        settings = read_settings_file(settings_file, overrides)
    except SettingsFileError as error:
        message = site_gettext(
            settings, "Python cannot read this file: %(detail)s", detail=error.detail
        )
        report.add(str(settings_file), message, line=error.line)
        return _finish(False, None, report, settings, started)
    # Pelican leaves a default CACHE_PATH relative to wherever it was started;
    # the cache belongs to the project, like the output.
    settings["CACHE_PATH"] = str(project / settings.get("CACHE_PATH", "cache"))
    output = Path(settings["OUTPUT_PATH"]).resolve()
    try:
        check_replaceable(output, project)
    except RefusedError as refused:
        report.add(str(settings_file), refused.translated(settings), key="OUTPUT_PATH")
        return _finish(False, output, report, settings, started)
    # A build cut while it brought the site up to date is finished first.
    unfinished: OSError | None = None
    with patch.exclusive(output):
        try:
            patch.finish_pending(output)
        except OSError as error:
            # Finishing it failed (a folder the owner cannot write to...):
            # this build puts a whole new site in its place instead.
            unfinished = error
            patch.drop_pending(output)
        seen = patch.token(output)
    try:
        staging = new_staging(output)
    except OSError as error:
        report.add(str(settings_file), str(error), key="OUTPUT_PATH")
        return _finish(False, output, report, settings, started)
    settings["OUTPUT_PATH"] = str(staging)
    collector = _Collector(report)
    # Pelican's loggers drop a message seen before in this process (class
    # state): a second build here (livereload, a tool) would lose the
    # warnings of the first, and a strict build would pass with them.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    root = logging.getLogger()
    root.addHandler(collector)
    context: Build | None = None
    found: uptodate.Inputs | None = None
    try:
        # Pelican prints an English summary of its own; ours follows, in the
        # site's language.
        console.quiet = True
        context = start(settings, report, tools)
        context.live_output = output
        if settings.get("COMPTOIR_REUSE", True):
            # Worked out once: kept pages (the writer) and the stamp use it.
            context.site_key = site_key(settings, project)
        if context.site_key and not (check or dry or tools):
            found = uptodate.inputs(context.site_key, settings)
            # The checks read the whole new site from the staging folder:
            # only other builds leave kept pages where they are.
            context.patching = unfinished is None and output.is_dir() and is_ours(output)
            if skip_unchanged and uptodate.is_current(found, settings, output):
                discard(staging)
                return _finish(True, output, report, settings, started, context, unchanged=True)
        with context.connected(), linear(), once_per_build():
            Pelican(settings).run()
    except KeyboardInterrupt:
        # Stopped by the owner (Ctrl-C): the old site stays, and nothing
        # half-made is left beside it.
        with contextlib.suppress(OSError):
            discard(staging)
        raise
    except Exception as error:  # any failure half-way must leave the old site
        if isinstance(error, SettingsError):
            # In the file's order, whatever the order of the plugins declaring them.
            placed = [(setting_line(str(settings_file), k), k, m) for k, m in error.problems]
            for line, key, message in sorted(placed, key=lambda p: (p[0] or 0, p[1])):
                report.add(str(settings_file), message, key=key, line=line)
        else:
            report.add("pelican", "".join(traceback.format_exception(error)).rstrip())
    finally:
        console.quiet = False
        root.removeHandler(collector)
    failed = bool(report.errors) or (strict and bool(report.warnings))
    if failed or dry:
        discard(staging)
        return _finish(not failed, output, report, settings, started, context)
    try:
        with patch.exclusive(output):
            live = _put_in_place(context, staging, output, project, seen)
            _record_pages(context, output)
            _stamp(context, found, output, live)
    except KeyboardInterrupt:
        if not patch.pending(output):
            discard(staging)
        raise
    except (OSError, RefusedError) as error:
        # A journal left half done names files in the staging folder: the
        # next build finishes it with them.
        half = patch.pending(output)
        if not half:
            discard(staging)
        text = error.translated(settings) if isinstance(error, RefusedError) else str(error)
        report.add(str(settings_file), text, key="OUTPUT_PATH")
        return _finish(False, output, report, settings, started, context, half=half)
    if unfinished is not None:
        text = _unfinished(settings, output, unfinished)
        report.add(str(settings_file), text, key="OUTPUT_PATH", severity="warning")
    return _finish(True, output, report, settings, started, context)


def _put_in_place(
    context: Build | None,
    staging: Path,
    output: Path,
    project: Path,
    seen: tuple[int, int] | None,
) -> dict[str, listing.Stat] | None:
    """Patch the live site, or swap the new one in; the live site's listing
    when the build has it. Called with the lock held (patch.exclusive)."""
    if context is None or not context.patching:
        swap(staging, output, project)
        return None
    check_replaceable(output, project)
    if patch.token(output) != seen:
        # Another build put its site in place while this one ran: what this
        # one kept of the live site may no longer be there as it was.
        raise RefusedError(
            N_(
                "Another build put its site in %(path)s while this one ran, so this one "
                "leaves it as it is: build again."
            ),
            path=str(output),
        )
    # One walk of the live site for the plan and the stamp.
    before = listing.files(output)
    steps = patch.apply(staging, output, context.kept_files, before)
    return listing.after(before, output, steps["removals"], steps["moves"])


def _unfinished(settings: dict[str, Any], output: Path, error: OSError) -> str:
    return site_gettext(
        settings,
        "The site in %(path)s could not be brought up to date in place (%(why)s): this "
        "build put a whole new site in its place.",
        path=str(output),
        why=str(error),
    )


def _record_pages(context: Build | None, output: Path) -> None:
    """What each page was made of, for the next build to keep what did not
    change (build/reuse.py). Without a record the next build renders all."""
    reuse = getattr(getattr(context, "writer", None), "reuse", None)
    if reuse is None:
        return
    try:
        reuse.save(output)
    except OSError:
        reuse.record_path.unlink(missing_ok=True)


def _stamp(
    context: Build | None,
    found: uptodate.Inputs | None,
    output: Path,
    live: dict[str, listing.Stat] | None = None,
) -> None:
    """Stamp a build that gave no message, so the next one can tell when it
    would change nothing; any other build removes the stamp. ``live``: the
    output's listing, when the build has it."""
    if context is None:
        return
    try:
        if found is None or context.report.problems:
            uptodate.forget(context.settings, output)
            return
        shared = context.generators[0].context if context.generators else {}
        dates = [getattr(c, "date", None) for c in shared.get("generated_content", {}).values()]
        uptodate.save(found, context.settings, output, dates, live)
    except OSError:
        uptodate.forget(context.settings, output)


def _shown(folder: Path | None) -> str:
    """The output folder as the owner typed it when it is below here."""
    if folder is None:
        return ""
    relative = os.path.relpath(folder)
    return str(folder) if relative.startswith("..") else relative + os.sep


def _finish(
    ok: bool,
    output: Path | None,
    report: Report,
    settings: dict,
    started: float,
    context: Build | None = None,
    unchanged: bool = False,
    half: bool = False,
) -> BuildResult:
    seconds = time.perf_counter() - started
    words = context.language() if context is not None else language(settings)
    errors, warnings = len(report.errors), len(report.warnings)
    if unchanged:
        report.stats["unchanged"] = True
        summary = words.gettext(
            "Nothing changed since the last build: %(output)s is up to date (%(s)s s).",
            output=_shown(output),
            s=words.number(round(seconds, 1)),
        )
    elif ok:
        summary = words.gettext("Site built in %(s)s s.", s=words.number(round(seconds, 1)))
    elif half:
        summary = words.gettext(
            "Build failed (%(e)d errors, %(w)d warnings) while it brought the site up to "
            "date: the next build finishes that first.",
            e=errors,
            w=warnings,
        )
    else:
        summary = words.gettext(
            "Build failed (%(e)d errors, %(w)d warnings): the previous site is left as it was.",
            e=errors,
            w=warnings,
        )
    stats = {"seconds": seconds, **report.stats}
    return BuildResult(
        ok, output, list(report.problems), seconds, summary, words.code, stats, settings, context
    )
