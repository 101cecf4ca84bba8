"""The Content-Type of each file of the site on a bucket, from its name.

A table of our own first (the machine's mimetypes lists differ from one
computer to the next, and miss .webmanifest or .avif on older ones), then
mimetypes for the rest; text is always UTF-8.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath

UTF8 = "; charset=utf-8"
TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".txt": "text/plain",
    # rss.xml carries an <?xml-stylesheet?>: browsers apply it (and show the
    # feed as a page) only to a plain XML type, not to application/rss+xml.
    ".xml": "application/xml",
    ".xsl": "application/xml",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".pdf": "application/pdf",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
}
# Feeds whose readers want their own type (and that have no stylesheet).
NAMES = {"atom.xml": "application/atom+xml", "feed.json": "application/feed+json"}
TEXT = {"application/xml", "application/json", "application/manifest+json"}
# Files that link to others: sent after what they link to (see s3.phase).
DOCUMENTS = (".html", ".xml", ".xsl", ".json", ".webmanifest", ".txt")


def content_type(path: str) -> str:
    """The Content-Type of ``path`` (posix, relative to the site)."""
    name = PurePosixPath(path).name
    suffix = PurePosixPath(path).suffix.lower()
    kind = NAMES.get(name) or TYPES.get(suffix)
    if kind is None:
        # No suffix: CREDITS, _headers, CNAME… are text.
        kind = mimetypes.guess_type(name)[0] if suffix else "text/plain"
    kind = kind or "application/octet-stream"
    if kind.startswith("text/") or kind in TEXT or kind in NAMES.values():
        return kind + UTF8
    return kind
