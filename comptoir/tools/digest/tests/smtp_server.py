"""A real SMTP server on loopback for the digest tests (aiosmtpd), started
and stopped by the test using it. It keeps what it accepted, and can be
told to refuse an address (a 4xx once, or a 5xx), or to drop the
connection after a number of messages."""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class Inbox:
    """The handler: what came in, and how to misbehave."""

    raw: list[tuple[list[str], bytes]] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address -> "550 …" (every time)
    defer_once: dict[str, str] = field(default_factory=dict)  # address -> "451 …" (first time)
    drop_after: int | None = None  # accepted messages, then the connection is cut
    keep: bool = True  # False: only who got a message (a memory test measures the sender)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        if address in self.defer_once:
            return self.defer_once.pop(address)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.drop_after is not None and len(self.raw) >= self.drop_after:
            server.transport.close()
            return "421 4.3.2 going away"
        self.raw.append((list(envelope.rcpt_tos), envelope.content if self.keep else b""))
        return "250 Message accepted"

    @property
    def received(self) -> list[tuple[list[str], EmailMessage]]:
        """What came in, parsed as a mail client would (on demand: parsing
        a thousand letters in the server's thread would slow it down)."""
        return [(tos, message_from_bytes(raw, policy=policy.default)) for tos, raw in self.raw]

    def to(self) -> list[str]:
        return [address for tos, _ in self.raw for address in tos]


class Server:
    """``with Server() as smtp:`` — ``smtp.url`` for COMPTOIR_SMTP_URL."""

    def __init__(
        self, *, tls: tuple[Path, Path] | None = None, login: tuple[str, str] | None = None
    ):
        self.inbox = Inbox()
        self.port = free_port()
        options: dict[str, Any] = {}
        if tls:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(tls[0]), str(tls[1]))
            options.update(tls_context=context, require_starttls=True)
        if login:
            options.update(
                authenticator=self._check(login), auth_required=True, auth_require_tls=bool(tls)
            )
        self.login = login
        self.controller = Controller(self.inbox, hostname=HOST, port=self.port, **options)

    @staticmethod
    def _check(login: tuple[str, str]):
        def authenticator(
            server: Any, session: Any, envelope: Any, mechanism: str, data: Any
        ) -> AuthResult:
            ok = (
                isinstance(data, LoginPassword)
                and (data.login.decode(), data.password.decode()) == login
            )
            return AuthResult(success=ok, handled=False)

        return authenticator

    @property
    def url(self) -> str:
        user = f"{self.login[0]}@" if self.login else ""
        return f"smtp://{user}{HOST}:{self.port}"

    def __enter__(self) -> Server:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()
