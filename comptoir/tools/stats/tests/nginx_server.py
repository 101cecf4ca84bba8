"""A real nginx (Debian's package, installed by `invoke test-deps`) on
loopback, serving a folder and writing its access logs in a folder of the
test's: the combined format, and vhost_combined (Host first)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

NGINX = "/usr/sbin/nginx"
CONFIG = """
{user}
worker_processes 1;
pid {state}/nginx.pid;
error_log {state}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {state}/body;
    proxy_temp_path {state}/proxy;
    fastcgi_temp_path {state}/fastcgi;
    uwsgi_temp_path {state}/uwsgi;
    scgi_temp_path {state}/scgi;
    log_format vhost_combined '$host:$server_port $remote_addr - $remote_user [$time_local] '
                              '"$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';
    access_log {logs}/access.log combined;
    access_log {logs}/vhost.log vhost_combined;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        error_page 404 /404.html;
    }}
}}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def nginx(root: Path, logs: Path, state: Path) -> Iterator[int]:
    """Serve ``root`` on 127.0.0.1 (the port is yielded); stopped on exit."""
    assert Path(NGINX).exists(), "nginx is missing: run `invoke test-deps`"
    logs.mkdir(parents=True, exist_ok=True)
    state.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    # As root, workers would become "nobody", who cannot read a test's
    # temporary folders: they stay the test's own user.
    user = "user root;" if os.geteuid() == 0 else ""
    config = state / "nginx.conf"
    config.write_text(
        CONFIG.format(user=user, state=state, logs=logs, port=port, root=root), "utf-8"
    )
    process = subprocess.Popen(
        [NGINX, "-c", str(config), "-p", str(state), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {process.stderr.read().decode()}")
            time.sleep(0.05)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGQUIT)  # graceful: the logs are flushed
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if process.stderr:
            process.stderr.close()
