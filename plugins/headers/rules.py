"""What each file of the built site is served with, written for the hosts
that read a file of rules: ``_headers`` (Netlify, Cloudflare Pages) and
``.htaccess`` (Apache)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

# Derivatives and social cards carry a 12-hex fingerprint of their bytes:
# their URL changes whenever they do, so browsers may keep them a year.
FINGERPRINT = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")
IMMUTABLE = "public, max-age=31536000, immutable"
THEME = "public, max-age=3600"  # theme CSS/JS keep their names: one hour
SHORT = "public, max-age=0, must-revalidate"  # pages, feeds: always revalidate
# The video facade (plugins/content/values.py: Video.embed_url) loads one of
# these players, and only after a click.
VIDEO_HOSTS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), browsing-topics=()",
}


# What a file is served as: a page, a card partners frame, or a search page.
PAGE, EMBED, SEARCH = "page", "embed", "search"


def csp(extra: dict[str, list[str]], kind: str, published: bool) -> str:
    """The Content-Security-Policy of a file of ``kind`` (PAGE, EMBED, SEARCH)."""
    embed = kind == EMBED
    # External files only: no inline script runs. Pagefind's search runs as
    # WebAssembly, which needs 'wasm-unsafe-eval': on the search pages only
    # (and Pagefind's own files, for its worker); it allows compiling
    # WebAssembly, not running strings as JavaScript.
    scripts = ["'self'", "'wasm-unsafe-eval'"] if kind == SEARCH else ["'self'"]
    policy = {
        "default-src": ["'self'"],
        "script-src": scripts,
        # Inline <style>: the brand palette in base.html, the self-contained
        # embed cards, the feed's XSL view. Only CSS; scripts stay strict.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "frame-src": ["'self'", *VIDEO_HOSTS],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["*"] if embed else ["'self'"],
    }
    for directive, sources in extra.items():
        policy.setdefault(directive, ["'self'"])
        policy[directive] += [s for s in sources if s not in policy[directive]]
    parts = [f"{name} {' '.join(sources)}" for name, sources in policy.items()]
    if published:
        parts.append("upgrade-insecure-requests")
    return "; ".join(parts)


def _cache(path: str) -> str:
    if FINGERPRINT.search(path):
        return IMMUTABLE
    return THEME if path.startswith("theme/") else SHORT


def _group(path: str, search: tuple[str, ...]) -> tuple[str, str]:
    if path.startswith("embed/"):
        kind = EMBED
    elif path.startswith(search):
        kind = SEARCH
    else:
        kind = PAGE
    return kind, _cache(path)


def _compress(
    paths: list[str], search: tuple[str, ...], prefix: str = ""
) -> Iterable[tuple[str, tuple[str, str]]]:
    """(pattern, group) rules covering ``paths`` with no two rules matching
    the same URL: hosts disagree on overlaps (Netlify keeps the last value,
    Cloudflare joins them with commas), so none is written. A folder whose
    files all share a group is one ``/folder/*`` rule."""
    children: dict[str, list[str]] = {}
    for path in paths:
        head = path[len(prefix) :].split("/", 1)[0]
        children.setdefault(head, []).append(path)
    for head in sorted(children):
        files = children[head]
        if files == [prefix + head]:
            group = _group(prefix + head, search)
            if head == "index.html":
                yield "/" + prefix, group
            yield "/" + prefix + head, group
        elif len({_group(f, search) for f in files}) == 1:
            yield f"/{prefix}{head}/*", _group(files[0], search)
        else:
            yield from _compress(files, search, f"{prefix}{head}/")


def site_files(output: Path, kept: Iterable[str] = ()) -> list[str]:
    """Every file the site serves, relative to ``output`` (not the rule
    files), and the ``kept`` ones (relative, with ``/``) the build leaves
    in the live site."""
    # os.walk, not Path.rglob: one directory read a folder, no stat a file
    # (a site of 1,000 stories has thousands of files).
    found = []
    for folder, _dirs, files in os.walk(output):
        rel = os.path.relpath(folder, output)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found += [prefix + name for name in files if not name.startswith((".", "_"))]
    found += [rel for rel in kept if not rel.rsplit("/", 1)[-1].startswith((".", "_"))]
    return sorted(set(found))


def headers_file(
    files: list[str], extra: dict[str, list[str]], published: bool, search: tuple[str, ...] = ()
) -> str:
    """The ``_headers`` text (Netlify, Cloudflare Pages); ``search`` holds the
    folders served as SEARCH (the search pages, ``pagefind/``)."""
    lines = [
        "# Written by Comptoir (comptoir.plugins.headers) at each build: edit CSP_EXTRA instead.",
        "/*",
    ]
    lines += [f"  {name}: {value}" for name, value in COMMON.items()]
    for pattern, (kind, cache) in _compress(files, search):
        lines += ["", pattern, f"  Content-Security-Policy: {csp(extra, kind, published)}"]
        if kind != EMBED:
            lines.append("  X-Frame-Options: SAMEORIGIN")  # for browsers without CSP 3
        lines.append(f"  Cache-Control: {cache}")
    return "\n".join(lines) + "\n"


def htaccess(
    extra: dict[str, list[str]], published: bool, base: str, search: tuple[str, ...] = ()
) -> str:
    """The ``.htaccess`` text (Apache 2.4, mod_headers and mod_expires);
    ``base`` is the site's path on its host, e.g. "" or "/boutique";
    ``search`` the folders served as SEARCH."""
    common = "\n".join(f'  Header always set {k} "{v}"' for k, v in COMMON.items())
    immutable = FINGERPRINT.pattern
    searching = ""
    if search:
        folders = "|".join(re.escape(folder) for folder in search)
        searching = f"""
  <If "%{{REQUEST_URI}} =~ m#^{base}/({folders})#">
    Header always set Content-Security-Policy "{csp(extra, SEARCH, published)}"
  </If>"""
    return f"""# Written by Comptoir (comptoir.plugins.headers) at each build: edit CSP_EXTRA instead.
<IfModule mod_expires.c>
  ExpiresActive On
  ExpiresDefault "access plus 0 seconds"
  ExpiresByType text/css "access plus 1 hour"
  ExpiresByType text/javascript "access plus 1 hour"
  ExpiresByType application/javascript "access plus 1 hour"
  <FilesMatch "{immutable}">
    ExpiresActive Off
  </FilesMatch>
</IfModule>
<IfModule mod_headers.c>
{common}
  Header always set Content-Security-Policy "{csp(extra, PAGE, published)}"
  Header always set X-Frame-Options "SAMEORIGIN"
  <If "%{{REQUEST_URI}} =~ m#^{base}/embed/#">
    Header always set Content-Security-Policy "{csp(extra, EMBED, published)}"
    Header always unset X-Frame-Options
  </If>{searching}
  # "set", not "always set": it must replace mod_expires' value, not add one.
  <FilesMatch "\\.(html|xml|json)$">
    Header set Cache-Control "{SHORT}"
  </FilesMatch>
  <FilesMatch "{immutable}">
    Header set Cache-Control "{IMMUTABLE}"
  </FilesMatch>
</IfModule>
"""


def parse(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """``_headers`` text -> [(pattern, [(name, value), …]), …]."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def matching(rules: list[tuple[str, list[tuple[str, str]]]], url_path: str) -> dict[str, str]:
    """The headers for ``url_path``; a header set by several matching rules
    gets their values joined with ", " (as Cloudflare does: an overlap shows)."""
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if pattern.endswith("*"):
            hit = url_path.startswith(pattern[:-1]) or url_path == pattern[:-2]
        else:
            hit = url_path == pattern
        for name, value in headers if hit else ():
            found[name] = f"{found[name]}, {value}" if name in found else value
    return found
