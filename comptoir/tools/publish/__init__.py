"""``invoke publish`` and ``invoke rollback``: the built site, online.

``publish`` builds with publishconf.py strictly (warnings are errors, the
content is checked), compares the result with what is online by content
hash, refuses an empty build or one that would take down many live pages,
then hands the difference to the target named by ``PUBLISH``.

Public surface: :func:`publish`, :class:`Published`, :class:`PublishError`.
"""

from __future__ import annotations

from comptoir.core.settings import Setting

from .config import check_publish, check_share
from .guards import PublishError
from .run import Published, publish

__all__ = ["PublishError", "Published", "publish"]

SETTINGS = (
    Setting("PUBLISH", None, "Where `invoke publish` puts the site (see README).", check_publish),
    Setting(
        "PUBLISH_MAX_DELETE",
        0.25,
        "The share of live pages a publish may delete without --force.",
        check_share,
    ),
)


def register() -> None:
    """Nothing to connect: publishing happens after a build, from tasks.py."""
