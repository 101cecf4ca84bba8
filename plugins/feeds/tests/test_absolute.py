"""Addresses in an item's HTML made absolute for readers far from the site:
in tags only, quoted or not, srcset candidates one by one, fragments kept
on the item's page, other schemes left alone."""

from __future__ import annotations

import pytest

from comptoir.plugins.feeds.absolute import absolute_html, absolute_url

SITE = "https://b.example"
PAGE = "histoires/pain/"

CASES = [
    ('<a href="../levain/">x</a>', '<a href="https://b.example/histoires/levain/">x</a>'),
    ('<img src="/images/a.jpg" alt="">', '<img src="https://b.example/images/a.jpg" alt="">'),
    ("<img src=/images/a.jpg alt='x'>", "<img src=\"https://b.example/images/a.jpg\" alt='x'>"),
    ('<A HREF = "z/">z</A>', '<A HREF="https://b.example/histoires/pain/z/">z</A>'),
    ('<a href="#fn:1">1</a>', '<a href="https://b.example/histoires/pain/#fn:1">1</a>'),
    (
        '<source srcset="/i/a-480.jpg 480w, /i/a-800.jpg 800w">',
        '<source srcset="https://b.example/i/a-480.jpg 480w, https://b.example/i/a-800.jpg 800w">',
    ),
    (
        '<video poster="p.jpg"></video>',
        '<video poster="https://b.example/histoires/pain/p.jpg"></video>',
    ),
    ('<blockquote cite="/avis/">', '<blockquote cite="https://b.example/avis/">'),
    (
        '<a href="?p=2&amp;q=1">r</a>',
        '<a href="https://b.example/histoires/pain/?p=2&amp;q=1">r</a>',
    ),
    # Left as they are: other sites, other schemes, words that only look like attributes.
    ('<a href="https://x.org/?a=1&amp;b=2">q</a>', '<a href="https://x.org/?a=1&amp;b=2">q</a>'),
    ('<a href="mailto:a@b.example">m</a>', '<a href="mailto:a@b.example">m</a>'),
    ('<a href="tel:+33400000000">t</a>', '<a href="tel:+33400000000">t</a>'),
    ('<code>&lt;a href="y.html"&gt;</code>', '<code>&lt;a href="y.html"&gt;</code>'),
    ('<p>Use href="y.html" here</p>', '<p>Use href="y.html" here</p>'),
    (
        '<a title="a src=b > c" href="k/">k</a>',
        '<a title="a src=b > c" href="https://b.example/histoires/pain/k/">k</a>',
    ),
    ('<img data-src="lazy.jpg">', '<img data-src="lazy.jpg">'),
]


@pytest.mark.parametrize(("given", "wanted"), CASES)
def test_every_address_in_a_tag_is_made_absolute(given: str, wanted: str) -> None:
    assert absolute_html(given, SITE, PAGE) == wanted


def test_absolute_url_against_the_site_and_a_page() -> None:
    assert absolute_url("images/a.jpg", SITE) == "https://b.example/images/a.jpg"
    assert absolute_url("a.jpg", SITE, "temoignages/") == "https://b.example/temoignages/a.jpg"
    assert absolute_url("//cdn.example/a.js", SITE) == "https://cdn.example/a.js"
    assert absolute_url("HTTPS://X.example/", SITE) == "HTTPS://X.example/"
