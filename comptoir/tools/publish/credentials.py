"""Where the FTP user and password come from: never from the settings.

First the environment variables ``COMPTOIR_FTP_USER`` and
``COMPTOIR_FTP_PASSWORD``; else ``~/.netrc`` (or the file ``NETRC`` names),
a line ``machine HOST login USER password SECRET``, which is refused when
another account could read it (mode 0600 or stricter).
"""

from __future__ import annotations

import netrc
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from comptoir.core.i18n import N_

from .guards import PublishError

USER_VAR = "COMPTOIR_FTP_USER"
PASSWORD_VAR = "COMPTOIR_FTP_PASSWORD"


@dataclass(frozen=True)
class Credentials:
    """A login, and where it was found (named when the server refuses it)."""

    user: str
    password: str = field(repr=False)  # never shown in a traceback
    source: str = ""


def netrc_path() -> Path:
    """The .netrc file: ``NETRC`` if set, else ~/.netrc."""
    return Path(os.environ.get("NETRC") or Path.home() / ".netrc").expanduser()


def ftp_credentials(host: str, user: str | None = None) -> Credentials:
    """The login for ``host`` (``user``: the one PUBLISH names, if any)."""
    password = os.environ.get(PASSWORD_VAR)
    if password:
        login = os.environ.get(USER_VAR) or user
        if not login:
            raise PublishError(
                N_('%(password)s is set but not %(user)s: set it too, or add "user" to PUBLISH.'),
                password=PASSWORD_VAR,
                user=USER_VAR,
            )
        return Credentials(login, password, f"{USER_VAR} / {PASSWORD_VAR}")
    path = netrc_path()
    if not path.is_file():
        raise PublishError(
            N_(
                "No FTP password for %(host)s: set the environment variables %(user)s and "
                "%(password)s, or write a line “machine %(host)s login … password …” in "
                "%(file)s, then run `chmod 600 %(file)s`."
            ),
            host=host,
            user=USER_VAR,
            password=PASSWORD_VAR,
            file=str(path),
        )
    return _from_netrc(path, host, os.environ.get(USER_VAR) or user)


def _from_netrc(path: Path, host: str, user: str | None) -> Credentials:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        # Anyone who can read it can take over the site.
        raise PublishError(
            N_(
                "%(file)s can be read by other accounts on this computer (mode %(mode)s), "
                "and it holds your password: run `chmod 600 %(file)s`, then publish again."
            ),
            file=str(path),
            mode=f"{stat.S_IMODE(mode):04o}",
        )
    try:
        found = netrc.netrc(str(path)).authenticators(host)
    except (netrc.NetrcParseError, OSError, UnicodeDecodeError) as error:
        raise PublishError(
            N_("%(file)s cannot be read (%(detail)s): fix it or use the environment variables."),
            file=str(path),
            detail=str(error),
        ) from error
    if not found or not found[2]:
        raise PublishError(
            N_(
                "%(file)s has no password for %(host)s: add a line "
                "“machine %(host)s login … password …”."
            ),
            file=str(path),
            host=host,
        )
    login, _account, password = found
    if user and login and login != user:
        raise PublishError(
            N_(
                "%(file)s has a password for “%(login)s” on %(host)s, but PUBLISH names the "
                "user “%(user)s”: make them the same."
            ),
            file=str(path),
            login=login,
            host=host,
            user=user,
        )
    if not (user or login):
        raise PublishError(
            N_("%(file)s has no login for %(host)s: add “login …” to its line."),
            file=str(path),
            host=host,
        )
    return Credentials(user or login, password, str(path))
