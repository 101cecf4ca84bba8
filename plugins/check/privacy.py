"""Privacy scan: what the built site makes a reader's browser fetch from
another host.

Why it reads the written files (the kit otherwise never re-parses its HTML):
it is an auditor, run only by ``invoke check`` after a build. The promise is
about what a browser receives, whatever wrote it (templates, raw HTML an owner
opted into, a theme override, a static file), so the files themselves are what
must be read. Only fetches count (on load, or on use like ``ping``), not
navigation links (``<a href>``) nor metadata (canonical, ``og:image``).

The allowed hosts are compared by origin (scheme, host, port): the
Content-Security-Policy, not this scan, enforces which kind of request each
allowed host may serve.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

SCANNED = (".html", ".htm", ".css", ".xsl", ".svg")
# <link rel=…> values that make the browser fetch (or connect to) the href.
FETCHING_RELS = frozenset(
    {"stylesheet", "icon", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon"}
    | {"apple-touch-startup-image", "preload", "prefetch", "modulepreload", "manifest"}
    | {"dns-prefetch", "preconnect", "prerender"}
)
# (tag, attribute) holding one URL fetched (any tag's background is handled
# apart). A <base> elsewhere sends every relative fetch of the page there.
SINGLE = frozenset(
    {("img", "src"), ("script", "src"), ("iframe", "src"), ("frame", "src"), ("embed", "src")}
    | {("object", "data"), ("video", "src"), ("video", "poster"), ("audio", "src")}
    | {("source", "src"), ("track", "src"), ("base", "href")}
)
SRCSETS = {("img", "srcset"), ("source", "srcset"), ("link", "imagesrcset")}
# SVG elements whose href (or the older xlink:href) loads a document or image.
SVG_HREF = frozenset({"image", "use", "feimage", "script"})
# SVG presentation attributes that may hold url(…).
SVG_PAINT = frozenset({"fill", "stroke", "filter", "clip-path", "mask", "cursor"})
SVG_PAINT |= {"marker-start", "marker-mid", "marker-end"}

_CSS = re.compile(
    r"""/\*.*?(?:\*/|\Z)
    |(?P<imp>@import\s*)?
     (?:url\(\s*(?:"(?P<u1>[^"]*)"|'(?P<u2>[^']*)'|(?P<u3>(?:\\[0-9a-f]{1,6}\s?|\\.|[^)'"\s\\])*))\s*\)
       |"(?P<s1>[^"]*)"|'(?P<s2>[^']*)')""",
    re.S | re.I | re.X,
)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
_CANDIDATE = re.compile(r"[\s,]*(\S*)")
_DESCRIPTORS = re.compile(r"(?:\([^)]*\)|[^,(])*")
_REFRESH = re.compile(r"\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(['\"]?)(.*?)\1\s*$", re.I | re.S)
_PI_HREF = re.compile(r"""href\s*=\s*(["'])(.*?)\1""", re.S)
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):(.*)", re.I | re.S)


@dataclass(frozen=True)
class Request:
    """One URL the browser fetches: where it is written and how."""

    line: int  # 1-based line in the scanned text
    what: str  # e.g. "img src", "css url()"
    url: str  # as written (entity-decoded)


