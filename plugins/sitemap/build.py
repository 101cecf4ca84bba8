"""sitemap.xml and robots.txt, from the content Pelican built.

Only canonical, indexable pages go in the sitemap, with ``lastmod`` from
Modified or Date (never the build time, so an unchanged site gives the same
file), their images, and hreflang alternates for translations. Past 50,000
addresses the sitemap is split and indexed. Sitemaps need absolute
addresses: a build without an absolute SITEURL (development, preview)
writes a robots.txt that keeps crawlers out, and no sitemap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

LIMIT = 50_000
# Crawlers that collect text to train AI models (owners may refuse them).
AI_CRAWLERS = (
    "GPTBot",
    "ChatGPT-User",
    "OAI-SearchBot",
    "ClaudeBot",
    "anthropic-ai",
    "CCBot",
    "Google-Extended",
    "Applebot-Extended",
    "PerplexityBot",
    "Bytespider",
    "meta-externalagent",
    "Amazonbot",
    "cohere-ai",
)


@dataclass
class Entry:
    url: str
    lastmod: dt.datetime | None = None
    images: list[tuple[str, str]] = field(default_factory=list)  # (absolute url, alt)
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, url)


def _url_xml(entry: Entry) -> str:
    parts = [f"<url><loc>{escape(entry.url)}</loc>"]
    if entry.lastmod:
        parts.append(f"<lastmod>{entry.lastmod.isoformat()}</lastmod>")
    for lang, href in entry.alternates:
        parts.append(
            f'<xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(href)}/>'
        )
    for src, _alt in entry.images:
        parts.append(f"<image:image><image:loc>{escape(src)}</image:loc></image:image>")
    parts.append("</url>")
    return "".join(parts)


HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def sitemap_files(entries: list[Entry], siteurl: str) -> dict[str, str]:
    """File name → XML. One file, or an index and numbered parts past LIMIT."""

    def urlset(chunk: Iterable[Entry]) -> str:
        return HEAD + "\n".join(_url_xml(e) for e in chunk) + "\n</urlset>\n"

    if len(entries) <= LIMIT:
        return {"sitemap.xml": urlset(entries)}
    files = {}
    index = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    ]
    for number, start in enumerate(range(0, len(entries), LIMIT), start=1):
        chunk = entries[start : start + LIMIT]
        name = f"sitemap-{number}.xml"
        files[name] = urlset(chunk)
        newest = max((e.lastmod for e in chunk if e.lastmod), default=None)
        lastmod = f"<lastmod>{newest.isoformat()}</lastmod>" if newest else ""
        index.append(f"<sitemap><loc>{escape(siteurl)}/{name}</loc>{lastmod}</sitemap>")
    index.append("</sitemapindex>\n")
    files["sitemap.xml"] = "\n".join(index)
    return files


def robots(siteurl: str | None, block_ai: bool) -> str:
    """robots.txt: everyone welcome (but AI crawlers if refused), or nobody
    on a build that is not the published site."""
    if not siteurl:
        return "# Not the published site: keep crawlers out.\nUser-agent: *\nDisallow: /\n"
    lines = []
    if block_ai:
        lines += [f"User-agent: {bot}" for bot in AI_CRAWLERS] + ["Disallow: /", ""]
    lines += ["User-agent: *", "Allow: /", "", f"Sitemap: {siteurl}/sitemap.xml", ""]
    return "\n".join(lines)
