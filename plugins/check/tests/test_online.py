"""External link check against a real HTTP server on 127.0.0.1 (no mocks)."""

import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from comptoir.plugins.check.online import Dead, dead_links

# path -> (HEAD status, GET status, Location header or None)
ROUTES = {
    "/ok": (200, 200, None),
    "/missing": (404, 404, None),
    "/gone": (410, 410, None),
    "/boom": (500, 500, None),
    "/moved": (301, 301, "/ok"),
    "/found-missing": (302, 302, "/missing"),
    "/loop-a": (302, 302, "/loop-b"),
    "/loop-b": (302, 302, "/loop-a"),
    "/head-hostile": (405, 200, None),
    "/head-404": (404, 200, None),
    "/private": (403, 403, None),
    "/login": (401, 401, None),
    "/busy": (429, 429, None),
}


class Server(ThreadingHTTPServer):
    """Counts requests per (method, path) so tests can see what was asked."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[tuple[str, str]] = Counter()
        self.lock = threading.Lock()
        self.stop = threading.Event()


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output clean

    def answer(self, method: str) -> None:
        with self.server.lock:
            self.server.hits[method, self.path] += 1
        path = urlsplit(self.path).path
        if path == "/slow":
            self.server.stop.wait(5)  # never answers within the test's timeout
            return
        head, get, location = ROUTES.get(path, (404, 404, None))
        if path.startswith("/chain/"):  # /chain/3 -> /chain/2 -> /chain/1 -> /chain/0: 200
            hops = int(path.removeprefix("/chain/"))
            head = get = 302 if hops else 200
            location = f"/chain/{hops - 1}" if hops else None
        self.send_response(head if method == "HEAD" else get)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if method == "GET":
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self.answer("HEAD")

    def do_GET(self) -> None:
        self.answer("GET")


@pytest.fixture(scope="module")
def server():
    srv = Server()
    thread = threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield srv
    srv.stop.set()
    srv.shutdown()
    srv.server_close()


def url(server: Server, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def only(server: Server, path: str, **kwargs) -> Dead | None:
    found = dead_links([url(server, path)], **kwargs)
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(
    "path", ["/ok", "/moved", "/head-hostile", "/head-404", "/private", "/login", "/busy"]
)
def test_alive(server, path):
    assert only(server, path) is None


@pytest.mark.parametrize(
    ("path", "status"),
    [("/missing", 404), ("/gone", 410), ("/boom", 500), ("/found-missing", 404)],
)
def test_dead_with_status(server, path, status):
    assert only(server, path) == Dead(url(server, path), "status", status=status)


def test_head_refused_then_get_decides(server):
    only(server, "/head-hostile?count")
    assert server.hits["HEAD", "/head-hostile?count"] == 1
    assert server.hits["GET", "/head-hostile?count"] == 1


def test_rate_limited_is_not_asked_twice(server):
    only(server, "/busy?count")
    assert server.hits["HEAD", "/busy?count"] == 1
    assert server.hits["GET", "/busy?count"] == 0


def test_redirect_loop(server):
    dead = only(server, "/loop-a")
    assert dead is not None
    assert dead.reason == "too-many-redirects"
    assert dead.status is None


def test_ten_redirects_are_followed_eleven_are_too_many(server):
    assert only(server, "/chain/10") is None
    assert only(server, "/chain/11") == Dead(
        url(server, "/chain/11"),
        "too-many-redirects",
        detail="_TooManyRedirects: more than 10 redirects",
    )


def test_timeout(server):
    start = time.monotonic()
    dead = only(server, "/slow", timeout=0.5)
    assert dead is not None
    assert dead.reason == "timeout"
    assert time.monotonic() - start < 3  # HEAD timed out: no GET retry doubling the wait


def test_refused():
    # A bound but not listening socket: connecting to its port is refused.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        target = f"http://127.0.0.1:{sock.getsockname()[1]}/"
        assert [(d.url, d.reason) for d in dead_links([target])] == [(target, "refused")]


def test_unknown_host():
    # .invalid never resolves (RFC 6761).
    [dead] = dead_links(["http://nonexistent.invalid/"])
    assert dead.reason == "unknown-host"
    assert dead.detail


def test_tls_error(server):
    # Speaking TLS to a plain HTTP server fails the handshake.
    https = url(server, "/ok").replace("http://", "https://")
    assert [d.reason for d in dead_links([https])] == ["tls"]


def test_other_schemes_ignored(server):
    before = sum(server.hits.values())
    links = ["mailto:owner@example.com", "ftp://127.0.0.1/file", "tel:+33123456789", "/local"]
    assert dead_links(links) == []
    assert sum(server.hits.values()) == before


def test_duplicates_checked_once_and_sorted(server):
    ok, missing, gone = (url(server, p + "?dup") for p in ("/ok", "/missing", "/gone"))
    found = dead_links([missing, ok, gone, ok, missing, ok, gone], workers=4)
    assert [d.url for d in found] == sorted([missing, gone])
    assert server.hits["HEAD", "/ok?dup"] == 1
    assert server.hits["HEAD", "/missing?dup"] == 1
    assert server.hits["GET", "/missing?dup"] == 1  # the one GET second opinion


def test_non_ascii_path_is_encoded(server):
    # A link pasted from a browser bar may hold raw accents: sent percent-encoded.
    assert only(server, "/missing/café") == Dead(url(server, "/missing/café"), "status", status=404)
    assert server.hits["HEAD", "/missing/caf%C3%A9"] == 1
