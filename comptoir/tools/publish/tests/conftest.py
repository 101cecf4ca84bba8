"""Real servers on 127.0.0.1 for the publish tests, started once per session.

``ssh_server`` (OpenSSH, for rsync and SFTP), ``agent_env`` (an ssh-agent
holding its key), ``ftp_server``, ``ftps_server`` (pyftpdlib), ``s3_server``
(SeaweedFS, its keys in the environment with ``keys``) and ``git_remote`` (a bare repository); ``ssh_site`` makes a
site that publishes to ``ssh_server`` as an owner's would. A server is
started the first time a test asks for it; a test that kills one (fault
tests) gets it back running for the next test. When a test fails, the logs
of the servers it used are added to its report.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from typing import Any, TypeVar

import pytest

from comptoir.tools.publish.tests.servers import (
    FTPServer,
    GitRemote,
    S3Server,
    ServerProcess,
    SSHServer,
    ssh_agent,
)
from comptoir.tools.publish.tests.staging import STORIES, over_ssh

SERVERS = ("ssh_server", "ftp_server", "ftps_server", "s3_server")
Server = TypeVar("Server", bound=ServerProcess)


def running(server: Server) -> Iterator[Server]:
    """``server`` started, for as long as the fixture that yields from this lasts."""
    with server:
        yield server


@pytest.fixture(scope="session")
def ssh_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SSHServer]:
    """OpenSSH's sshd on a free port, trusting one throwaway key (``key``)."""
    yield from running(SSHServer(tmp_path_factory.mktemp("sshd")))


@pytest.fixture(scope="session")
def agent_env(ssh_server: SSHServer) -> Iterator[dict[str, str]]:
    """``{"SSH_AUTH_SOCK": ...}`` of a real ssh-agent holding ``ssh_server.key``."""
    with ssh_agent(ssh_server.key) as env:
        yield env


@pytest.fixture
def ssh_site(
    make_site: Callable[..., Any],
    ssh_server: SSHServer,
    agent_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> Callable[..., Any]:
    """``ssh_site(target, extra="")``: a site whose PUBLISH is ``target``
    ("rsync" or "sftp") into a folder of its own on the loopback sshd,
    reached through an ssh config file, with the key in the agent only
    (the folder is the site's ``remote``)."""
    monkeypatch.setenv("SSH_AUTH_SOCK", agent_env["SSH_AUTH_SOCK"])

    def make(target: str, extra: str = "") -> Any:
        settings, remote = over_ssh(ssh_server, request.node.name, target, extra)
        site = make_site(STORIES, settings)
        site.remote = remote
        return site

    return make


@pytest.fixture(scope="session")
def ftp_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FTPServer]:
    """A plain FTP server: ``user``, ``password``, files under ``home``."""
    yield from running(FTPServer(tmp_path_factory.mktemp("ftpd")))


@pytest.fixture(scope="session")
def ftps_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FTPServer]:
    """An FTPS server (TLS required), its self-signed certificate in ``cert``."""
    yield from running(FTPServer(tmp_path_factory.mktemp("ftps"), tls=True))


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    """SeaweedFS's S3 gateway: ``endpoint``, keys, ``region`` and a ``bucket``."""
    yield from running(S3Server(tmp_path_factory.mktemp("seaweedfs")))


@pytest.fixture
def keys(s3_server: S3Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store's keys in the environment, and no other source of keys."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", s3_server.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", s3_server.secret_key)
    for name in ("AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE"):
        monkeypatch.setenv(name, "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def git_remote(tmp_path_factory: pytest.TempPathFactory) -> GitRemote:
    """A bare git repository: ``path`` and ``url`` (file://)."""
    return GitRemote(tmp_path_factory.mktemp("git"))


@pytest.fixture(autouse=True)
def _servers_running(request: pytest.FixtureRequest) -> None:
    """Bring back a server that an earlier test killed, before a test uses it."""
    for name in SERVERS:
        if name in request.fixturenames:
            server: ServerProcess = request.getfixturevalue(name)
            if not server.running:
                server.start()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Add the logs of the servers a failed test used to its report."""
    report = yield
    if report.failed:
        for name, value in getattr(item, "funcargs", {}).items():
            if isinstance(value, ServerProcess):
                report.sections.append((f"{name} log ({value.log})", value.log_text()))
    return report
