"""External links, checked over the network (only for `invoke check --online`).

`dead_links()` asks each distinct http(s) URL for its status, politely and in
parallel, and returns the ones a reader would not reach. Standard library only.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

MAX_REDIRECTS = 10
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Characters quote() must leave alone: everything already meaningful in a URL,
# so only spaces and non-ASCII letters (links pasted from a browser) get escaped.
_URL_SAFE = "/:;=?&%#@!$'()*+,~[]"


@dataclass(frozen=True)
class Dead:
    """One external link a reader would not reach, and why."""

    url: str
    reason: str  # "status" | "timeout" | "refused" | "unknown-host" | "tls" | "too-many-redirects" | "error"
    status: int | None = None  # HTTP status when reason == "status"
    detail: str = ""  # short technical detail (exception class and message)


class _TooManyRedirects(Exception):
    pass


class _NoFollow(urllib.request.HTTPRedirectHandler):
    # Redirects are followed by hand in _status(), so that HEAD stays HEAD, the
    # hop count is ours, and a redirect to file:// or ftp:// is never opened.
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[override]
        return None


def _as_uri(url: str) -> str:
    """Percent-encode non-ASCII path and query characters, as a browser does."""
    parts = urlsplit(url)
    path = quote(parts.path, safe=_URL_SAFE) or "/"
    return parts._replace(path=path, query=quote(parts.query, safe=_URL_SAFE), fragment="").geturl()


def _status(
    opener: urllib.request.OpenerDirector, url: str, method: str, timeout: float, user_agent: str
) -> int:
    """Final HTTP status of `url` for `method`, following up to MAX_REDIRECTS redirects."""
    for _ in range(MAX_REDIRECTS + 1):
        request = urllib.request.Request(
            _as_uri(url), method=method, headers={"User-Agent": user_agent, "Accept": "*/*"}
        )
        try:
            # Closing without reading the body: a GET downloads at most what the
            # socket already buffered, never the whole page.
            with opener.open(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as err:
            err.close()
            location = err.headers.get("Location")
            if err.code not in _REDIRECTS or not location:
                return err.code
            url = urljoin(url, location)
            if urlsplit(url).scheme not in ("http", "https"):
                raise ValueError(f"redirect to a non-web address: {url}") from None
    raise _TooManyRedirects(f"more than {MAX_REDIRECTS} redirects")


def _reason(exc: BaseException) -> str:
    """Reason code for a network exception (urllib wraps some in URLError)."""
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException):
        exc = exc.reason
    if isinstance(exc, TimeoutError):  # socket.timeout is TimeoutError since 3.10
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, socket.gaierror):
        return "unknown-host"
    if isinstance(exc, ssl.SSLError):  # includes certificate verification errors
        return "tls"
    if isinstance(exc, _TooManyRedirects):
        return "too-many-redirects"
    return "error"


def _check(
    opener: urllib.request.OpenerDirector, url: str, timeout: float, user_agent: str
) -> Dead | None:
    """None if `url` is alive, else why it is dead."""
    status: int | None = None
    try:
        # Some servers hang up on HEAD instead of answering: then GET decides.
        with contextlib.suppress(http.client.HTTPException, ConnectionResetError):
            status = _status(opener, url, "HEAD", timeout, user_agent)
        # Many servers and CDNs answer HEAD with 403, 404, 405 or 501 while
        # serving GET fine; a second opinion costs one request per bad link.
        if status is None or (status >= 400 and status != 429):
            status = _status(opener, url, "GET", timeout, user_agent)
    except (_TooManyRedirects, OSError, ValueError, http.client.HTTPException) as exc:
        inner = getattr(exc, "reason", None)
        inner = inner if isinstance(inner, BaseException) else exc
        return Dead(url, _reason(exc), detail=f"{type(inner).__name__}: {inner}"[:200])
    # 401/403 after GET: the page exists but is private (a members' area, a
    # login wall, a bot filter): the link is right, readers with access get in.
    # 429: the server rate-limits this checker; not the owner's fault.
    if status < 400 or status in (401, 403, 429):
        return None
    return Dead(url, "status", status=status)


def dead_links(
    urls: Iterable[str],
    *,
    timeout: float = 10.0,
    workers: int = 8,
    user_agent: str = "Comptoir link check (+https://comptoir.example)",
) -> list[Dead]:
    """The dead links among `urls`, sorted by URL.

    Each distinct http(s) URL is checked once (other schemes are ignored);
    `timeout` applies to each request, `workers` requests run at a time.
    """
    todo = sorted({u for u in urls if urlsplit(u).scheme in ("http", "https")})
    if not todo:
        return []
    # No cookie jar: the check leaves no trace beyond the requests themselves.
    opener = urllib.request.build_opener(_NoFollow)
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(todo)))) as pool:
        results = pool.map(lambda u: _check(opener, u, timeout, user_agent), todo)
        return [dead for dead in results if dead is not None]
