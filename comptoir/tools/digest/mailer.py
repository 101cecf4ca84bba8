"""The SMTP side of the letter: the server from ``DIGEST["smtp"]`` (or
``COMPTOIR_SMTP_URL``), the password only from ``COMPTOIR_SMTP_PASSWORD``.

``smtps://`` is TLS from the start (465); ``smtp://`` upgrades with
STARTTLS (587) and refuses a server that cannot, except on a loopback
address (a relay on the same machine). What went wrong with one message is
sorted as the ledger needs it: try again later (4xx, or the connection
lost), or refused for good (5xx).
"""

from __future__ import annotations

import ipaddress
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from comptoir.core.i18n import N_

from .content import DigestError

PORTS = {"smtp": 587, "smtps": 465}
TIMEOUT = 60  # seconds; a stalled server is a lost connection


@dataclass(frozen=True)
class Server:
    scheme: str
    host: str
    port: int
    user: str
    password: str
    setting: str  # where the address came from, for messages

    @property
    def shown(self) -> str:
        user = f"{self.user}@" if self.user else ""
        return f"{self.scheme}://{user}{self.host}:{self.port}"

    @property
    def loopback(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


@dataclass(frozen=True)
class Outcome:
    """One message: sent, ``later`` (4xx: next --send), or refused (5xx)."""

    sent: bool
    code: int = 0
    reason: str = ""

    @property
    def later(self) -> bool:
        return not self.sent and not 500 <= self.code < 600


def server_from(url: str, environ: Mapping[str, str]) -> Server:
    setting = 'DIGEST["smtp"]'
    if environ.get("COMPTOIR_SMTP_URL"):
        url, setting = environ["COMPTOIR_SMTP_URL"], "COMPTOIR_SMTP_URL"
    parts = urlsplit(url or "")
    if parts.scheme not in PORTS or not parts.hostname:
        raise DigestError(
            N_('%(setting)s: write the server\'s address, like "smtp://user@smtp.example.fr:587".'),
            setting=setting,
        )
    return Server(
        parts.scheme,
        parts.hostname,
        parts.port or PORTS[parts.scheme],
        unquote(parts.username or ""),
        environ.get("COMPTOIR_SMTP_PASSWORD", ""),
        setting,
    )


def _failed(server: Server, reason: object) -> DigestError:
    return DigestError(
        N_(
            "The mail server %(server)s (%(setting)s) did not let the letter through: %(reason)s. Nothing was sent."
        ),
        server=server.shown,
        setting=server.setting,
        reason=str(reason),
    )


def connect(server: Server) -> smtplib.SMTP:
    """A connection ready to send (TLS, logged in), or a :class:`DigestError`
    naming the setting to fix; nothing is sent here."""
    context = ssl.create_default_context()
    try:
        if server.scheme == "smtps":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                server.host, server.port, timeout=TIMEOUT, context=context
            )
        else:
            smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
        smtp.ehlo()
        if server.scheme == "smtp":
            if smtp.has_extn("starttls"):
                smtp.starttls(context=context)
                smtp.ehlo()
            elif not server.loopback:
                smtp.close()
                raise DigestError(
                    N_(
                        "The mail server %(server)s (%(setting)s) offers no encryption (STARTTLS): use its smtps:// address, port 465."
                    ),
                    server=server.shown,
                    setting=server.setting,
                )
        if server.user:
            if not server.password:
                smtp.close()
                raise DigestError(
                    N_(
                        "The password of %(user)s is missing: set the environment variable COMPTOIR_SMTP_PASSWORD."
                    ),
                    user=server.user,
                )
            smtp.login(server.user, server.password)
    except smtplib.SMTPAuthenticationError as error:
        raise DigestError(
            N_(
                "The mail server %(server)s refused the user %(user)s and its password (COMPTOIR_SMTP_PASSWORD): %(reason)s. Nothing was sent."
            ),
            server=server.shown,
            user=server.user,
            reason=error.smtp_error.decode("utf-8", "replace"),
        ) from None
    except (OSError, smtplib.SMTPException) as error:
        raise _failed(server, error) from None
    return smtp


def send(smtp: smtplib.SMTP, message: EmailMessage, sender: str, to: str) -> Outcome:
    """Hand one message over; what the server said about it. A lost
    connection raises :class:`smtplib.SMTPServerDisconnected`."""
    try:
        refused = smtp.send_message(message, from_addr=sender, to_addrs=[to])
    except smtplib.SMTPRecipientsRefused as error:
        code, reason = next(iter(error.recipients.values()))
        return Outcome(False, code, reason.decode("utf-8", "replace"))
    except smtplib.SMTPResponseException as error:
        # A refused MAIL FROM or DATA: the connection is still usable.
        smtp.rset()
        return Outcome(False, error.smtp_code, error.smtp_error.decode("utf-8", "replace"))
    if refused:
        code, reason = next(iter(refused.values()))
        return Outcome(False, code, reason.decode("utf-8", "replace"))
    return Outcome(True)
