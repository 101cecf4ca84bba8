"""Share links as plain URLs: one pure function, no template, no settings.

Every value goes through :func:`encode`: UTF-8, then every byte outside the
unreserved set (``A-Z a-z 0-9 - . _ ~``) percent-encoded. Spaces become
``%20``, never ``+``, and ``& # = ? + %`` can never cut a value short, so
whatever the title, each endpoint decodes exactly the text we gave it. The
same encoding is what RFC 6068 asks of ``mailto:`` subjects and bodies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Link:
    """One share link: ``name`` as in SHARE_NETWORKS, the network's own
    ``label`` (a proper noun, never translated), and the ``href``."""

    name: str
    label: str
    href: str


def encode(value: str) -> str:
    """Percent-encode all but the unreserved characters (RFC 3986 § 2.3)."""
    return quote(value, safe="")


def query(base: str, **params: str) -> str:
    return base + "?" + "&".join(f"{key}={encode(value)}" for key, value in params.items())


def _text(title: str, url: str) -> str:
    # Networks with a single text field get the title, then the address.
    return f"{title} {url}"


# name -> (label, how to build the href from title, url and image)
Builder = Callable[[str, str, str | None], str]
NETWORKS: dict[str, tuple[str, Builder]] = {
    "facebook": (
        "Facebook",
        lambda t, u, i: query("https://www.facebook.com/sharer/sharer.php", u=u),
    ),
    "x": ("X", lambda t, u, i: query("https://x.com/intent/tweet", text=t, url=u)),
    "linkedin": (
        "LinkedIn",
        lambda t, u, i: query("https://www.linkedin.com/sharing/share-offsite/", url=u),
    ),
    "whatsapp": ("WhatsApp", lambda t, u, i: query("https://wa.me/", text=_text(t, u))),
    "telegram": ("Telegram", lambda t, u, i: query("https://t.me/share/url", url=u, text=t)),
    "pinterest": (
        "Pinterest",
        lambda t, u, i: query(
            "https://www.pinterest.com/pin/create/button/", url=u, media=i or "", description=t
        ),
    ),
    "reddit": ("Reddit", lambda t, u, i: query("https://www.reddit.com/submit", url=u, title=t)),
    "bluesky": (
        "Bluesky",
        lambda t, u, i: query("https://bsky.app/intent/compose", text=_text(t, u)),
    ),
    # The official chooser: the reader picks their own server there. Its
    # documented form is the query string (?text=), which is what its page
    # reads first; the text is one field, title then address.
    "mastodon": (
        "Mastodon",
        lambda t, u, i: query("https://share.joinmastodon.org/", text=_text(t, u)),
    ),
    # RFC 6068: no address, then ?subject=…&body=… (hfvalues percent-encoded).
    "email": ("Email", lambda t, u, i: query("mailto:", subject=t, body=u)),
}
# Pins are pictures: without an image Pinterest has nothing to pin.
NEEDS_IMAGE = frozenset({"pinterest"})


def share_links(
    title: str, url: str, image: str | None = None, networks: Iterable[str] = tuple(NETWORKS)
) -> list[Link]:
    """The share links of a page, in the order of ``networks``.

    ``url`` and ``image`` are used as given: pass absolute addresses (the
    published SITEURL) for links that work once shared. A network that
    needs an image is left out when ``image`` is empty.
    """
    links = []
    for name in networks:
        label, build = NETWORKS[name]
        if name in NEEDS_IMAGE and not image:
            continue
        links.append(Link(name, label, build(title, url, image)))
    return links
