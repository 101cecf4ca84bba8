"""``invoke check``: what would hurt readers or search engines, told before
publishing, with the file, the line and the fix, in the site's language. It
owns the findings, added to the build's report when a command asks for the
checks. It reads the build, the written output and the source files, and
writes nothing.

The checks run on a finished build (``finalized``), when they are asked for:
``invoke check`` builds into a staging folder it then throws away, and
``invoke build --strict`` and ``invoke publish`` check the build they make.
Findings go to the build's report like any other problem: errors stop the
build, warnings stop a strict one, infos (a draft, a post dated in the
future) are only told.
"""

from __future__ import annotations

from typing import Any

from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.plugin import LAST, Plugin
from comptoir.core.settings import Setting, true_or_false

from .output import format_findings
from .run import run_checks

__all__ = ["PLUGIN", "format_findings", "run_checks"]

CHECK_KEY = "COMPTOIR_CHECK"
ONLINE_KEY = "COMPTOIR_CHECK_ONLINE"

SETTINGS = (
    # Set by the commands (invoke check, build --strict, publish), not by owners.
    Setting(CHECK_KEY, False, "Check the content after building.", true_or_false),
    Setting(ONLINE_KEY, False, "Also check links to other sites, online.", true_or_false),
)


# After every plugin that writes pages: it checks what they wrote.
PLUGIN = Plugin("check", settings=SETTINGS, after=(LAST,))


def on_finalized(build: Build, pelican: Any) -> None:
    """Check the build just made, when asked (after the pages are written:
    links are looked up among the written files)."""
    if build.settings.get(CHECK_KEY):
        run_checks(build, pelican.output_path)


def register(build: Build) -> None:
    build.connect(signals.finalized, on_finalized)
