"""What every test server shares: a child process in its own session, on
free high ports of 127.0.0.1, that waits until it really answers.

``kill()`` then ``start()`` cut a server mid-transfer and bring it back on
the same port. Each keeps its log in its folder (``log``), and a server
that fails to start raises :class:`ServerStartError` with the end of that log.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex
import signal
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import Self

HOST = "127.0.0.1"


class ServerStartError(RuntimeError):
    """A test server did not come up: the message carries its log."""


def free_ports(count: int) -> list[int]:
    """``count`` distinct TCP ports free on 127.0.0.1 (held together while chosen)."""
    with contextlib.ExitStack() as stack:
        socks = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in socks:
            sock.bind((HOST, 0))
        return [sock.getsockname()[1] for sock in socks]


def banner(port: int, prefix: bytes) -> bool:
    """Whether the server on ``port`` greets a new connection with ``prefix``."""
    with socket.create_connection((HOST, port), timeout=2) as sock:
        return sock.recv(64).startswith(prefix)


class ServerProcess:
    """A server run as a child process in its own session, its output in ``log``."""

    name = "server"
    #: Seconds a SIGTERM gets before SIGKILL: test data is throwaway.
    grace = 5.0

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.log = folder / f"{self.name}.log"
        self._process: subprocess.Popen[bytes] | None = None

    # What a subclass says.
    def command(self) -> list[str]:
        """The command line that runs the server in the foreground."""
        raise NotImplementedError

    def ready(self) -> bool:
        """Whether the server answers as its clients expect (OSError means not yet)."""
        raise NotImplementedError

    def environment(self) -> dict[str, str] | None:
        """The server's environment (None: inherit the tests')."""
        return None

    def cleanup(self) -> None:
        """Remove what the ended server left outside its folder (nothing by default)."""

    # The life cycle.
    @property
    def running(self) -> bool:
        """Whether the server's process is alive."""
        return self._process is not None and self._process.poll() is None

    def start(self, timeout: float = 30.0) -> None:
        """Start the server and wait until it answers; raise ServerStartError if it does not."""
        if self.running:
            raise RuntimeError(f"{self.name} is already running")
        command = self.command()
        with self.log.open("ab") as log:
            log.write(f"--- {dt.datetime.now():%H:%M:%S.%f} {shlex.join(command)}\n".encode())
            log.flush()
            # A session of its own: Ctrl-C on pytest does not reach it, and
            # stop() can end the sessions it forked (sshd) with it.
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.folder,
                env=self.environment(),
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while True:
            if self._process.poll() is not None:
                self._fail(f"exited with code {self._process.returncode}")
            with contextlib.suppress(OSError):
                if self.ready():
                    return
            if time.monotonic() > deadline:
                self.kill()
                self._fail(f"did not answer within {timeout:.0f} s")
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop the server (SIGTERM to its process group, SIGKILL after ``grace``)."""
        if self._process is None:
            return
        self._signal(signal.SIGTERM)
        try:
            self._process.wait(self.grace)
        except subprocess.TimeoutExpired:
            self._signal(signal.SIGKILL)
            self._process.wait()
        self._process = None
        self.cleanup()

    def kill(self) -> None:
        """Kill the server at once, as a crash or a cut network would."""
        if self._process is None:
            return
        self._signal(signal.SIGKILL)
        self._process.wait()
        self._process = None
        self.cleanup()

    def wait(self, timeout: float = 10.0) -> int:
        """Wait until the server ends by itself (a cut); return its exit code."""
        assert self._process is not None, f"{self.name} was not started"
        code = self._process.wait(timeout)
        self._process = None
        self.cleanup()
        return code

    def restart(self) -> None:
        """Stop the server if it runs, and start it again on the same ports."""
        self.stop()
        self.start()

    def log_text(self, last: int = 60) -> str:
        """The last lines of the server's log."""
        if not self.log.exists():
            return "(no log)"
        lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(lines[-last:])

    def _signal(self, number: signal.Signals) -> None:
        assert self._process is not None
        # Only the group this object started (start_new_session: pgid == pid).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, number)

    def _fail(self, why: str) -> None:
        raise ServerStartError(f"{self.name} {why}.\nLog {self.log}:\n{self.log_text()}")

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
