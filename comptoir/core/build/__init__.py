"""Safe builds: the build driver, its context, staging and atomic swap, clean,
and pages rendered on every core. It owns how one build runs (settings read
and checked once, the :class:`Build` handed to each plugin, the output
swapped in only when nothing went wrong). It must not import a plugin or a
tool, nor keep anything of a build once it is over.

Public surface: :func:`build` (returns a :class:`BuildResult`), :func:`build_apart`
(the same, in a forked process, for the commands that build and end), :func:`clean`,
:class:`Build`, :class:`Report` / :class:`Problem`.
"""

from ..report import Problem, Report
from .apart import build_apart
from .atomic import RefusedError, clean
from .context import Build
from .driver import BuildResult, build

__all__ = [
    "Build",
    "BuildResult",
    "Problem",
    "RefusedError",
    "Report",
    "build",
    "build_apart",
    "clean",
]
