"""Safe builds: a per-build problem report, staging and atomic swap, clean.

Public surface: :func:`build` (returns a :class:`BuildResult`), :func:`clean`,
:class:`Report` / :class:`Problem`, :func:`report_of`.
"""

from .atomic import RefusedError, clean
from .report import Problem, Report, report_of
from .runner import BuildResult, build

__all__ = ["BuildResult", "Problem", "RefusedError", "Report", "build", "clean", "report_of"]
