"""FTPS (FTP over explicit TLS), the shared hosting most small businesses have.

TLS is required and the server's certificate verified (``"cafile"`` names
the certificate of a host that signs its own); the password never crosses
the network readable. ``"plain_ftp": True`` allows unencrypted FTP, only
for a host that offers nothing else. User and password come from
:mod:`credentials`, never from the settings.

The steps are those of :mod:`staged`: files sent under temporary names,
renamed into place once all arrived, deletions after, the manifest last.
A cut while sending leaves the live site entirely the old one, and the
next publish sends only the rest of a half-sent file (REST); a cut while
renaming leaves a mix until the next publish (FTP has no atomic switch of
a folder). Renaming over a file replaces it in one step on most Unix
servers (pyftpdlib, vsftpd: one rename(2)); on a server that refuses, the
old file is deleted first, leaving that one address missing for a moment.
"""

from __future__ import annotations

import contextlib
import ftplib
import io
import socket
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .credentials import Credentials, ftp_credentials
from .failures import ftp_failure
from .plan import MANIFEST, Manifest, Plan, read_manifest
from .staged import JOURNAL, MANIFEST_PART, read_journal, root_folders, steps_of

TIMEOUT = 30  # seconds without an answer before the connection counts as lost


class _TLS(ftplib.FTP_TLS):
    """FTP_TLS whose data connections resume the control connection's TLS
    session: vsftpd and ProFTPD refuse them otherwise (so that nobody else
    can slip into a transfer)."""

    def ntransfercmd(self, cmd: str, rest: int | str | None = None) -> tuple[socket.socket, int]:
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:  # type: ignore[attr-defined]
            session = self.sock.session  # type: ignore[attr-defined]
            conn = self.context.wrap_socket(conn, server_hostname=self.host, session=session)
        return conn, size


class FtpTarget:
    """Publish file by file over FTPS (or, if asked, plain FTP)."""

    def __init__(self, publish: dict[str, Any]):
        self.host = str(publish["host"])
        self.port = int(publish.get("port", 21))
        self.root = str(publish["path"]).rstrip("/")
        self.plain = bool(publish.get("plain_ftp", False))
        self.cafile = publish.get("cafile")
        self.user = publish.get("user")
        self.pending: list[str] = []  # temporary files of an earlier, cut publish
        self.state = {"step": "connect", "file": ""}  # for the messages

    def _at(self, path: str) -> str:
        return f"{self.root}/{path}"

    @contextlib.contextmanager
    def _session(self) -> Iterator[ftplib.FTP]:
        """A logged-in connection; any failure becomes the owner's message."""
        login = ftp_credentials(self.host, self.user)
        ftp = (
            ftplib.FTP(timeout=TIMEOUT)
            if self.plain
            else _TLS(context=self._context(), timeout=TIMEOUT)
        )
        self.state["step"] = "connect"
        try:
            self._login(ftp, login)
            yield ftp
            ftp.quit()
        except (ftplib.Error, OSError, EOFError) as error:
            raise ftp_failure(error, self, login) from error
        finally:
            ftp.close()

    def _context(self) -> ssl.SSLContext:
        if not self.cafile:
            return ssl.create_default_context()
        path = Path(self.cafile).expanduser()
        try:
            return ssl.create_default_context(cafile=str(path))
        except (OSError, ssl.SSLError) as error:
            raise ftp_failure(error, self, None, cafile=str(path)) from error

    def _login(self, ftp: ftplib.FTP, login: Credentials) -> None:
        ftp.connect(self.host, self.port, timeout=TIMEOUT)
        if isinstance(ftp, ftplib.FTP_TLS):
            self.state["step"] = "auth"
            ftp.auth()
        self.state["step"] = "login"
        ftp.login(login.user, login.password)
        if isinstance(ftp, ftplib.FTP_TLS):
            ftp.prot_p()  # the files travel encrypted too
        ftp.voidcmd("TYPE I")
        self.state["step"] = "send"

    def live(self) -> Manifest:
        """The manifest of the site online now ({} before the first publish)."""
        with self._session() as ftp:
            self.pending = read_journal(_get(ftp, self._at(JOURNAL)))
            return read_manifest(_get(ftp, self._at(MANIFEST)))

    def publish(self, output: Path, local: Manifest, plan: Plan) -> None:
        if not (plan.sent or plan.delete or self.pending):
            return  # the same site: nothing to send, nothing to rewrite
        steps = steps_of(local, plan, self.pending)
        with self._session() as ftp:
            for folder in [*root_folders(self.root), *map(self._at, steps.folders)]:
                with contextlib.suppress(ftplib.error_perm):
                    ftp.mkd(folder)  # refused when it exists; a real refusal shows at STOR
            self._store(ftp, self._at(JOURNAL), io.BytesIO(steps.journal_bytes))
            for path, part in steps.sends:
                self._send(ftp, output / path, self._at(part), resume=part in self.pending)
            self._store(ftp, self._at(MANIFEST_PART), io.BytesIO(steps.manifest))
            self.state["step"] = "switch"
            for part, path in steps.switches:
                self._replace(ftp, self._at(part), self._at(path))
            for path in steps.deletes:
                self._delete(ftp, self._at(path))
            for folder in steps.emptied:
                with contextlib.suppress(ftplib.error_perm):
                    ftp.rmd(self._at(folder))  # refused when not empty: kept
            self._replace(ftp, self._at(MANIFEST_PART), self._at(MANIFEST))
            for part in [*steps.stale, JOURNAL]:
                self._delete(ftp, self._at(part))

    def _store(self, ftp: ftplib.FTP, name: str, data: IO[bytes], rest: int = 0) -> None:
        self.state["file"] = name
        ftp.storbinary(f"STOR {name}", data, blocksize=1 << 16, rest=rest or None)

    def _send(self, ftp: ftplib.FTP, source: Path, part: str, *, resume: bool) -> None:
        size = source.stat().st_size
        have = _size(ftp, part) if resume else None
        if have == size:
            return  # sent whole before a cut: same name, same content
        with source.open("rb") as handle:
            if have and 0 < have < size:
                handle.seek(have)  # the rest of a half-sent file
                self._store(ftp, part, handle, rest=have)
            else:
                self._store(ftp, part, handle)

    def _replace(self, ftp: ftplib.FTP, part: str, name: str) -> None:
        self.state["file"] = name
        try:
            ftp.rename(part, name)
        except ftplib.error_perm as refused:
            # Some servers (IIS, some Windows ones) will not rename over a
            # file: delete it, then rename (the address is briefly missing).
            try:
                ftp.delete(name)
            except ftplib.error_perm:
                raise refused from None
            ftp.rename(part, name)

    def _delete(self, ftp: ftplib.FTP, name: str) -> None:
        self.state["file"] = name
        try:
            ftp.delete(name)
        except ftplib.error_perm:
            if _size(ftp, name) is not None:
                raise  # still there: a real refusal
            # Already gone: deleted before a cut, or never there.


def _get(ftp: ftplib.FTP, name: str) -> bytes | None:
    """A small file's bytes, or None if it does not exist."""
    out = io.BytesIO()
    try:
        ftp.retrbinary(f"RETR {name}", out.write)
    except ftplib.error_perm as error:
        if str(error).startswith("550"):
            return None
        raise
    return out.getvalue()


def _size(ftp: ftplib.FTP, name: str) -> int | None:
    try:
        return ftp.size(name)
    except ftplib.error_perm:
        return None
