"""Where a reader came from: the campaign the link says (``utm_source``,
``ref``), else the site that linked, by host, with search engines grouped
under their name and the site's own host left out."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

# A link's own tag wins over the Referer: the letter's links say
# utm_source=lettre whatever webmail the reader clicked in.
TAGS = ("utm_source", "ref")
LETTER = "lettre"  # the digest's utm_source (comptoir/tools/digest/content.py)
# (host pattern, name): the first match names the engine.
ENGINES = (
    (r"(^|\.)google\.[a-z.]+$", "Google"),
    (r"(^|\.)bing\.com$", "Bing"),
    (r"(^|\.)duckduckgo\.com$", "DuckDuckGo"),
    (r"(^|\.)qwant\.com$", "Qwant"),
    (r"(^|\.)ecosia\.org$", "Ecosia"),
    (r"(^|\.)search\.yahoo\.com$|^yahoo\.com$", "Yahoo"),
    (r"(^|\.)yandex\.[a-z.]+$|^ya\.ru$", "Yandex"),
    (r"^search\.brave\.com$", "Brave"),
    (r"(^|\.)startpage\.com$", "Startpage"),
    (r"(^|\.)baidu\.com$", "Baidu"),
    (r"(^|\.)kagi\.com$", "Kagi"),
    (r"(^|\.)lilo\.org$", "Lilo"),
    (r"^android-app://com\.google\.android\.googlequicksearchbox", "Google"),
)
_ENGINES = tuple((re.compile(pattern), name) for pattern, name in ENGINES)
# Prefixes that name the same site: www.example.fr and m.example.fr are
# example.fr; l.facebook.com is Facebook's link shim.
_PREFIXES = ("www.", "m.", "l.", "lm.", "mobile.")


def site_of(host: str) -> str:
    """A host as the report groups it: lower case, no port, no www./m."""
    host = host.strip().lower().rsplit("@", 1)[-1]
    # An IPv6 literal keeps its colons; a name loses its port.
    host = host.split("]", 1)[0] + "]" if host.startswith("[") else host.split(":", 1)[0]
    for prefix in _PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix) :]
    return host


def engine(host: str) -> str | None:
    """The search engine's name for ``host``, if it is one."""
    for pattern, name in _ENGINES:
        if pattern.search(host):
            return name
    return None


def tagged(query: str) -> str | None:
    """The ``utm_source`` or ``ref`` a link carries, lower case, if any."""
    if not query:
        return None
    for key, value in parse_qsl(query, keep_blank_values=False):
        if key in TAGS and value.strip():
            return value.strip().lower()[:100]
    return None


def referring_site(referrer: str, own: frozenset[str]) -> str | None:
    """The site (or engine) a Referer names, None for none or our own."""
    if not referrer:
        return None
    if referrer.startswith("android-app://"):
        return engine(referrer) or site_of(referrer[14:].split("/", 1)[0])
    try:
        host = urlsplit(referrer).netloc
    except ValueError:
        return None
    if not host:
        return None
    site = site_of(host)
    if not site or site in own:
        return None
    return engine(site) or site
