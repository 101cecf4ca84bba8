"""Run one Pelican build safely: staged, checked, then swapped into place."""

from __future__ import annotations

import logging
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.log import console
from pelican.settings import read_settings

from comptoir.i18n import site_gettext

from .atomic import RefusedError, check_replaceable, discard, new_staging, swap
from .report import REPORT_KEY, Problem, Report


@dataclass
class BuildResult:
    """What a build did: whether the output was replaced, and why not."""

    ok: bool
    output: Path
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    summary: str = ""
    lang: str = "fr"

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
    return read_settings(str(settings_file), override=dict(overrides or {}))


def build(
    settings_file: Path | str = "pelicanconf.py",
    *,
    strict: bool = False,
    overrides: dict[str, Any] | None = None,
) -> BuildResult:
    """Build the site; replace the output only if nothing went wrong.

    ``strict`` counts warnings as errors (``publish`` and the tests use it).
    """
    started = time.perf_counter()
    settings_file = Path(settings_file).resolve()
    project = settings_file.parent
    settings = load_settings(settings_file, overrides)
    output = Path(settings["OUTPUT_PATH"]).resolve()
    report = Report(root=str(project))
    try:
        check_replaceable(output, project)
    except RefusedError as refused:
        report.add(str(settings_file), refused.message(settings), key="OUTPUT_PATH")
        return _finish(False, output, report, settings, started)
    staging = new_staging(output)
    collector = _Collector(report)
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        settings = load_settings(
            settings_file, {**(overrides or {}), "OUTPUT_PATH": str(staging), REPORT_KEY: report}
        )
        # Pelican prints an English summary of its own; ours follows, in the
        # site's language.
        console.quiet = True
        Pelican(settings).run()
    except Exception as error:  # any failure half-way must leave the old site
        from comptoir.settings import SettingsError

        if isinstance(error, SettingsError):
            for key, message in error.problems:
                report.add(str(settings_file), message, key=key)
        else:
            report.add("pelican", "".join(traceback.format_exception(error)).rstrip())
    finally:
        console.quiet = False
        root.removeHandler(collector)
    failed = bool(report.errors) or (strict and bool(report.warnings))
    if failed:
        discard(staging)
        return _finish(False, output, report, settings, started)
    swap(staging, output, project)
    return _finish(True, output, report, settings, started)


def _finish(ok: bool, output: Path, report: Report, settings: dict, started: float) -> BuildResult:
    seconds = time.perf_counter() - started
    errors, warnings = len(report.errors), len(report.warnings)
    if ok:
        summary = site_gettext(settings, "Site built in %(s).1f s.", s=seconds)
    else:
        summary = site_gettext(
            settings,
            "Build failed (%(e)d errors, %(w)d warnings): the previous site is left as it was.",
            e=errors,
            w=warnings,
        )
    lang = str(settings.get("DEFAULT_LANG", "fr"))
    return BuildResult(ok, output, list(report.problems), seconds, summary, lang)
