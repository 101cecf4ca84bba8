"""What went wrong with an FTP server, in the owner's words, by step:
before login (unreachable, certificate, no TLS), at login (wrong user or
password), while sending (the site online unchanged), while switching (a
mix until the next publish)."""

from __future__ import annotations

import errno
import ftplib
import socket
import ssl
from typing import Any

from comptoir.core.i18n import N_

from .credentials import Credentials
from .guards import PublishError
from .staged import LOST_SENDING, LOST_SWITCHING

_UNREACHABLE = (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EHOSTDOWN)


def ftp_failure(
    error: BaseException, target: Any, login: Credentials | None, cafile: str | None = None
) -> PublishError:
    """The owner's message for ``error`` raised while ``target`` was at its step."""
    where, step, file = target.host, target.state["step"], target.state["file"]
    detail = str(error).strip() or type(error).__name__
    if cafile is not None:
        return PublishError(
            N_('The certificate file %(file)s ("cafile" in PUBLISH) cannot be read: %(detail)s.'),
            file=cafile,
            detail=detail,
        )
    if isinstance(error, ssl.SSLCertVerificationError):
        return PublishError(
            N_(
                "The certificate of %(where)s is not trusted (%(detail)s): nothing was sent. "
                "If your host signs its own certificate, save it in a file and name that "
                'file with "cafile" in PUBLISH.'
            ),
            where=where,
            detail=error.verify_message or detail,
        )
    code = detail[:3] if isinstance(error, ftplib.Error) else ""
    if step == "auth" and code[:1] == "5":
        return PublishError(
            N_(
                "%(where)s does not offer FTPS (FTP with encryption): ask your host for it, "
                'or use SFTP. Only if it offers nothing else, add "plain_ftp": True to '
                "PUBLISH: your password will then cross the network readable."
            ),
            where=where,
        )
    if "TLS required" in detail:
        return PublishError(
            N_('%(where)s requires FTPS: remove "plain_ftp" from PUBLISH.'), where=where
        )
    if code == "530" and login is not None:
        return PublishError(
            N_(
                "%(where)s refused the login “%(user)s” (%(detail)s): check the user and "
                "password in %(source)s."
            ),
            where=where,
            user=login.user,
            detail=detail,
            source=login.source,
        )
    if step == "connect":
        return _unreachable(error, where, target.port)
    if step == "switch":
        return PublishError(LOST_SWITCHING, where=where, detail=detail)
    if code in ("452", "552"):
        return PublishError(
            N_(
                "The server's disk or your quota is full (%(detail)s): nothing was switched, "
                "the site online is unchanged; free some space and publish again."
            ),
            detail=detail,
        )
    if code in ("550", "553"):
        return PublishError(
            N_(
                "The server refused to write %(file)s (%(detail)s): the site online is "
                'unchanged; check "path" in PUBLISH, and that your FTP account may write there.'
            ),
            file=file,
            detail=detail,
        )
    return PublishError(LOST_SENDING, where=where, detail=detail)


def _unreachable(error: BaseException, where: str, port: int) -> PublishError:
    if isinstance(error, socket.gaierror):
        return PublishError(
            N_('%(where)s is not a known server name: check "host" in PUBLISH.'), where=where
        )
    if isinstance(error, ConnectionRefusedError):
        return PublishError(
            N_(
                '%(where)s refuses FTP connections on port %(port)s: check "host" and "port" '
                "in PUBLISH."
            ),
            where=where,
            port=port,
        )
    if isinstance(error, TimeoutError):
        return PublishError(
            N_('%(where)s does not answer: check your connection and "host" in PUBLISH.'),
            where=where,
        )
    if isinstance(error, OSError) and error.errno in _UNREACHABLE:
        return PublishError(N_("%(where)s cannot be reached: check your connection."), where=where)
    return PublishError(
        N_("The server answered with an error, and the site online is unchanged: %(detail)s"),
        detail=str(error) or type(error).__name__,
    )
