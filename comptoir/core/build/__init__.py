"""Safe builds: the build driver, its context, staging and atomic swap,
clean, and pages rendered on every core.

Owns how one build runs: it reads and checks the settings once, makes the
:class:`Build` context, connects the plugins for it and swaps the output into
place only when nothing went wrong. It imports no plugin (they are named in
``PLUGINS``) and no tool.

Public surface: :func:`build` (returns a :class:`BuildResult`), :func:`clean`,
:class:`Build`, :class:`Report` / :class:`Problem`.
"""

from ..report import Problem, Report
from .atomic import RefusedError, clean
from .context import Build
from .driver import BuildResult, build

__all__ = ["Build", "BuildResult", "Problem", "RefusedError", "Report", "build", "clean"]
