"""SFTP: shared hosting that gives SSH file access but no shell, or any SSH host.

Runs OpenSSH's own ``sftp`` client in batch mode through the owner's SSH
setup (agent, ~/.ssh/config; ``BatchMode``, so never a password prompt),
like the rsync target, in the steps of :mod:`staged`: files sent under
temporary names, renamed into place only once all arrived, deletions
after, the manifest last. A cut while sending leaves the live site
entirely the old one; a cut while renaming leaves a mix of old and new
files until the next publish (SFTP has no atomic switch of a folder).

``rename`` replaces the live file in one step: the OpenSSH client uses the
server's ``posix-rename@openssh.com`` extension, which OpenSSH servers
(most shared hosts) offer; on a server without it, renaming over an
existing file fails and the publish stops with the message above.
Names with ``" \\ * ? [ ]`` are refused: the batch language would read
them as quotes or wildcards.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from comptoir.core.i18n import N_

from .guards import PublishError
from .plan import MANIFEST, Manifest, Plan, read_manifest
from .ssh import Remote, failure
from .staged import (
    JOURNAL,
    LOST_SENDING,
    LOST_SWITCHING,
    MANIFEST_PART,
    read_journal,
    root_folders,
    steps_of,
)

_BATCH_UNSAFE = re.compile(r'["\\*?\[\]\x00-\x1f\x7f]')
_ECHO = "sftp> "


def _q(path: str) -> str:
    """``path`` as one argument of an sftp batch command."""
    if _BATCH_UNSAFE.search(path):
        raise PublishError(
            N_(
                'SFTP cannot send the name “%(name)s” (it holds one of " \\ * ? [ ]): '
                "rename that file or folder."
            ),
            name=path,
        )
    return f'"{path}"'


class SftpTarget:
    """Publish file by file with ``sftp -b -``, through the owner's SSH setup."""

    def __init__(self, publish: dict[str, Any]):
        self.remote = Remote.of(publish)
        self.root = str(publish["path"]).rstrip("/")
        self.pending: list[str] = []  # temporary files of an earlier, cut publish

    def _at(self, path: str) -> str:
        return _q(f"{self.root}/{path}")

    def _sftp(self, lines: list[str]) -> subprocess.CompletedProcess[str]:
        args = ["sftp", "-b", "-", *self.remote.ssh_args()[1:]]
        # sftp spells ssh's -p as -P; a dead link ends within a minute.
        args = ["-P" if a == "-p" else a for a in args]
        args += ["-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=4"]
        return subprocess.run(
            [*args, self.remote.where],
            input="\n".join(lines) + "\n",
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
        )

    def _run(self, lines: list[str], *, switching: bool = False) -> str:
        """Run a batch (stops at the first failing command not marked ``-``)."""
        done = self._sftp(lines)
        if done.returncode != 0:
            raise self._failure(done, switching)
        return done.stdout

    def _failure(self, done: subprocess.CompletedProcess[str], switching: bool) -> PublishError:
        stderr = done.stderr
        lines = [line for line in stderr.splitlines() if line.strip()]
        detail = lines[-1].strip() if lines else "?"
        started = _ECHO in done.stdout  # logged in, and the batch began
        if switching and started:
            return PublishError(LOST_SWITCHING, where=self.remote.where, detail=detail)
        if not started or "Permission denied (" in stderr:
            return failure(self.remote, stderr)  # could not log in: ssh's own words
        if "Permission denied" in stderr:
            return PublishError(
                N_(
                    "The server refused to write in %(path)s (permission denied): the site "
                    'online is unchanged; check "path" in PUBLISH, and ask your host whether '
                    "your account may write there."
                ),
                path=self.root,
            )
        if "No space left" in stderr or "quota" in stderr.lower():
            return failure(self.remote, stderr)
        if ": Failure" in stderr:
            # SFTP reports a full disk or quota as a bare "Failure".
            return PublishError(
                N_(
                    "The server could not store the files (%(detail)s), most often because "
                    "its disk or your quota is full: the site online is unchanged; free some "
                    "space and publish again."
                ),
                detail=detail,
            )
        return PublishError(LOST_SENDING, where=self.remote.where, detail=detail)

    def live(self) -> Manifest:
        """The manifest of the site online now ({} before the first publish)."""
        with tempfile.TemporaryDirectory() as tmp:
            got = Path(tmp)
            self._run(
                [
                    f"-get {self._at(MANIFEST)} {_q(str(got / 'manifest'))}",
                    f"-get {self._at(JOURNAL)} {_q(str(got / 'journal'))}",
                ]
            )
            self.pending = read_journal(_read(got / "journal"))
            return read_manifest(_read(got / "manifest"))

    def publish(self, output: Path, local: Manifest, plan: Plan) -> None:
        if not (plan.sent or plan.delete or self.pending):
            return  # the same site: nothing to send, nothing to rewrite
        steps = steps_of(local, plan, self.pending)
        sizes = self._sizes([part for _, part in steps.sends if part in self.pending])
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            # The build reached through a link of a plain name: the batch
            # language could misread the output folder's own name.
            (work / "site").symlink_to(output.resolve(), target_is_directory=True)
            (work / "journal").write_bytes(steps.journal_bytes)
            (work / "manifest").write_bytes(steps.manifest)
            send = [f"-mkdir {_q(folder)}" for folder in root_folders(self.root)]
            send += [f"-mkdir {self._at(folder)}" for folder in steps.folders]
            send.append(f"put {_q(str(work / 'journal'))} {self._at(JOURNAL)}")
            for path, part in steps.sends:
                size, have = (output / path).stat().st_size, sizes.get(part, -1)
                if have == size:
                    continue  # sent whole before a cut: same name, same content
                verb = "reput" if 0 < have < size else "put"
                send.append(f"{verb} {_q(str(work / 'site' / path))} {self._at(part)}")
            send.append(f"put {_q(str(work / 'manifest'))} {self._at(MANIFEST_PART)}")
            self._run(send)
        switch = [f"rename {self._at(part)} {self._at(path)}" for part, path in steps.switches]
        # "-": a file already gone (deleted before a cut) is not an error.
        switch += [f"-rm {self._at(path)}" for path in steps.deletes]
        switch += [f"-rmdir {self._at(folder)}" for folder in steps.emptied]
        switch.append(f"rename {self._at(MANIFEST_PART)} {self._at(MANIFEST)}")
        switch += [f"-rm {self._at(part)}" for part in steps.stale]
        switch.append(f"-rm {self._at(JOURNAL)}")
        self._run(switch, switching=True)

    def _sizes(self, parts: list[str]) -> dict[str, int]:
        """The sizes of the temporary files an earlier publish left (absent: not listed)."""
        if not parts:
            return {}
        out = self._run([f"-ls -ln {self._at(part)}" for part in parts])
        sizes: dict[str, int] = {}
        index = -1
        for line in out.splitlines():
            if line.startswith(_ECHO):
                index += 1
                continue
            fields = line.split()
            if 0 <= index < len(parts) and len(fields) > 4 and fields[4].isdigit():
                sizes[parts[index]] = int(fields[4])
        return sizes


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None