def _unescape_css(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        return chr(int(m.group(1), 16)) if m.group(1) else m.group(2)

    return _CSS_ESCAPE.sub(one, text)


def requests_in_css(css: str, first_line: int = 1, prefix: str = "css ") -> list[Request]:
    """Every ``url(…)`` and ``@import`` of ``css`` (not in comments or plain
    strings); ``data:`` URLs are no request."""
    found = []
    for m in _CSS.finditer(css):
        url = next((g for g in m.group("u1", "u2", "u3") if g is not None), None)
        if url is None and m.group("imp"):
            url = m.group("s1") if m.group("s1") is not None else m.group("s2")
        if url is None:
            continue  # a comment, or a string that is no address
        url = _unescape_css(url).strip()
        if url and not url.lower().startswith("data:"):
            line = first_line + css.count("\n", 0, m.start())
            found.append(Request(line, prefix + ("@import" if m.group("imp") else "url()"), url))
    return found


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset, parsed as the HTML standard does (a URL runs to
    the next space, so a data: URL may hold commas)."""
    urls, pos = [], 0
    while pos < len(value):
        m = _CANDIDATE.match(value, pos)
        url, pos = m.group(1), m.end()
        if not url:
            break
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            pos = _DESCRIPTORS.match(value, pos).end()
        if url:
            urls.append(url)
    return urls


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # attribute values come decoded
        self.found: list[Request] = []
        self._style: tuple[int, list[str]] | None = None  # open <style>: line, text

    def _add(self, what: str, url: str | None) -> None:
        if url and url.strip():
            self.found.append(Request(self.getpos()[0], what, url.strip()))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if (tag, name) in SINGLE:
                self._add(f"{tag} {name}", value)
            elif (tag, name) in SRCSETS:
                for url in srcset_urls(value):
                    self._add(f"{tag} {name}", url)
            elif name == "background":
                self._add(f"{tag} background", value)
            elif name == "ping" and tag in ("a", "area"):
                for url in value.split():
                    self._add(f"{tag} ping", url)
            elif name == "style":
                self.found += requests_in_css(value, line, "style attribute ")
            elif name in SVG_PAINT and "url(" in value.lower():
                self.found += requests_in_css(value, line, f"{name} attribute ")
            elif name in ("href", "xlink:href") and tag in SVG_HREF and value[:1] != "#":
                self._add(f"{tag} {name}", value)  # (not "#id": a part of the same file)
        rels = set(values.get("rel", "").lower().split()) & FETCHING_RELS
        if tag == "link" and rels:
            self._add("link " + min(rels), values.get("href"))
        if tag == "input" and values.get("type", "").lower() == "image":
            self._add("input image src", values.get("src"))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self._add("meta refresh", _REFRESH.match(values.get("content", "")).group(2))
        if tag == "iframe" and values.get("srcdoc"):
            inner = requests_in_html(values["srcdoc"])
            self.found += [Request(line, "iframe srcdoc " + r.what, r.url) for r in inner]
        if tag == "style":  # its CSS starts where the tag ends
            self._style = (line + (self.get_starttag_text() or "").count("\n"), [])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self._style = None

    def handle_data(self, data: str) -> None:
        if self._style is not None:
            self._style[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style" and self._style is not None:
            line, parts = self._style
            self.found += requests_in_css("".join(parts), line)
            self._style = None

    def handle_pi(self, data: str) -> None:
        if data.startswith("xml-stylesheet") and (m := _PI_HREF.search(data)):
            self._add("xml-stylesheet href", m.group(2))


def requests_in_html(html: str) -> list[Request]:
    """Every URL ``html`` makes the browser fetch, on load or on use (not
    plain navigation links), in the order written."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found


def origin(url: str) -> str | None:
    """``scheme://host[:port]`` a URL is fetched from, read as a browser does
    (no tabs or newlines, ``\\`` as ``/``, any number of slashes), or None
    when it stays on the page's own host (relative, ``data:``, ``blob:``…)."""
    url = re.sub(r"[\t\n\r]", "", url).strip(_C0_AND_SPACE).replace("\\", "/")
    scheme, rest = "https", url  # protocol-relative: the published site is https
    if m := _SCHEME.match(url):
        scheme, rest = m.group(1).lower(), m.group(2)
        if scheme not in ("http", "https"):
            return None
    elif not url.startswith("//"):
        return None
    authority = re.split(r"[/?#]", rest.lstrip("/"), maxsplit=1)[0].rpartition("@")[2].lower()
    default = ":443" if scheme == "https" else ":80"
    return f"{scheme}://{authority.removesuffix(default)}" if authority else None


def _allows(allowed: str, found: str) -> bool:
    scheme, _, host = allowed.partition("://")
    if host.startswith("*."):  # a CSP wildcard: any subdomain
        return found.startswith(scheme + "://") and found.endswith(host[1:])
    return found == allowed


def foreign(requests: Iterable[Request], allowed: Iterable[str]) -> list[Request]:
    """The ``requests`` that go to a host whose origin is not ``allowed``."""
    origins = [o for o in (origin(a) for a in allowed) if o]
    found = []
    for request in requests:
        target = origin(request.url)
        if target and not any(_allows(o, target) for o in origins):
            found.append(request)
    return found


def allowed_origins(settings: dict[str, Any]) -> list[str]:
    """The site's own origin (SITEURL, when absolute) and every host of
    CSP_EXTRA, the owner's explicit allowance. Not the video players
    (headers.rules.VIDEO_HOSTS): the facade creates their frame on a click,
    so a player written in a page would load before the reader asked."""
    sources = [str(settings.get("SITEURL") or "")]
    for hosts in (settings.get("CSP_EXTRA") or {}).values():
        sources += [str(h) for h in hosts]
    return sorted({o for o in map(origin, sources) if o})


def scan_folder(folder: Path, allowed: Iterable[str]) -> dict[str, list[Request]]:
    """The foreign requests of each page, stylesheet and SVG under ``folder``
    (relative POSIX path -> requests), only for the files that have some."""
    allowed = list(allowed)
    found: dict[str, list[Request]] = {}
    for base, _dirs, names in os.walk(folder):
        for name in names:
            if not name.lower().endswith(SCANNED):
                continue
            path = Path(base, name)
            text = path.read_text(encoding="utf-8", errors="replace")
            scan = requests_in_css if name.lower().endswith(".css") else requests_in_html
            if hits := foreign(scan(text), allowed):
                found[path.relative_to(folder).as_posix()] = hits
    return dict(sorted(found.items()))
