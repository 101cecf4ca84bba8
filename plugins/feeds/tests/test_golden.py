"""The site's RSS, Atom and JSON Feed for a small site, byte for byte
(tests/golden/feeds/): a change in what readers receive shows as a diff to
review. Refresh with ``COMPTOIR_UPDATE_GOLDENS=1`` after checking it."""

from __future__ import annotations

import shutil

PROD = """
SITEURL = "https://b.example"
SITESUBTITLE = "Pain au levain, Lyon"
BRAND = {"primary": "#8a3b12", "on_primary": "#ffffff", "background": "#fffaf3",
         "text": "#2b1d14", "icon": "images/icon.svg"}
"""
ICON = """
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">
  <circle cx="5" cy="5" r="4" fill="#8a3b12"/>
</svg>
"""
FILES = {
    "rss.xml": "site.rss.xml",
    "atom.xml": "site.atom.xml",
    "feed.json": "site.feed.json",
    "etiquettes/farine/rss.xml": "tag-farine.rss.xml",
    "temoignages/atom.xml": "testimonials.atom.xml",
}


def test_feeds_of_a_small_site_match_their_goldens(feeds_site, golden) -> None:
    site = feeds_site({"content/images/icon.svg": ICON}, PROD)
    result = site.build()
    assert result.ok, site.messages(result)
    for path, name in FILES.items():
        golden(f"feeds/{name}", site.page(path))


def test_two_builds_of_the_same_content_give_the_same_bytes(feeds_site) -> None:
    """No build date, no reading order, no set order: a reader polling the
    feed sees no change when nothing changed."""
    site = feeds_site({"content/images/icon.svg": ICON}, PROD)
    assert site.build().ok
    feeds = sorted(
        p for p in site.output.rglob("*") if p.name in ("rss.xml", "atom.xml", "feed.json")
    )
    first = {p: p.read_bytes() for p in feeds}
    # The site's three, two for each kind of content and for each of the four tags.
    assert len(first) == 3 + 2 * 3 + 2 * 4
    # As on another machine: no cache from the first build.
    shutil.rmtree(site.root / "cache", ignore_errors=True)
    assert site.build().ok
    assert {p: p.read_bytes() for p in feeds} == first
