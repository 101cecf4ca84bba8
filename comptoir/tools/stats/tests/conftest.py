"""The publish tests' real servers on 127.0.0.1, for ``invoke stats --fetch``'s
tests: OpenSSH (``ssh_server``, with ``agent_env``) and SeaweedFS
(``s3_server``, its keys set by ``keys``), started once per session the first time a test asks for
them and stopped at its end; a server killed by a test comes back for the
next one, and a failed test's report carries the logs of the servers it used.

Imported from the publish tests' conftest (one definition of each server);
pytest registers them again here, for the tests of this folder.
"""

from __future__ import annotations

from comptoir.tools.publish.tests.conftest import (
    _servers_running,
    agent_env,
    keys,
    pytest_runtest_makereport,
    s3_server,
    ssh_server,
)

__all__ = [
    "_servers_running",
    "agent_env",
    "keys",
    "pytest_runtest_makereport",
    "s3_server",
    "ssh_server",
]
