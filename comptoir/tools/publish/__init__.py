"""``invoke publish`` and ``invoke rollback``: the built site, online. It owns
every talk with a host (rsync over SSH, SFTP, FTPS, S3, gh-pages), the plan
of what to send and delete, and the guards before it. It never changes the
local output, never deletes the live site for an empty or failed build, and
takes credentials from the environment, never from files in git.

``publish`` builds with publishconf.py strictly (warnings are errors, the
content is checked), compares the result with what is online by content
hash, refuses an empty build or one that would take down many live pages,
then hands the difference to the target named by ``PUBLISH``. It owns every
talk with a host (SSH, SFTP, FTPS, S3, git) and never changes the local
output; credentials come from the environment, never from files in git.

Public surface: :func:`publish`, :class:`Published`, :class:`PublishError`.
"""

from __future__ import annotations

from .config import SETTINGS
from .guards import PublishError
from .run import Published, publish

__all__ = ["SETTINGS", "PublishError", "Published", "publish"]
