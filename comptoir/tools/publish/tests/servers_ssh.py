"""Debian's OpenSSH server (for rsync and SFTP) and a real ssh-agent.

The server runs as the user running the tests, trusts one throwaway key,
and is checked by clients against its own ``known_hosts``; the agent holds
keys for clients that must not be handed one.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from comptoir.tools.publish.tests.servers_base import (
    HOST,
    ServerProcess,
    ServerStartError,
    banner,
    free_ports,
)

SSHD = Path("/usr/sbin/sshd")


def keypair(path: Path, comment: str) -> Path:
    """A throwaway ed25519 key without passphrase at ``path`` (and ``path``.pub)."""
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)],
        check=True,
        stdin=subprocess.DEVNULL,
    )
    return path


class SSHServer(ServerProcess):
    """Debian's OpenSSH server, for rsync and SFTP, as the user running the tests.

    Clients log in as ``user`` with the private key ``key`` and check the
    server against ``known_hosts``; ``root`` is a folder for the tests'
    remote web roots (the same path on both ends: it is the same machine).
    """

    name = "sshd"

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        if not SSHD.exists():
            raise ServerStartError(f"{SSHD} is missing: run `invoke test-deps`.")
        self.host = HOST
        (self.port,) = free_ports(1)
        self.user = getpass.getuser()
        self.root = folder / "www"
        self.root.mkdir(exist_ok=True)
        host_key = keypair(folder / "host_ed25519", "comptoir-test-host")
        self.key = keypair(folder / "client_ed25519", "comptoir-test-client")
        authorized = folder / "authorized_keys"
        shutil.copyfile(self.key.with_suffix(".pub"), authorized)
        kind, blob = host_key.with_suffix(".pub").read_text().split()[:2]
        self.known_hosts = folder / "known_hosts"
        self.known_hosts.write_text(f"[{HOST}]:{self.port},[localhost]:{self.port} {kind} {blob}\n")
        self.config = folder / "sshd_config"
        self.config.write_text(
            _sshd_config(
                port=self.port,
                host_key=host_key,
                authorized=authorized,
                pid_file=folder / "sshd.pid",
                user=self.user,
            )
        )

    def command(self) -> list[str]:
        """sshd in the foreground, logging to stderr (the log)."""
        if os.geteuid() == 0:
            # As root, sshd wants its privilege separation directory, which
            # Debian's service unit makes at boot (absent in containers).
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        # An absolute path: sshd re-executes itself for each connection.
        return [str(SSHD), "-D", "-e", "-f", str(self.config)]

    def ready(self) -> bool:
        """The server sends its SSH banner."""
        return banner(self.port, b"SSH-")

    def options(self, *, identity: bool = True) -> list[str]:
        """Client options shared by ssh, sftp and scp (without the port).

        ``identity=False`` leaves the key out, for a client that must get
        it from an ssh-agent (see :func:`ssh_agent`).
        """
        options = ["-F", "/dev/null"]  # no ~/.ssh/config of the machine
        if identity:
            options += ["-i", str(self.key), "-o", "IdentitiesOnly=yes"]
        for option in (
            f"UserKnownHostsFile={self.known_hosts}",
            "GlobalKnownHostsFile=/dev/null",
            "StrictHostKeyChecking=yes",
            "BatchMode=yes",
            "ConnectTimeout=10",
            "LogLevel=ERROR",
        ):
            options += ["-o", option]
        return options

    @property
    def destination(self) -> str:
        """``user@127.0.0.1``."""
        return f"{self.user}@{self.host}"

    @property
    def ssh_command(self) -> list[str]:
        """``ssh`` with every option, up to the destination: append a remote command."""
        return ["ssh", "-p", str(self.port), *self.options(), self.destination]

    @property
    def rsync_shell(self) -> str:
        """The value of rsync's ``-e``: ssh with every option (the key included)."""
        return shlex.join(["ssh", "-p", str(self.port), *self.options()])

    @property
    def sftp_command(self) -> list[str]:
        """``sftp`` with every option, without the destination (add ``-b`` first if wanted)."""
        return ["sftp", "-P", str(self.port), *self.options()]


def _sshd_config(*, port: int, host_key: Path, authorized: Path, pid_file: Path, user: str) -> str:
    """An sshd_config that trusts one key for one user, on 127.0.0.1 only."""
    lines = [
        f"Port {port}",
        f"ListenAddress {HOST}",
        f"HostKey {host_key}",
        f"PidFile {pid_file}",
        f"AuthorizedKeysFile {authorized}",
        f"AllowUsers {user}",
        # The key and folders live in a pytest tmp dir, not in ~/.ssh.
        "StrictModes no",
        "UsePAM no",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin prohibit-password",
        "Subsystem sftp internal-sftp",
        "UseDNS no",
        "PrintMotd no",
        "LogLevel VERBOSE",
        # Fault tests open and cut many connections in a row.
        "MaxStartups 100",
    ]
    if _openssh_version() >= (9, 8):
        # Newer servers penalise a source that failed to log in (the tests'
        # refused-key cases): 127.0.0.1 must never be locked out.
        lines.append("PerSourcePenalties no")
    return "\n".join(lines) + "\n"


def _openssh_version() -> tuple[int, int]:
    """The installed sshd's version, e.g. (9, 2) (``sshd -V`` prints it on stderr)."""
    output = subprocess.run([str(SSHD), "-V"], capture_output=True, text=True).stderr
    found = re.search(r"OpenSSH_(\d+)\.(\d+)", output)
    return (int(found[1]), int(found[2])) if found else (0, 0)


@contextlib.contextmanager
def ssh_agent(*keys: Path) -> Iterator[dict[str, str]]:
    """A real ssh-agent holding ``keys``; yields the environment that points to it.

    The socket goes in a short folder of its own: Unix socket paths are
    limited to about 100 bytes, and pytest's tmp paths can be long.
    """
    folder = Path(tempfile.mkdtemp(prefix="comptoir-agent-"))
    sock = folder / "agent.sock"
    log = folder / "agent.log"
    with log.open("wb") as out:
        agent = subprocess.Popen(
            ["ssh-agent", "-D", "-a", str(sock)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 10
        while not sock.exists():
            if agent.poll() is not None or time.monotonic() > deadline:
                raise ServerStartError(f"ssh-agent did not start:\n{log.read_text()}")
            time.sleep(0.02)
        env = {"SSH_AUTH_SOCK": str(sock)}
        for key in keys:
            subprocess.run(
                ["ssh-add", "-q", str(key)],
                env={**os.environ, **env},
                check=True,
                capture_output=True,
            )
        yield env
    finally:
        agent.terminate()
        agent.wait()
        shutil.rmtree(folder, ignore_errors=True)
