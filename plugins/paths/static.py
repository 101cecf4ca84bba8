"""Static files: published only from inside content/, only into the output.

Pelican walks STATIC_PATHS following symlinks, and copies each file to its
``save_as`` joined to the output folder, unchecked. Once the static
generator has its list, every file whose real path is outside content/ (a
symlink to a private key, a folder linked from elsewhere) or whose target
is outside the output folder is dropped and named.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from comptoir.core.i18n import N_

from .contain import inside

if TYPE_CHECKING:
    from comptoir.core.build import Build

LINKED_OUT = N_(
    "This file is a link to a file outside the content/ folder, so it is not published: "
    "copy the file itself into content/, or delete the link."
)
WRITTEN_OUT = N_(
    "This file would be written outside the output folder (to %(target)s), so it is not "
    "published: check STATIC_PATHS and the *_SAVE_AS settings."
)


def refusal(static: Any, content_root: str, output_root: str) -> tuple[str, dict] | None:
    """Why ``static`` must not be published, or None."""
    if not inside(content_root, os.path.realpath(static.source_path)):
        return LINKED_OUT, {}
    target = os.path.realpath(os.path.join(output_root, static.save_as))
    if not inside(output_root, target):
        return WRITTEN_OUT, {"target": static.save_as}
    return None


def on_static_finalized(build: Build, generator: Any) -> None:
    """Drop and report every static file that leaves content/ or the output."""
    content_root = os.path.realpath(generator.path)
    output_root = os.path.realpath(generator.output_path)
    # Every file the generator read, also those another plugin already left
    # out of ``staticfiles`` (original photos): a link to a private file is
    # named even when it would not have been copied.
    known = generator.context.get("static_content", {})
    found = {id(s): s for s in [*known.values(), *generator.staticfiles]}
    refused = set()
    for static in found.values():
        reason = refusal(static, content_root, output_root)
        if reason is None:
            continue
        refused.add(id(static))
        message, values = reason
        build.report.add(static.source_path, build.gettext(message, **values))
    if not refused:
        return
    generator.staticfiles[:] = [s for s in generator.staticfiles if id(s) not in refused]
    for key in [k for k, s in known.items() if id(s) in refused]:
        del known[key]
