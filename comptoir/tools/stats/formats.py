"""Reading one log line as a :class:`~.model.Hit`, in any of the formats
servers write: Apache/nginx combined, common and vhost_combined, Caddy's
JSON, S3 server access logs, CloudFront standard logs; or an Apache
``LogFormat`` string given with ``--format`` (read by apachelogs).

Why our own regexes for the usual formats: apachelogs turns every field
into a typed value (a ``strptime`` per line), which measured 60 times a bare
regex loop; the issue's bound is 3 times. The regexes below take each field
as text and work out a day once per distinct date; the tests check them
against apachelogs on the same lines.

A parser returns ``None`` for a line it cannot read; the caller counts it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from .model import Hit

Parser = Callable[[str], Hit | None]

# Lines longer than this are not log lines (a server caps its request line
# at 8 KB): they count as unread without a regex ever running on them.
MAX_LINE = 16_384
# A quoted field, \" inside it (Apache) kept: the "unrolled loop" form,
# several times faster than (?:[^"\\]|\\.)* on long user agents.
_QUOTED = r'"([^"\\]*(?:\\.[^"\\]*)*)"'
# ip, day, time, then the request split in the expression itself (method,
# target; or the whole text when it is no request), status.
_CLF = (
    r"(\S+) \S+ \S+ \[(\d\d/\w{3}/\d{4}):(\d\d:\d\d:\d\d)[^\]]*\] "
    rf'"(?:([A-Z]{{1,20}}) (\S+)(?: HTTP/[\d.]+)?|{_QUOTED[1:-1]})" (\d{{3}}) \S+'
)
COMBINED = re.compile(rf"{_CLF} {_QUOTED} {_QUOTED}")
COMMON = re.compile(rf"{_CLF}\s*$")
VHOST = re.compile(rf"(\S+?)(?::\d+)? {_CLF} {_QUOTED} {_QUOTED}")
S3 = re.compile(
    rf"\S+ (\S+) \[([^\]]+)\] (\S+) \S+ \S+ (\S+) \S+ (?:{_QUOTED}|-) (\d{{3}}|-) "
    rf"\S+ \S+ \S+ \S+ \S+ (?:{_QUOTED}|-) (?:{_QUOTED}|-)"
    r"(?: \S+ \S+ \S+ \S+ \S+ (\S+))?"
)
MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
NAMES = ("combined", "common", "vhost_combined", "caddy", "s3", "cloudfront")
# A lone surrogate: a pair decodes as one character, so any left is alone.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _dash(value: str | None) -> str:
    return "" if value in (None, "-") else value


class _Days:
    """``04/Dec/2026`` -> date, worked out once per distinct date string."""

    def __init__(self) -> None:
        self.known: dict[str, dt.date] = {}

    def __call__(self, text: str) -> dt.date:
        day = self.known.get(text)
        if day is None:
            d, m, y = text.split("/")
            day = self.known[text] = dt.date(int(y), MONTHS[m], int(d))
        return day


def _request(line: str) -> tuple[str, str]:
    """``GET /a HTTP/1.1`` -> (method, target); junk -> ("", the text)."""
    parts = line.split(" ")
    if len(parts) == 3:
        return parts[0], parts[1]
    if len(parts) == 2 and parts[1].startswith("/"):  # HTTP/0.9
        return parts[0], parts[1]
    return "", line


def _clf(pattern: re.Pattern[str], vhost: bool, agent: bool) -> Parser:
    days = _Days()
    known = days.known
    match = pattern.match

    # The hot path of every run: one match, a dict lookup for the day.
    def parse(line: str) -> Hit | None:
        if len(line) > MAX_LINE:
            return None
        found = match(line)
        if found is None:
            return None
        groups = found.groups()
        host = ""
        if vhost:
            host, groups = groups[0], groups[1:]
        ip, date, moment, method, path, junk, status = groups[:7]
        day = known.get(date)
        if day is None:
            try:
                day = days(date)
            except (ValueError, KeyError):
                return None
        if method is None:
            method, path = "", junk
        referrer, user_agent = (groups[7], groups[8]) if agent else ("", "")
        return Hit(
            day,
            moment,
            ip,
            method,
            path,
            int(status),
            "" if referrer == "-" else referrer,
            "" if user_agent == "-" else user_agent,
            host,
        )

    return parse


def _caddy() -> Parser:
    def parse(line: str) -> Hit | None:
        if len(line) > MAX_LINE:
            return None
        try:
            entry = json.loads(line)
            request = entry["request"]
            headers = request.get("headers") or {}
            stamp = entry["ts"]
            when = (
                dt.datetime.fromtimestamp(float(stamp), dt.UTC)
                if isinstance(stamp, int | float)
                else dt.datetime.fromisoformat(str(stamp))
            )
            hit = Hit(
                when.date(),
                when.strftime("%H:%M:%S.%f"),
                str(request.get("client_ip") or request["remote_ip"]),
                str(request["method"]),
                str(request["uri"]),
                int(entry["status"]),
                _first(headers, "Referer"),
                _first(headers, "User-Agent"),
                str(request.get("host") or ""),
            )
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError, OSError):
            return None
        # Only a \u escape can put a lone surrogate in the text.
        return _no_surrogates(hit) if "\\u" in line else hit

    return parse


def _no_surrogates(hit: Hit) -> Hit:
    """``hit`` with each lone surrogate (JSON may escape one, ``"\\ud800"``)
    as U+FFFD, as sources does with bytes that are not UTF-8: no UTF-8 text
    holds one, and the regex and user-agent libraries counting a hit
    encode their input as UTF-8."""
    return hit._make(
        _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value for value in hit
    )


def _first(headers: dict[str, Any], name: str) -> str:
    values = headers.get(name) or []
    return str(values[0]) if isinstance(values, list) and values else ""


def _s3() -> Parser:
    days = _Days()

    def parse(line: str) -> Hit | None:
        if len(line) > MAX_LINE:
            return None
        found = S3.match(line)
        if found is None:
            return None
        bucket, when, ip, operation, request, status, referrer, agent, host = found.groups()
        # S3.EXPIRE.OBJECT, S3.TRANSITION_SIA.OBJECT…: the bucket's own
        # housekeeping (lifecycle rules), logged with no request: no visit, no error.
        if operation.startswith("S3."):
            return SKIP
        if status == "-" or request is None:
            return None
        try:
            day = days(when[:11])
        except (ValueError, KeyError):
            return None
        method, path = _request(request)
        # Path-style REST requests name the bucket first; a website
        # endpoint's path is the page's own.
        if operation.startswith("REST.") and (path + "/").startswith(f"/{bucket}/"):
            path = path[len(bucket) + 1 :] or "/"
        return Hit(
            day,
            when[12:20],
            ip,
            method,
            path,
            int(status),
            _dash(referrer),
            _dash(agent),
            _dash(host),
        )

    return parse


class _CloudFront:
    """CloudFront standard logs: tab-separated, the columns named by the
    file's own ``#Fields:`` line; user agents and referrers URL-encoded."""

    # The columns' order when a file has no #Fields: line (the documented one).
    FIELDS = (
        *("date", "time", "x-edge-location", "sc-bytes", "c-ip", "cs-method", "cs(Host)"),
        *("cs-uri-stem", "sc-status", "cs(Referer)", "cs(User-Agent)", "cs-uri-query"),
        *("cs(Cookie)", "x-edge-result-type", "x-edge-request-id", "x-host-header"),
    )

    def __init__(self) -> None:
        self.columns = {name: i for i, name in enumerate(self.FIELDS)}

    def __call__(self, line: str) -> Hit | None:
        if line.startswith("#"):
            if line.startswith("#Fields:"):
                self.columns = {name: i for i, name in enumerate(line[8:].split())}
            return SKIP
        if len(line) > MAX_LINE:
            return None
        cells = line.rstrip("\r\n").split("\t")
        column = self.columns
        try:
            query = _dash(cells[column["cs-uri-query"]]) if "cs-uri-query" in column else ""
            path = cells[column["cs-uri-stem"]] + (f"?{query}" if query else "")
            host = cells[column["x-host-header"]] if "x-host-header" in column else ""
            return Hit(
                dt.date.fromisoformat(cells[column["date"]]),
                cells[column["time"]],
                cells[column["c-ip"]],
                cells[column["cs-method"]],
                path,
                int(cells[column["sc-status"]]),
                unquote(_dash(cells[column["cs(Referer)"]])),
                unquote(_dash(cells[column["cs(User-Agent)"]])),
                _dash(host),
            )
        except (IndexError, KeyError, ValueError):
            return None


