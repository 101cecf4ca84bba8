"""Every title, however odd, comes back exactly from every share URL, read
the way each endpoint reads it (query strings; RFC 6068 for mailto)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from comptoir.plugins.share import DEFAULT_NETWORKS
from comptoir.plugins.share.links import NETWORKS, share_links

TITLES = [
    "Une nuit au fournil",
    'Il a dit "oui" & l\'autre non',
    "C'est #1 : 100 % + 20 % = ? ",
    "a=b&c=d?e#f;g/h\\i",
    "Pain « maison », été & crème brûlée",
    "Pourquoi\u202f? Parce que\u00a0!",
    "Emoji 🥖🍞 et 👩‍🍳 (ZWJ)",
    "</script><script>alert(1)</script><!--",
    "Deux\nlignes\r\net\tune tabulation",
    "%20 déjà encodé %2B + %zz %",
    "  espaces autour  ",
    "Très long " * 300,
]
URLS = [
    "https://www.lesdeuxepis.example/histoires/une-nuit-au-fournil/",
    "https://b.example/été/l'œuf?a=1&b=2+3#haut",
]
IMAGE = "https://b.example/images/pain de mie.jpg?v=2&w=1200"
# What each network is sent: (address without query, {parameter: value}).
EXPECTED = {
    "facebook": ("https://www.facebook.com/sharer/sharer.php", lambda t, u: {"u": u}),
    "x": ("https://x.com/intent/tweet", lambda t, u: {"text": t, "url": u}),
    "linkedin": ("https://www.linkedin.com/sharing/share-offsite/", lambda t, u: {"url": u}),
    "whatsapp": ("https://wa.me/", lambda t, u: {"text": f"{t} {u}"}),
    "telegram": ("https://t.me/share/url", lambda t, u: {"url": u, "text": t}),
    "pinterest": (
        "https://www.pinterest.com/pin/create/button/",
        lambda t, u: {"url": u, "media": IMAGE, "description": t},
    ),
    "reddit": ("https://www.reddit.com/submit", lambda t, u: {"url": u, "title": t}),
    "bluesky": ("https://bsky.app/intent/compose", lambda t, u: {"text": f"{t} {u}"}),
    "mastodon": ("https://share.joinmastodon.org/", lambda t, u: {"text": f"{t} {u}"}),
}
UNRESERVED = re.compile(r"[A-Za-z0-9\-._~]")


def by_name(title: str, url: str) -> dict[str, str]:
    return {link.name: link.href for link in share_links(title, url, IMAGE)}


def read_mailto(href: str) -> tuple[str, dict[str, str]]:
    """RFC 6068 § 2: mailto:[to][?hfname=hfvalue*(&hfname=hfvalue)], each
    part percent-decoded as UTF-8 (no "+" for space: that is form encoding)."""
    assert href.startswith("mailto:")
    to, _, hfields = href.removeprefix("mailto:").partition("?")
    fields = {}
    for hfield in hfields.split("&"):
        name, sep, value = hfield.partition("=")
        assert sep, hfield
        fields[unquote(name, errors="strict")] = unquote(value, errors="strict")
    return unquote(to), fields


def assert_strictly_encoded(value: str) -> None:
    """Only unreserved characters and well-formed %XX escapes."""
    rest = re.sub(r"%[0-9A-F]{2}", "", value)
    assert all(UNRESERVED.fullmatch(c) for c in rest), value


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("title", TITLES, ids=range(len(TITLES)))
@pytest.mark.parametrize("network", list(EXPECTED))
def test_title_and_address_come_back_exactly(network: str, title: str, url: str) -> None:
    href = by_name(title, url)[network]
    parts = urlsplit(href)
    base, expected = EXPECTED[network]
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == base
    assert parts.fragment == ""
    # Read as the endpoints read a query (URLSearchParams, parse_qs).
    params = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert params == {key: [value] for key, value in expected(title, url).items()}
    for pair in parts.query.split("&"):
        assert_strictly_encoded(pair.partition("=")[2])


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("title", TITLES, ids=range(len(TITLES)))
def test_email_follows_rfc_6068(title: str, url: str) -> None:
    href = by_name(title, url)["email"]
    assert read_mailto(href) == ("", {"subject": title, "body": url})
    # Spaces are %20 (never "+"), and & # = ? are escaped inside the values.
    for hfield in href.removeprefix("mailto:?").split("&"):
        assert_strictly_encoded(hfield.partition("=")[2])
    if " " in title:
        assert "%20" in href and "+" not in href


def test_links_follow_the_chosen_order_and_pinterest_needs_an_image() -> None:
    links = share_links("T", "https://b.example/t/", None, ["email", "pinterest", "x"])
    assert [(link.name, link.label) for link in links] == [("email", "Email"), ("x", "X")]
    with_image = share_links("T", "https://b.example/t/", IMAGE, ["pinterest"])
    assert [link.name for link in with_image] == ["pinterest"]


def test_every_network_is_offered_by_default_and_tested_here() -> None:
    assert sorted(DEFAULT_NETWORKS) == sorted(NETWORKS) == sorted([*EXPECTED, "email"])
