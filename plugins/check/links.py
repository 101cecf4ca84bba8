"""Where a link or an image of a page leads: a file of the built site, another
site, or nowhere."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

# What Pelican leaves in a link it could not resolve ({filename}nope.md).
PELICAN_REFERENCES = ("{filename}", "{static}", "{attach}", "{tag}", "{category}", "{author}")
LOCAL_SCHEMES = ("", "http", "https")
_ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


@dataclass(frozen=True)
class Site:
    """The built site (the staging folder) and the address it will have."""

    output: str
    siteurl: str  # "" for a site built with root-relative links
    # The ids of each page looked at, read once per check.
    _ids: dict[str, set[str]] = field(default_factory=dict, compare=False, repr=False)

    def target(self, href: str, page_url: str) -> str | None:
        """The file under ``output`` that ``href`` on the page at ``page_url``
        (relative to the site) leads to, or None for another site, a mail
        link, or a link to the page itself."""
        if href.startswith(PELICAN_REFERENCES):
            return href  # never a file: reported as broken
        base = (self.siteurl or "http://site.invalid") + "/"
        absolute = urljoin(urljoin(base, page_url), href)
        parts, home = urlsplit(absolute), urlsplit(base)
        if parts.scheme not in LOCAL_SCHEMES or parts.netloc != home.netloc:
            return None
        path = unquote(parts.path)
        if not path.startswith(home.path):
            return None
        relative = path[len(home.path) :]
        if not relative or relative.endswith("/"):
            relative += "index.html"
        return relative

    def exists(self, relative: str) -> bool:
        """Whether a file (or a folder with an index.html) is at ``relative``."""
        full = os.path.join(self.output, relative)
        return os.path.isfile(full) or os.path.isfile(os.path.join(full, "index.html"))

    def size(self, relative: str) -> int:
        try:
            return os.path.getsize(os.path.join(self.output, relative))
        except OSError:
            return 0

    def is_external(self, href: str) -> bool:
        """An http(s) link to another site (what ``--online`` checks)."""
        parts = urlsplit(href)
        own = urlsplit(self.siteurl).netloc if self.siteurl else None
        return parts.scheme in ("http", "https") and bool(parts.netloc) and parts.netloc != own

    def has_anchor(self, relative: str, fragment: str) -> bool:
        """Whether the page at ``relative`` has an element with id ``fragment``.

        Read from the written page: the ids come from the text and from the
        theme alike (steps, headings, footnotes), and only the page knows both."""
        if relative not in self._ids:
            full = os.path.join(self.output, relative)
            if not os.path.isfile(full):
                full = os.path.join(full, "index.html")
            try:
                with open(full, encoding="utf-8") as handle:
                    text = handle.read()
            except (OSError, UnicodeDecodeError):
                text = ""
            self._ids[relative] = {"".join(m.groups(default="")) for m in _ID.finditer(text)}
        return unquote(fragment) in self._ids[relative]
