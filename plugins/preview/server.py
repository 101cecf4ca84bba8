"""A static file server for the built site, on loopback only."""

from __future__ import annotations

import contextlib
import functools
import http.server
from pathlib import Path

LOOPBACK = "127.0.0.1"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder; unknown paths get the site's own 404 page."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def make_server(output: Path, port: int = 8000) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(SiteHandler, directory=str(output))
    return http.server.ThreadingHTTPServer((LOOPBACK, port), handler)


def serve(output: Path, port: int = 8000) -> None:
    """Serve ``output`` at http://127.0.0.1:port/ until Ctrl+C."""
    with make_server(output, port) as server:
        print(f"http://{LOOPBACK}:{port}/  (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
