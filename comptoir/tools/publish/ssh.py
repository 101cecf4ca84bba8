"""Running ssh and rsync the way an owner's machine does, and telling what
went wrong in the owner's words.

Credentials are the owner's SSH setup (agent, ~/.ssh/config, keys); the
kit never asks for a password: ``BatchMode`` makes ssh fail at once instead
of prompting, and the failure is named (host unreachable, key refused,
unknown host key, disk full).
"""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass
from typing import Any

from comptoir.core.i18n import N_

from .guards import PublishError

DISK_FULL = N_(
    "The server's disk is full: nothing was switched, the site online is unchanged; "
    "free some space (older releases, logs) and publish again."
)
UNEXPLAINED = N_("The server answered with an error, and the site online is unchanged: %(detail)s")
# (what ssh or rsync prints, what the owner reads): first match wins.
_FAILURES = (
    (
        "Host key verification failed",
        N_(
            "The server's identity is not known to this computer: connect once with "
            "`ssh %(where)s`, check the fingerprint with your host, and answer yes."
        ),
    ),
    (
        "Permission denied",
        N_(
            "The server refused the SSH key: add your key to the SSH agent (`ssh-add`), "
            "or ask your host to accept it for %(where)s."
        ),
    ),
    (
        "Connection refused",
        N_('%(where)s refuses SSH connections on this port: check "host" and "port" in PUBLISH.'),
    ),
    (
        "Could not resolve hostname",
        N_('%(where)s is not a known server name: check "host" in PUBLISH.'),
    ),
    ("timed out", N_('%(where)s does not answer: check your connection and "host" in PUBLISH.')),
    ("No route to host", N_("%(where)s cannot be reached: check your connection.")),
    ("No space left on device", DISK_FULL),
    (
        "Disk quota exceeded",
        N_(
            "Your space on the server is full: nothing was switched, the site online is "
            "unchanged; free some space and publish again."
        ),
    ),
)


@dataclass(frozen=True)
class Remote:
    """An SSH destination: ``user@host`` on ``port``, with an optional config file."""

    host: str
    user: str | None = None
    port: int | None = None
    config: str | None = None

    @classmethod
    def of(cls, publish: dict[str, Any]) -> Remote:
        return cls(
            publish["host"], publish.get("user"), publish.get("port"), publish.get("ssh_config")
        )

    @property
    def where(self) -> str:
        return f"{self.user}@{self.host}" if self.user else self.host

    def ssh_args(self) -> list[str]:
        args = ["ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=15"]
        if self.config:
            args += ["-F", self.config]
        if self.port:
            args += ["-p", str(self.port)]
        return args

    def run(self, script: str) -> str:
        """Run a POSIX shell script on the server; its output, or a PublishError."""
        done = subprocess.run(
            [*self.ssh_args(), self.where, script], capture_output=True, text=True
        )
        if done.returncode != 0:
            raise failure(self, done.stderr)
        return done.stdout

    def rsync(self, args: list[str]) -> str:
        """rsync through this remote's ssh; its output, or a PublishError."""
        shell = shlex.join(self.ssh_args())
        done = subprocess.run(["rsync", "-e", shell, *args], capture_output=True, text=True)
        if done.returncode != 0:
            raise failure(self, done.stderr)
        return done.stdout


def failure(remote: Remote, stderr: str) -> PublishError:
    """The owner's message for what ssh or rsync printed."""
    for needle, message in _FAILURES:
        if needle.lower() in stderr.lower():
            return PublishError(message, where=remote.where)
    return PublishError(
        UNEXPLAINED,
        detail=stderr.strip().splitlines()[-1] if stderr.strip() else "?",
    )
