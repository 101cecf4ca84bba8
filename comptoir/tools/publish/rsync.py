"""rsync over SSH, the default target.

``releases`` mode (the default): each publish goes into a new folder under
``PATH/releases/``, unchanged files hard-linked from the live release, and
only when it is complete does the ``PATH/current`` symlink switch to it, in
one rename; the web server serves ``PATH/current``. A cut transfer leaves a
``.partial`` folder that the next publish completes. ``plain`` mode, for
hosts whose web root cannot be a symlink, updates ``PATH`` in place with
``--delay-updates --delete-after`` (files renamed into place at the end).
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
import tempfile
from pathlib import Path
from typing import Any

from comptoir.core.build.atomic import MARKER

from .guards import PublishError
from .plan import MANIFEST, Manifest, Plan, read_manifest
from .ssh import DISK_FULL, UNEXPLAINED, Remote

# Same bytes, same rights: rsync then hard-links an unchanged file from the
# live release (times differ at every build, so they are not compared).
COPY = ["--recursive", "--links", "--checksum", "--chmod=D755,F644", "--omit-dir-times"]
# The kit's mark on the local output folder is not part of the site (the
# other targets go by the manifest, which leaves it out too).
COPY += ["--exclude", f"/{MARKER}"]


class RsyncTarget:
    """Publish with rsync through the owner's SSH setup."""

    def __init__(self, publish: dict[str, Any]):
        self.remote = Remote.of(publish)
        self.path = str(publish["path"]).rstrip("/")
        self.mode = publish.get("mode", "releases")
        self.keep = int(publish.get("keep", 5))

    def _q(self, *parts: str) -> str:
        return shlex.quote("/".join([self.path, *parts]))

    def live(self) -> Manifest:
        """The manifest of the site online now ({} before the first publish)."""
        where = ("current", MANIFEST) if self.mode == "releases" else (MANIFEST,)
        text = self.remote.run(f"cat {self._q(*where)} 2>/dev/null || true")
        return read_manifest(text.encode("utf-8"))

    def publish(self, output: Path, local: Manifest, plan: Plan) -> None:
        with tempfile.TemporaryDirectory() as extra:
            Path(extra, MANIFEST).write_text(json.dumps(local, indent=0), encoding="utf-8")
            sources = [f"{output}/", f"{extra}/"]
            if self.mode == "plain":
                target = f"{self.remote.where}:{self.path}/"
                self.remote.run(f"mkdir -p {self._q()}")
                args = [*COPY, "--delete-after", "--delay-updates", *sources, target]
                self._send(args, plan)
                return
            self._release(sources, plan)

    def _send(self, args: list[str], plan: Plan) -> None:
        """rsync; when it fails without saying why, ask the server how much
        room it has: on a full disk rsync's receiver may die before its
        message gets through (seen here once in four runs)."""
        try:
            self.remote.rsync(args)
        except PublishError as error:
            if error.message == UNEXPLAINED and self._free_bytes() < plan.bytes:
                raise PublishError(DISK_FULL) from error
            raise

    def _free_bytes(self) -> int:
        """Room left where the site goes (``df``), or a huge number if unknown."""
        text = self.remote.run(f"df -Pk {self._q()} 2>/dev/null | tail -n 1 || true").split()
        return int(text[3]) * 1024 if len(text) > 3 and text[3].isdigit() else 1 << 62

    def _release(self, sources: list[str], plan: Plan) -> None:
        releases = self._q("releases")
        # A publish cut short left a .partial folder: finish that one.
        found = self.remote.run(
            f"mkdir -p {releases} && cd {releases} && ls -1d *.partial 2>/dev/null || true"
        ).split()
        name = found[0] if found else dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S.partial")
        link = ["--link-dest", f"{self.path}/current/"] if self.live_release() else []
        target = f"{self.remote.where}:{self.path}/releases/{name}/"
        self._send([*COPY, "--delete", *link, *sources, target], plan)
        done = name.removesuffix(".partial")
        # rename(2) of the new link over the old one: readers see the old
        # release or the new one, never a mix.
        self.remote.run(
            f"cd {self._q()} && mv releases/{shlex.quote(name)} releases/{done} && "
            f"ln -sfn releases/{done} current.next && mv -T current.next current"
        )
        self._prune()

    def live_release(self) -> str | None:
        """The release the ``current`` link points to, if any."""
        text = self.remote.run(f"readlink {self._q('current')} || true").strip()
        return text.rsplit("/", 1)[-1] or None

    def releases(self) -> list[str]:
        text = self.remote.run(f"cd {self._q('releases')} 2>/dev/null && ls -1 || true")
        return sorted(name for name in text.split() if not name.endswith(".partial"))

    def _prune(self) -> None:
        old = self.releases()[: -self.keep]
        if old:
            names = " ".join(shlex.quote(name) for name in old)
            self.remote.run(f"cd {self._q('releases')} && rm -rf -- {names}")

    def rollback(self) -> tuple[str, str] | None:
        """Point ``current`` at the release before it: (from, to), or None."""
        names, live = self.releases(), self.live_release()
        if live not in names or names.index(live) == 0:
            return None
        previous = names[names.index(live) - 1]
        self.remote.run(
            f"cd {self._q()} && ln -sfn releases/{shlex.quote(previous)} current.next && "
            "mv -T current.next current"
        )
        return live, previous
