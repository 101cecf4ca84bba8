"""pyftpdlib's FTP and FTPS server, in a process of its own.

Run as a script, this file is the FTP server's own process (see ``_ftpd``):
a separate process, so that a test can kill it while an upload is running.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import secrets
import sys
from pathlib import Path
from typing import Any

from comptoir.tools.publish.tests.servers_base import HOST, ServerProcess, banner, free_ports


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed TLS certificate for 127.0.0.1 and localhost: (cert, key) files.

    Clients verify the server against the certificate file itself (it is
    its own trust anchor), so it carries what strict X.509 checks want.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = dt.datetime.now(dt.UTC)
    public = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(HOST)), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_file.chmod(0o600)
    return cert_file, key_file


class FTPServer(ServerProcess):
    """pyftpdlib in a process of its own: one user with a password, a home in tmp.

    With ``tls=True`` it is an FTPS server (explicit TLS, required on the
    control and data connections) whose certificate is ``cert``: clients
    verify against that file. Passive data connections listen on
    127.0.0.1, on ports the system picks.

    ``start(cut_after_bytes=N)`` makes the server die abruptly once it has
    received N bytes of file data since that start: a transfer cut midway,
    leaving whatever was written. ``start()`` again brings it back.
    """

    name = "ftpd"

    def __init__(self, folder: Path, *, tls: bool = False) -> None:
        self.name = "ftps" if tls else "ftpd"  # before the log is named after it
        super().__init__(folder)
        self.host = HOST
        (self.port,) = free_ports(1)
        self.user = "comptoir"
        self.password = secrets.token_urlsafe(12)
        self.home = folder / "home"
        self.home.mkdir(exist_ok=True)
        self.tls = tls
        self.cert: Path | None = None
        self.cert_key: Path | None = None
        if tls:
            self.cert, self.cert_key = self_signed_certificate(folder)
        self.cut_after_bytes: int | None = None

    def start(self, timeout: float = 30.0, *, cut_after_bytes: int | None = None) -> None:
        """Start the server; with ``cut_after_bytes``, it dies once it received that much."""
        self.cut_after_bytes = cut_after_bytes
        super().start(timeout)

    def command(self) -> list[str]:
        """This very file, run as a script, with the server's settings as JSON."""
        settings = {
            "port": self.port,
            "home": str(self.home),
            "user": self.user,
            "password": self.password,
            "cert": str(self.cert) if self.cert else None,
            "key": str(self.cert_key) if self.cert_key else None,
            "cut_after_bytes": self.cut_after_bytes,
        }
        return [sys.executable, "-u", __file__, "ftpd", json.dumps(settings)]

    def ready(self) -> bool:
        """The server greets with its 220 banner."""
        return banner(self.port, b"220")


def _ftpd(settings: dict[str, Any]) -> None:
    """Serve FTP (or FTPS) until killed: the body of FTPServer's process."""
    import logging

    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import DTPHandler, FTPHandler, TLS_DTPHandler, TLS_FTPHandler
    from pyftpdlib.servers import FTPServer as Server

    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    authorizer = DummyAuthorizer()
    authorizer.add_user(settings["user"], settings["password"], settings["home"], perm="elradfmwMT")
    tls = settings["cert"] is not None
    control = TLS_FTPHandler if tls else FTPHandler
    data = TLS_DTPHandler if tls else DTPHandler
    limit = settings["cut_after_bytes"]
    received = [0]  # bytes of file data received by this process

    class CuttingDTP(data):  # type: ignore[misc, valid-type]
        """A data channel that ends the whole server past ``limit`` bytes."""

        # handle_read_event, not handle_read: DTPHandler aliases the former
        # to its own handle_read, so an override of handle_read is never called.
        def handle_read_event(self) -> None:
            before = self.tot_bytes_received
            super().handle_read_event()
            received[0] += self.tot_bytes_received - before
            if limit is not None and received[0] >= limit:
                sys.stderr.write(f"cut after {received[0]} bytes\n")
                sys.stderr.flush()
                os._exit(3)

    class Handler(control):  # type: ignore[misc, valid-type]
        """The server's control channel, with the test's user and data channel."""

    Handler.authorizer = authorizer
    Handler.dtp_handler = CuttingDTP
    if tls:
        Handler.certfile = settings["cert"]
        Handler.keyfile = settings["key"]
        Handler.tls_control_required = True
        Handler.tls_data_required = True
    Server((HOST, settings["port"]), Handler).serve_forever()


if __name__ == "__main__" and sys.argv[1:2] == ["ftpd"]:
    _ftpd(json.loads(sys.argv[2]))
