"""Pagefind's own binary (the pinned ``pagefind_bin`` package, nothing
downloaded at build time) driven through its ``--service`` protocol: one
base64 JSON message per request, each followed by a comma, answered the
same way. Pagefind handles requests one after the other, in the order they
arrive, so pages are numbered in the order they are sent and the same
records give the same files; :meth:`Service.send_all` sends them in
batches without waiting for each answer."""

from __future__ import annotations

import base64
import json
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

# Requests sent before their answers are read. Pagefind reads its input on
# a thread of its own, but the answers wait in a pipe (64 kB): a batch's
# answers (under 100 bytes each) must fit in it.
BATCH = 256


class PagefindError(RuntimeError):
    """Pagefind refused a request or stopped; the message says why."""


def executable() -> Path:
    """The binary that ships with the pinned ``pagefind_bin`` wheel."""
    from pagefind_bin import get_executable

    return Path(get_executable())


class Service:
    """One ``pagefind --service`` process, stopped on leaving the ``with``.

    Pagefind's Python wrapper polls its answers with a 0.1 s sleep before
    each one (100 s for 1,000 records); this reads each answer as soon as
    its comma arrives, and needs no event loop (livereload runs in one).
    """

    def __init__(self) -> None:
        # Closed by close(), with the process: it lives as long as the service.
        self._errors: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._process = subprocess.Popen(
            [str(executable()), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # Its log goes to a file: a pipe nobody reads could fill and
            # stall it, and mixed into stdout it would garble the answers.
            stderr=self._errors,
        )
        self._next_id = 0
        self._pending = bytearray()  # read past the last answer taken

    def __enter__(self) -> Service:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Ask the process to end, and make sure it has."""
        if self._process.stdin and not self._process.stdin.closed:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout:
            self._process.stdout.close()
        self._errors.close()

    def send(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Pagefind's answer to ``payload``, or :class:`PagefindError`."""
        return self.send_all([payload])[0]

    def send_all(self, payloads: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """Pagefind's answers to ``payloads``, in order. A batch is written
        before its answers are read: one round trip per record cost more
        than Pagefind's own work (0.8 ms each, 8 s at 10,000 stories)."""
        replies: list[dict[str, Any]] = []
        batch: list[int] = []
        for payload in payloads:
            batch.append(self._write(payload))
            if len(batch) == BATCH:
                replies += [self._reply(number) for number in self._flush(batch)]
        replies += [self._reply(number) for number in self._flush(batch)]
        return replies

    def _write(self, payload: dict[str, Any]) -> int:
        assert self._process.stdin
        self._next_id += 1
        message = {"message_id": self._next_id, "payload": payload}
        try:
            self._process.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
        except BrokenPipeError:
            raise PagefindError(self._stopped()) from None
        return self._next_id

    def _flush(self, batch: list[int]) -> list[int]:
        """Send what was written; the batch's numbers, the batch emptied."""
        assert self._process.stdin
        try:
            self._process.stdin.flush()
        except BrokenPipeError:
            raise PagefindError(self._stopped()) from None
        numbers = list(batch)
        batch.clear()
        return numbers

    def _reply(self, number: int) -> dict[str, Any]:
        answer = self._read_answer()
        try:
            decoded = json.loads(base64.b64decode(answer, validate=True))
        except ValueError:
            raise PagefindError(f"unreadable answer: {answer[:80]!r}") from None
        reply = decoded.get("payload") or {}
        if decoded.get("message_id") not in (None, number):
            raise PagefindError(f"answer to message {decoded.get('message_id')}, not {number}")
        if reply.get("type") == "Error":
            raise PagefindError(str(reply.get("message")))
        return reply

    def _read_answer(self) -> bytes:
        """Bytes up to the next comma (base64 has none), the comma dropped."""
        assert self._process.stdout
        while b"," not in self._pending:
            chunk = self._process.stdout.read1(1 << 20)
            if not chunk:
                raise PagefindError(self._stopped())
            self._pending += chunk
        end = self._pending.index(b",")
        answer = bytes(self._pending[:end])
        del self._pending[: end + 1]
        # Whitespace is never part of an answer; a newline may be.
        return answer.strip()

    def _stopped(self) -> str:
        self._errors.seek(0)
        said = self._errors.read().decode("utf-8", "replace").strip()
        return "pagefind stopped" + (f": {said[-500:]}" if said else "")
