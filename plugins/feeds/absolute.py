"""Absolute addresses for feed readers: a reader shows an item far from the
site, where ``/images/a.jpg`` or ``../levain/`` lead nowhere.

Works on the item's own HTML (what Markdown made), never on written pages:
every ``href``, ``src``, ``srcset``, ``poster`` and ``cite`` is resolved
against the item's address — inside tags only, so a code sample showing
``href="…"`` as text is left alone, and quoted or not (raw HTML an owner
typed may say ``<img src=a.jpg>``).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

# A start tag (quoted values may hold ">"), then one attribute at a time, so
# that title="a src=b" is one attribute, not a src.
_TAG = re.compile(r"""(<[a-zA-Z][^\s/>]*)((?:"[^"]*"|'[^']*'|[^'">])*>)""")
_ATTR = re.compile(r"""(\s+)([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_URLS = {"href", "src", "srcset", "poster", "cite"}
_SKIP = ("#", "mailto:", "tel:", "data:", "javascript:")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def absolute_url(url: str, site: str, base: str = "") -> str:
    """``url`` made absolute against ``site`` + ``base`` (a path on the site)."""
    if url.startswith(_SKIP[1:]) or _SCHEME.match(url):
        return url
    if url.startswith("/") and not url.startswith("//"):
        # The common case (Pelican writes /images/…): no need to parse.
        return site.rstrip("/") + url
    root = site.rstrip("/") + "/"
    page = urljoin(root, base.lstrip("/"))
    return urljoin(page, url)


def _srcset(value: str, site: str, base: str) -> str:
    parts = []
    for candidate in value.split(","):
        bits = candidate.strip().split(None, 1)
        if bits:
            bits[0] = absolute_url(bits[0], site, base)
            parts.append(" ".join(bits))
    return ", ".join(parts)


def absolute_html(text: str, site: str, base: str) -> str:
    """``text`` with every link and image address absolute."""

    def attribute(match: re.Match) -> str:
        space, name = match.group(1), match.group(2)
        value = next((v for v in match.group(3, 4, 5) if v is not None), None)
        if value is None or name.lower() not in _URLS:
            return match.group(0)
        raw = html.unescape(value)
        if name.lower() == "srcset":
            fixed = _srcset(raw, site, base)
        elif raw.startswith("#"):
            # A footnote or step on the same page: keep it pointing there.
            fixed = absolute_url(base, site) + raw
        else:
            fixed = absolute_url(raw, site, base)
        return f'{space}{name}="{html.escape(fixed, quote=True)}"'

    def tag(match: re.Match) -> str:
        return match.group(1) + _ATTR.sub(attribute, match.group(2))

    return _TAG.sub(tag, text)
