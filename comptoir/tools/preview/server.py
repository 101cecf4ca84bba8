"""A static file server for the built site, on loopback only."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import socket
import sys
from pathlib import Path
from typing import Any

from comptoir.plugins.headers.rules import matching, parse

LOOPBACK = "127.0.0.1"
# Text every host compresses (Netlify, Cloudflare, GitHub Pages, nginx with
# gzip on); images, fonts and Pagefind's index pieces (gzipped by Pagefind
# itself) are sent as they are.
COMPRESSED = frozenset(
    {".html", ".css", ".js", ".json", ".xml", ".xsl", ".svg", ".txt", ".webmanifest"}
)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder; unknown paths get the site's own 404 page.
    With ``rules`` (the site's ``_headers``), responses carry the headers the
    host will send, so a page the CSP would break breaks here first."""

    site_headers = False

    def send_head(self) -> io.BytesIO | Any:
        # Gzipped as a host sends them, so what the browser measures here
        # (Lighthouse, the byte budgets) is what readers will get.
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not (
            os.path.splitext(path)[1] in COMPRESSED and os.path.isfile(path) and self._takes_gzip()
        ):
            return super().send_head()
        with open(path, "rb") as file:
            body = gzip.compress(file.read(), compresslevel=6, mtime=0)
            stamp = os.fstat(file.fileno()).st_mtime
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stamp)))
        self.end_headers()
        return io.BytesIO(body)

    def _takes_gzip(self) -> bool:
        """Whether the request's Accept-Encoding allows gzip (not as ``q=0``)."""
        for part in self.headers.get("Accept-Encoding", "").split(","):
            name, _, weight = part.partition(";")
            if name.strip().lower() == "gzip":
                try:
                    return float(weight.strip().removeprefix("q=") or 1) > 0
                except ValueError:
                    return True
        return False

    def end_headers(self) -> None:
        # Read at each response: the site may be rebuilt while it is served.
        rules = Path(self.directory) / "_headers"
        if self.site_headers and rules.is_file():
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            for name, value in matching(parse(rules.read_text("utf-8")), path).items():
                self.send_header(name, value)
        super().end_headers()

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


class SiteServer(http.server.ThreadingHTTPServer):
    """One thread per request. A browser that stops a download midway (a
    page left, a search piece no longer needed) is not an error: nothing is
    printed for it; anything else is, as usual."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def port_taken(port: int) -> bool:
    """Whether another program already listens on ``port`` of 127.0.0.1 (asked
    before anything is built, so a taken port changes nothing on disk)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the servers themselves bind: connections still closing (after
        # livereload restarts itself, say) do not count, a listener does.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((LOOPBACK, port))
        except OSError:
            return True
    return False


def make_server(
    output: Path, port: int = 8000, headers: bool = False, quiet: bool = False
) -> SiteServer:
    """A server for ``output``; ``headers``: send what its ``_headers`` says;
    ``quiet``: print no line per request."""
    attributes: dict[str, object] = {"site_headers": headers}
    if quiet:
        attributes["log_message"] = lambda self, *args: None
    handler = functools.partial(type("Handler", (SiteHandler,), attributes), directory=str(output))
    return SiteServer((LOOPBACK, port), handler)


def serve(output: Path, port: int = 8000) -> None:
    """Serve ``output`` at http://127.0.0.1:port/ until Ctrl+C."""
    with make_server(output, port, headers=True) as server:
        print(f"http://{LOOPBACK}:{port}/  (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
