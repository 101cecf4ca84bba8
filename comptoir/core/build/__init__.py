"""Safe builds: a per-build problem report, staging and atomic swap, clean,
and pages rendered on every core.

Public surface: :func:`build` (returns a :class:`BuildResult`), :func:`clean`,
:class:`Report` / :class:`Problem`, :func:`report_of`.
"""

from typing import Any

from pelican.plugins import signals

from ..report import Problem, Report, report_of
from .atomic import RefusedError, clean
from .driver import BuildResult, build
from .writer import KEY as WRITER_KEY
from .writer import ParallelWriter

__all__ = ["BuildResult", "Problem", "RefusedError", "Report", "build", "clean", "report_of"]


def get_writer(pelican: Any) -> type:
    return ParallelWriter


def on_finalized(pelican: Any) -> None:
    """Render the recorded pages now that every generator is done."""
    writer = pelican.settings.get(WRITER_KEY)
    if writer is None:
        return
    report = report_of(pelican.settings)
    for error in writer.flush():
        report.add("theme", error)


GENERATORS_KEY = "COMPTOIR_GENERATORS"


def on_all_generators_finalized(generators: list[Any]) -> None:
    """Keep the build's generators with its settings (livereload reuses them)."""
    if generators:
        generators[0].settings[GENERATORS_KEY] = generators


def register() -> None:
    signals.get_writer.connect(get_writer)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.finalized.connect(on_finalized)
