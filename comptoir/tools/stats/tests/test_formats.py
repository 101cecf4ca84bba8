"""Each log format read line by line: fixtures written from each format's
documented field list, the Apache formats checked against apachelogs on
the same lines, hostile lines (hypothesis) never crash a parser."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from contextlib import ExitStack
from pathlib import Path

import apachelogs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from comptoir.tools.stats.formats import MAX_LINE, detect, is_skip, parser
from comptoir.tools.stats.model import Hit
from comptoir.tools.stats.sources import Unread, open_text, read
from comptoir.tools.stats.tally import Scope, Tally

UA = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
COMBINED = (
    '203.0.113.7 - - [30/Nov/2026:09:15:02 +0100] "GET /histoires/a/?utm_source=lettre HTTP/1.1" '
    f'200 5120 "https://www.google.fr/" "{UA}"'
)
COMMON = '203.0.113.7 - frank [30/Nov/2026:09:15:02 +0100] "GET /faq/ HTTP/1.0" 304 -'
VHOST = (
    "www.lesdeuxepis.example:443 203.0.113.7 - - [30/Nov/2026:09:15:02 +0100] "
    f'"GET /faq/ HTTP/2.0" 200 812 "-" "{UA}"'
)
# Caddy's access log (https://caddyserver.com/docs/caddyfile/directives/log):
# one JSON object a line, "ts" in seconds since 1970 (UTC).
CADDY = json.dumps(
    {
        "level": "info",
        "ts": 1796030102.5241024,
        "logger": "http.log.access.log0",
        "msg": "handled request",
        "request": {
            "remote_ip": "203.0.113.7",
            "remote_port": "41342",
            "client_ip": "203.0.113.7",
            "proto": "HTTP/2.0",
            "method": "GET",
            "host": "www.lesdeuxepis.example",
            "uri": "/histoires/a/",
            "headers": {"User-Agent": [UA], "Referer": ["https://duckduckgo.com/"]},
            "tls": {"resumed": False, "version": 772, "server_name": "www.lesdeuxepis.example"},
        },
        "bytes_read": 0,
        "user_id": "",
        "duration": 0.000929675,
        "size": 10900,
        "status": 200,
        "resp_headers": {"Content-Type": ["text/html; charset=utf-8"]},
    }
)
# S3 server access log (https://docs.aws.amazon.com/AmazonS3/latest/userguide/
# LogFormat.html): bucket owner, bucket, time, remote IP, requester, request
# ID, operation, key, request-URI, status, error code, bytes sent, object
# size, total time, turn-around time, referer, user-agent, version id, host
# id, signature version, cipher suite, authentication type, host header, TLS
# version, access point ARN, acl required.
S3 = (
    "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be site-bucket "
    "[30/Nov/2026:08:15:02 +0000] 203.0.113.7 - 3E57427F3EXAMPLE WEBSITE.GET.OBJECT "
    'histoires/a/index.html "GET /histoires/a/ HTTP/1.1" 200 - 5120 5120 12 11 '
    f'"https://www.qwant.com/" "{UA}" - '
    "s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= - - - "
    "www.lesdeuxepis.example - - -"
)
S3_REST = (
    "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be site-bucket "
    "[30/Nov/2026:08:15:02 +0000] 203.0.113.7 - 3E57427F3EXAMPLE REST.GET.OBJECT "
    'faq/index.html "GET /site-bucket/faq/ HTTP/1.1" 200 - 812 812 7 6 "-" "curl/8.5.0" - '
    "s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 "
    "ECDHE-RSA-AES128-GCM-SHA256 AuthHeader s3.eu-west-3.amazonaws.com TLSv1.2 - -"
)
# What S3 Lifecycle writes in the same log (https://docs.aws.amazon.com/AmazonS3/
# latest/userguide/lifecycle-and-other-bucket-config.html): an S3.* operation
# done by Amazon S3 itself, the fields a request would fill "-".
S3_LIFECYCLE = [
    "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be site-bucket "
    f"[30/Nov/2026:03:12:44 +0000] - AmazonS3 A1206F460EXAMPLE {operation} "
    "ancien/index.html - - - - 4096 - - - - - - - - - - - - -"
    for operation in ("S3.EXPIRE.OBJECT", "S3.TRANSITION_SIA.OBJECT")
]
# CloudFront standard log (https://docs.aws.amazon.com/AmazonCloudFront/latest/
# DeveloperGuide/standard-logs-reference.html): W3C, tab-separated, the
# fields named by the file's header; user agent and referer URL-encoded.
CLOUDFRONT_FIELDS = (
    "date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status "
    "cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id "
    "x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher "
    "x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port "
    "time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len "
    "sc-range-start sc-range-end"
)
CLOUDFRONT_ROW = "\t".join(
    [
        "2026-11-30",
        "08:15:02",
        "CDG50-C1",
        "5120",
        "203.0.113.7",
        "GET",
        "d111111abcdef8.cloudfront.net",
        "/histoires/a/",
        "200",
        "https://www.ecosia.org/",
        UA.replace(" ", "%20"),
        "ref=partenaire",
        "-",
        "Hit",
        "SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==",
        "www.lesdeuxepis.example",
        "https",
        "23",
        "0.001",
        "-",
        "TLSv1.3",
        "TLS_AES_128_GCM_SHA256",
        "Hit",
        "HTTP/2.0",
        "-",
        "-",
        "11040",
        "0.001",
        "Hit",
        "text/html",
        "5120",
        "-",
        "-",
    ]
)
CLOUDFRONT = f"#Version: 1.0\n#Fields: {CLOUDFRONT_FIELDS}\n{CLOUDFRONT_ROW}\n"
DAY = dt.date(2026, 11, 30)


def test_combined() -> None:
    assert parser("combined")(COMBINED) == Hit(
        DAY,
        "09:15:02",
        "203.0.113.7",
        "GET",
        "/histoires/a/?utm_source=lettre",
        200,
        "https://www.google.fr/",
        UA,
        "",
    )


def test_common_and_vhost() -> None:
    common = parser("common")(COMMON)
    assert common is not None
    assert (common.path, common.status, common.agent) == ("/faq/", 304, "")
    vhost = parser("vhost_combined")(VHOST)
    assert vhost is not None
    assert (vhost.host, vhost.path, vhost.referrer, vhost.agent) == (
        "www.lesdeuxepis.example",
        "/faq/",
        "",
        UA,
    )


def test_caddy() -> None:
    hit = parser("caddy")(CADDY)
    assert hit is not None
    assert (hit.day, hit.ip, hit.path, hit.status, hit.host) == (
        DAY,
        "203.0.113.7",
        "/histoires/a/",
        200,
        "www.lesdeuxepis.example",
    )
    assert (hit.referrer, hit.agent) == ("https://duckduckgo.com/", UA)


def test_s3_website_and_rest_requests() -> None:
    hit = parser("s3")(S3)
    assert hit is not None
    assert (hit.day, hit.moment, hit.ip, hit.path, hit.status) == (
        DAY,
        "08:15:02",
        "203.0.113.7",
        "/histoires/a/",
        200,
    )
    assert (hit.referrer, hit.agent, hit.host) == (
        "https://www.qwant.com/",
        UA,
        "www.lesdeuxepis.example",
    )
    rest = parser("s3")(S3_REST)
    assert rest is not None
    # A path-style request names the bucket first: the page is /faq/.
    assert (rest.path, rest.agent, rest.referrer) == ("/faq/", "curl/8.5.0", "")


def test_s3_lifecycle_actions_are_no_request_and_no_error() -> None:
    parse = parser("s3")
    assert [is_skip(parse(line)) for line in S3_LIFECYCLE] == [True, True]
    # A bucket's log opening on its housekeeping is still known as S3.
    assert detect([*S3_LIFECYCLE, S3]) == "s3"


def test_cloudfront_reads_its_header_and_decodes_the_agent() -> None:
    parse = parser("cloudfront")
    lines = CLOUDFRONT.splitlines()
    assert is_skip(parse(lines[0])) and is_skip(parse(lines[1]))
    hit = parse(lines[2])
    assert hit is not None and not is_skip(hit)
    assert (hit.day, hit.path, hit.status, hit.agent, hit.host) == (
        DAY,
        "/histoires/a/?ref=partenaire",
        200,
        UA,
        "www.lesdeuxepis.example",
    )


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([COMBINED, COMBINED], "combined"),
        ([COMMON], "common"),
        ([VHOST], "vhost_combined"),
        ([CADDY], "caddy"),
        ([S3, S3_REST], "s3"),
        (CLOUDFRONT.splitlines(), "cloudfront"),
        (["", "not a log line"], None),
    ],
)
def test_detect(lines: list[str], expected: str | None) -> None:
    assert detect(lines) == expected


@pytest.mark.parametrize(
    ("name", "log_format", "line"),
    [
        ("combined", apachelogs.COMBINED, COMBINED),
        ("common", apachelogs.COMMON, COMMON),
        ("vhost_combined", apachelogs.VHOST_COMBINED, VHOST),
        ("combined", apachelogs.COMBINED, COMBINED.replace("Firefox", 'Fire\\"fox')),
    ],
)
def test_our_regexes_read_what_apachelogs_reads(name: str, log_format: str, line: str) -> None:
    ours = parser(name)(line)
    theirs = apachelogs.LogParser(log_format).parse(line)
    assert ours is not None
    assert ours.day == theirs.request_time.date()
    assert ours.ip == theirs.remote_host
    assert f"{ours.method} {ours.path}" == " ".join(theirs.request_line.split(" ")[:2])
    assert ours.status == theirs.final_status
    # apachelogs unescapes \" in quoted fields; we keep the log's own bytes.
    headers = getattr(theirs, "headers_in", {})
    agent = (headers.get("User-Agent") or "").replace('"', '\\"')
    assert ours.agent == agent
    assert ours.referrer == (headers.get("Referer") or "")


def test_an_apache_logformat_string_is_read_by_apachelogs() -> None:
    parse = parser('%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"')
    hit = parse(COMBINED)
    assert hit is not None and hit.path == "/histoires/a/?utm_source=lettre"
    assert parse("nonsense") is None


def test_a_too_long_line_is_refused_without_a_regex() -> None:
    line = COMBINED.replace("/histoires/a/", "/" + "a" * MAX_LINE)
    for name in ("combined", "caddy", "s3", "cloudfront"):
        assert parser(name)(line) is None


HOSTILE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from('"\\[] <>'),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(path=HOSTILE, agent=HOSTILE, referrer=HOSTILE, junk=HOSTILE)
def test_hostile_lines_never_crash_a_parser(
    path: str, agent: str, referrer: str, junk: str
) -> None:
    """Any text in the path, agent or referrer (quotes, brackets, markup,
    newlines, any character): a parser returns a Hit or None, never raises."""
    line = (
        f'203.0.113.7 - - [30/Nov/2026:09:15:02 +0100] "GET {path} HTTP/1.1" 200 1 '
        f'"{referrer}" "{agent}"'
    )
    for name in ("combined", "common", "vhost_combined", "caddy", "s3", "cloudfront"):
        for text in (line, junk, line + junk, junk + line):
            found = parser(name)(text)
            assert found is None or isinstance(found, Hit)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=400))
def test_any_bytes_decoded_as_a_log_would_never_crash(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    for name in ("combined", "caddy", "s3", "cloudfront"):
        found = parser(name)(text)
        assert found is None or isinstance(found, Hit)


# Any text, lone surrogates (U+D800-U+DFFF) among it: JSON escapes them as
# \ud800, and json.loads gives them back as they are.
SURROGATES = st.text(
    alphabet=st.characters(categories=("Cs",)) | st.characters(codec="utf-8"), max_size=40
)


@settings(max_examples=150, deadline=None)
@example(uri="/", host="", agent="Mozilla \ud800", referrer="")
@example(uri="/a\udfff", host="www.\udc00.example", agent="", referrer="https://\ud800/")
@given(uri=SURROGATES, host=SURROGATES, agent=SURROGATES, referrer=SURROGATES)
def test_lone_surrogates_in_a_caddy_line_are_counted(
    tmp_path_factory: pytest.TempPathFactory, uri: str, host: str, agent: str, referrer: str
) -> None:
    """A Caddy line whose uri, host or headers hold an escaped lone
    surrogate is counted by the real tally (its regexes and user-agent
    parser take UTF-8 only), the run going on."""
    entry = json.loads(CADDY)
    entry["request"] |= {"uri": uri, "host": host}
    entry["request"]["headers"] = {"User-Agent": [agent], "Referer": [referrer]}
    log = tmp_path_factory.mktemp("caddy") / "access.log"
    log.write_text(json.dumps(entry) + "\n", "ascii")  # every surrogate escaped
    tally, unread = Tally(Scope(counted=frozenset({"lesdeuxepis.example"}))), Unread()
    read([str(log)], tally, unread)
    assert (tally.lines, tally.unparsed, unread.examples) == (1, 0, [])
    # Counted: as the site's, or (another Host) as another site's.
    assert (tally.seen, tally.other_sites) in (({DAY}, 0), (set(), 1))


def test_a_gzip_log_is_read_by_its_first_bytes_through_sources(tmp_path: Path) -> None:
    """A rotated log gzipped under a name without .gz: known by its magic
    bytes, read as text, counted line by line with its own line numbers."""
    path = tmp_path / "access.log.1"
    path.write_bytes(gzip.compress(f"{COMBINED}\njunk \xe9\n\n{COMBINED}\n".encode()))
    with ExitStack() as stack:
        assert open_text(str(path), stack).read() == f"{COMBINED}\njunk \xe9\n\n{COMBINED}\n"
    tally, unread, hits = Tally(Scope()), Unread(), []
    tally.add = hits.append  # what reaches the counting
    read([str(path)], tally, unread)
    assert (tally.lines, tally.unparsed) == (3, 1)  # the blank line is no line
    assert hits == [parser("combined")(COMBINED)] * 2
    assert unread.examples == [f"{path}:2: junk é"]
    assert unread.cut == []
