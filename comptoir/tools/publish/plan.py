"""What a publish changes: files to upload, to replace, to delete.

Every target compares the built site with what is live by content hash,
so a rebuild that rewrote every file with the same bytes sends nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from comptoir.core.build.atomic import MARKER

Manifest = dict[str, str]  # relative posix path -> sha256 hex
# Where a target keeps the manifest of what is online, next to the site.
MANIFEST = ".comptoir-manifest.json"


def local_manifest(output: Path) -> Manifest:
    """Every file of the built site with the hash of its bytes."""
    found: Manifest = {}
    for folder, _dirs, files in os.walk(output):
        for name in files:
            if name == MARKER:
                continue  # the kit's own mark on the folder, not part of the site
            path = Path(folder, name)
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            found[path.relative_to(output).as_posix()] = digest.hexdigest()
    return dict(sorted(found.items()))


@dataclass
class Plan:
    """The difference between the built site and the live one."""

    upload: list[str] = field(default_factory=list)  # new files
    replace: list[str] = field(default_factory=list)  # changed files
    delete: list[str] = field(default_factory=list)  # live files the build no longer has
    unchanged: int = 0
    bytes: int = 0  # to send
    live_pages: int = 0  # HTML pages live now

    @property
    def sent(self) -> list[str]:
        return [*self.upload, *self.replace]

    @property
    def deleted_pages(self) -> int:
        return sum(path.endswith(".html") for path in self.delete)


def make_plan(local: Manifest, live: Manifest, output: Path) -> Plan:
    """Compare two manifests (the live one may be empty: a first publish)."""
    plan = Plan()
    for path, digest in local.items():
        if path not in live:
            plan.upload.append(path)
        elif live[path] != digest:
            plan.replace.append(path)
        else:
            plan.unchanged += 1
    plan.delete = sorted(path for path in live if path not in local)
    plan.bytes = sum((output / path).stat().st_size for path in plan.sent)
    plan.live_pages = sum(path.endswith(".html") for path in live)
    return plan


# A path in a manifest: relative, no "." or ".." step, no control character.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\]")


def safe(path: str) -> bool:
    """Whether ``path`` stays inside the site's folder (a manifest read from
    the server is not trusted: a bad line must not delete elsewhere)."""
    steps = path.split("/")
    return bool(path) and not _UNSAFE.search(path) and all(s not in ("", ".", "..") for s in steps)


def read_manifest(data: bytes | None) -> Manifest:
    """The live manifest from the file's bytes ({} when absent or unreadable)."""
    found = json_of(data)
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(v, str) and safe(k)}


def json_of(data: bytes | None) -> Any:
    """JSON read from the server, or None when absent or unreadable."""
    try:
        return json.loads(data.decode("utf-8")) if data else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
