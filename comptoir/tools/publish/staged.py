"""The order of a file-by-file publish (SFTP, FTPS), shared by both targets.

Neither protocol can switch a whole folder at once, so a publish goes in
steps: (1) every changed file is sent under a temporary name in its final
folder (``.name.<hash>.comptoir-part``); (2) only once all arrived is each
renamed over the live file, assets first and the home page last; (3) the
files the build no longer has are deleted; (4) the manifest of hashes
(``.comptoir-manifest.json``) is written last. A cut in (1) leaves the live
site entirely the old one; a cut in (2) or (3) leaves a mix until the next
publish, which redoes every step from the unchanged old manifest.

A temporary name carries the hash of its content, so a half-sent file is
a prefix of exactly that content: the next publish sends only the rest.
The journal (``.comptoir-pending.json``) lists the temporary files a
publish started, so that those no later publish needs are deleted.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field

from comptoir.core.i18n import N_

from .guards import PublishError
from .plan import MANIFEST, Manifest, Plan, json_of, safe

JOURNAL = ".comptoir-pending.json"
PART = ".comptoir-part"
MANIFEST_PART = f".{MANIFEST}{PART}"  # rewritten whole at every publish
# What the owner reads when a publish stops midway, by step.
LOST_SENDING = N_(
    "The connection to %(where)s was lost while sending files (%(detail)s): the site "
    "online is unchanged; run `invoke publish` again to send the rest."
)
LOST_SWITCHING = N_(
    "The publish stopped while putting the new files in place on %(where)s (%(detail)s): "
    "until you run `invoke publish` again, the site online may show new pages next to "
    "old ones."
)


def read_journal(data: bytes | None) -> list[str]:
    """The temporary files an earlier, cut publish started."""
    found = json_of(data)
    if not isinstance(found, list):
        return []
    return [p for p in found if isinstance(p, str) and safe(p) and p.endswith(PART)]


def part_of(path: str, digest: str) -> str:
    """The temporary name of ``path`` while its content ``digest`` is sent."""
    folder, name = posixpath.split(path)
    return posixpath.join(folder, f".{name}.{digest[:16]}{PART}")


def _switch_key(path: str) -> tuple[int, str]:
    # Images, styles and the like before the pages that use them, pages
    # before the lists that link to them, the home page last.
    if path == "index.html":
        return (3, path)
    if path.endswith("/index.html") and path.count("/") == 1:
        return (2, path)
    return (int(path.endswith((".html", ".xml", ".json"))), path)


@dataclass
class Steps:
    """What a publish does, in order, as paths relative to the site's folder."""

    folders: list[str] = field(default_factory=list)  # to create, parents first
    sends: list[tuple[str, str]] = field(default_factory=list)  # (site path, part)
    switches: list[tuple[str, str]] = field(default_factory=list)  # (part, site path)
    deletes: list[str] = field(default_factory=list)
    emptied: list[str] = field(default_factory=list)  # folders to remove if empty, deepest first
    journal: list[str] = field(default_factory=list)  # every part, this publish's and earlier ones
    stale: list[str] = field(default_factory=list)  # earlier parts no longer needed
    manifest: bytes = b""

    @property
    def journal_bytes(self) -> bytes:
        return json.dumps(self.journal, indent=0).encode("utf-8")


def steps_of(local: Manifest, plan: Plan, pending: list[str]) -> Steps:
    """The steps that turn the live site into the build."""
    steps = Steps()
    for path in plan.sent:
        if not safe(path):
            raise PublishError(
                N_(
                    "The file name “%(name)s” cannot be published (it holds a backslash or a "
                    "control character): rename it."
                ),
                name=json.dumps(path, ensure_ascii=False)[1:-1],  # "\n" shown as such
            )
    sent = sorted(plan.sent, key=_switch_key)
    steps.sends = [(path, part_of(path, local[path])) for path in sent]
    steps.switches = [(part, path) for path, part in steps.sends]
    parts = {part for _, part in steps.sends}
    steps.folders = sorted(
        {f for path in sent for f in _parents(path)}, key=lambda f: (f.count("/"), f)
    )
    steps.deletes = list(plan.delete)
    kept = {f for path in local for f in _parents(path)}
    gone = {f for path in plan.delete for f in _parents(path)} - kept
    steps.emptied = sorted(gone, key=lambda f: (-f.count("/"), f))
    steps.journal = sorted(parts | set(pending))
    steps.stale = sorted(set(pending) - parts)
    steps.manifest = json.dumps(local, indent=0).encode("utf-8")
    return steps


def _parents(path: str) -> list[str]:
    """The folders ``path`` lies in, relative, outermost first (not the root)."""
    steps = path.split("/")[:-1]
    return ["/".join(steps[: n + 1]) for n in range(len(steps))]


def root_folders(root: str) -> list[str]:
    """``root`` and the folders leading to it, outermost first (to create them)."""
    head = "/" if root.startswith("/") else ""
    steps = [s for s in root.split("/") if s]
    return [head + "/".join(steps[: n + 1]) for n in range(len(steps))]
