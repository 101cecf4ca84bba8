"""Real servers on 127.0.0.1 for the publish tests, each in its own folder.

Every server is a context manager that starts on free high ports, waits
until it really answers, and stops cleanly; ``kill()`` then ``start()``
cut it mid-transfer and bring it back on the same port. Each keeps its log
in its folder (``log``), and a server that fails to start raises
:class:`ServerStartError` with the end of that log.

One module a kind of server, all named here so that the tests import them
from one place: the shared process handling (``servers_base``), OpenSSH and
its agent (``servers_ssh``), pyftpdlib (``servers_ftp``, which is also the
FTP server's own script), SeaweedFS (``servers_s3``) and a bare git
repository (``servers_git``).
"""

from __future__ import annotations

from comptoir.tools.publish.tests.servers_base import (
    HOST,
    ServerProcess,
    ServerStartError,
    free_ports,
)
from comptoir.tools.publish.tests.servers_ftp import FTPServer, self_signed_certificate
from comptoir.tools.publish.tests.servers_git import GitRemote
from comptoir.tools.publish.tests.servers_s3 import WEED, S3Server
from comptoir.tools.publish.tests.servers_ssh import SSHD, SSHServer, keypair, ssh_agent

__all__ = [
    "HOST",
    "SSHD",
    "WEED",
    "FTPServer",
    "GitRemote",
    "S3Server",
    "SSHServer",
    "ServerProcess",
    "ServerStartError",
    "free_ports",
    "keypair",
    "self_signed_certificate",
    "ssh_agent",
]