# A line that is no request but no error either (a CloudFront comment, an S3
# lifecycle action): read, not counted, not unread.
SKIP = Hit(dt.date.min, "", "", "", "", 0, "", "", "")


def apache(log_format: str) -> Parser:
    """A parser for an Apache ``LogFormat`` string (``%h %l %u %t "%r" …``),
    read by apachelogs: slower, for formats the kit does not know by name."""
    from apachelogs import Error, LogParser

    parser = LogParser(log_format)

    def parse(line: str) -> Hit | None:
        if len(line) > MAX_LINE:
            return None
        try:
            entry = parser.parse(line)
        except (Error, ValueError):
            return None
        when = getattr(entry, "request_time", None)
        line_request = getattr(entry, "request_line", None) or ""
        method, path = _request(line_request)
        # apachelogs gives an entry only the attributes its format names.
        headers = getattr(entry, "headers_in", None) or {}
        if when is None or getattr(entry, "final_status", None) is None:
            return None
        return Hit(
            when.date(),
            when.strftime("%H:%M:%S"),
            str(getattr(entry, "remote_host", None) or getattr(entry, "remote_address", "") or ""),
            method,
            path,
            int(entry.final_status),
            _dash(headers.get("Referer")),
            _dash(headers.get("User-Agent")),
            str(getattr(entry, "virtual_host", "") or ""),
        )

    return parse


def parser(name: str) -> Parser:
    """A fresh parser (its own caches) for a format named in :data:`NAMES`,
    or for an Apache ``LogFormat`` string (anything holding a ``%``)."""
    if name == "combined":
        return _clf(COMBINED, vhost=False, agent=True)
    if name == "common":
        return _clf(COMMON, vhost=False, agent=False)
    if name == "vhost_combined":
        return _clf(VHOST, vhost=True, agent=True)
    if name == "caddy":
        return _caddy()
    if name == "s3":
        return _s3()
    if name == "cloudfront":
        return _CloudFront()
    if "%" in name:
        return apache(name)
    raise ValueError(name)


def is_skip(hit: Hit) -> bool:
    """A line that is no request but no error either (a CloudFront header,
    an S3 lifecycle action)."""
    return hit is SKIP


def detect(lines: list[str]) -> str | None:
    """The format most of ``lines`` (a file's first lines) are in, or None."""
    lines = [line for line in lines if line.strip()]
    if not lines:
        return None
    if lines[0].startswith("#Version") or lines[0].startswith("#Fields"):
        return "cloudfront"
    best, score = None, 0
    # Most specific first: a vhost_combined line is no combined line, an S3
    # line no common one; a combined line also matches common's prefix.
    for name in ("caddy", "s3", "vhost_combined", "combined", "common"):
        parse = parser(name)
        read = sum(1 for line in lines if parse(line) is not None)
        if read > score:
            best, score = name, read
    return best
