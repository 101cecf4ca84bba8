"""The subscribe page (page.py, subscribe.html): where it lives, that it lists
every feed the build wrote, its footer link, its settings; and the RSS files'
optional stylesheet (rss.xsl)."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from comptoir.plugins.feeds.page import stylesheet_url

ROOT = Path(__file__).resolve().parents[3]
SITE = "https://b.example"
PROD = f'SITEURL = "{SITE}"\n'
FILES = {
    "content/stories/un.md": "Title: Un pain\nDate: 2025-03-01\nTags: levain, fêtes\n\nTexte.\n",
    "content/tutorials/deux.md": "Title: Deux\nDate: 2025-03-02\nTags: levain\n\nTexte.\n",
    "content/testimonials/jo.md": (
        "Name: Jo B.\nDate: 2025-02-25\nConsent: 2025-02-26\n\nLa meilleure baguette.\n"
    ),
}


def built(make_site, settings: str = PROD, **files: str):
    site = make_site({**FILES, **files}, settings)
    result = site.build()
    assert result.ok, site.messages(result)
    return site


def boxes(page: str) -> list[str]:
    """The addresses in the page's read-only boxes."""
    return re.findall(
        r'<input id="c-feed-[^"]*" class="feed-address__text"[^>]*value="([^"]*)"', page
    )


def shown(page: str) -> list[str]:
    """Every feed address the page gives: in a box, or as a tag's link."""
    tags = page.split('<ul class="feed__tags">', 1)[-1].split("</ul>", 1)[0]
    return boxes(page) + re.findall(r'<a href="([^"]+)" type="application/rss\+xml">', tags)


def written(output: Path) -> set[str]:
    """Every feed the build wrote, as a reader would be given it."""
    paths = [p.relative_to(output).as_posix() for p in output.rglob("rss.xml")]
    return {f"{SITE}/{p}" for p in paths} | {f"{SITE}/atom.xml", f"{SITE}/feed.json"}


def test_french_page_lists_every_feed_with_a_hidden_copy_button(make_site) -> None:
    site = built(make_site)
    page = site.page("s-abonner/index.html")
    addresses = shown(page)
    assert len(addresses) == len(set(addresses))
    assert set(addresses) == written(site.output)
    assert {f"{SITE}/temoignages/rss.xml", f"{SITE}/etiquettes/fetes/rss.xml"} <= set(addresses)
    # One button a box, each hidden until embed-code.js finds a clipboard;
    # the tags' feeds are links (a box each would make a wall of buttons).
    buttons = re.findall(
        r'<button type="button" class="button" data-copy="([^"]+)"( hidden)?>', page
    )
    assert len(buttons) == len(boxes(page)) == len(addresses) - 2
    assert all(hidden for _, hidden in buttons)
    assert page.count('role="status"') == len(buttons)
    assert '<script src="https://b.example/theme/js/embed-code.js" defer></script>' in page
    # In French, for the shop's customers.
    assert "<h1>S’abonner</h1>" in page
    assert "Un flux vous permet de suivre nos nouvelles histoires" in page
    assert ">Copier<" in page and 'data-copied="Adresse copiée"' in page
    assert "Copy<" not in page and "Subscribe" not in page
    assert 'href="https://netnewswire.com/"' in page
    # A page like the others: canonical address, title, description.
    assert '<link rel="canonical" href="https://b.example/s-abonner/">' in page
    assert "<title>S’abonner · Test</title>" in page


def test_footer_links_to_the_page(make_site) -> None:
    site = built(make_site)
    link = '<a href="https://b.example/s-abonner/">S’abonner</a>'
    for path in ("index.html", "histoires/un/index.html", "s-abonner/index.html"):
        assert link in site.page(path), path


def test_english_site_has_its_page_at_subscribe(make_site) -> None:
    site = built(make_site, PROD + 'DEFAULT_LANG = "en"\n')
    assert not (site.output / "s-abonner").exists()
    page = site.page("subscribe/index.html")
    assert set(shown(page)) == written(site.output)
    assert f"{SITE}/stories/rss.xml" in shown(page)
    assert "<h1>Subscribe</h1>" in page and ">Copy<" in page
    assert "A feed lets you follow our new stories" in page
    assert '<a href="https://b.example/subscribe/">Subscribe</a>' in site.page("index.html")


def test_no_feed_no_page_no_link(make_site) -> None:
    site = built(make_site, PROD + "FEEDS = []\n")
    assert not (site.output / "s-abonner").exists()
    assert "s-abonner" not in site.page("index.html")


def test_owner_chooses_the_address_or_no_page(make_site) -> None:
    site = built(make_site, PROD + 'FEEDS_PAGE_URL = "suivre/"\n')
    assert shown(site.page("suivre/index.html"))
    assert '<a href="https://b.example/suivre/">' in site.page("index.html")
    assert not (site.output / "s-abonner").exists()
    site = built(make_site, PROD + "FEEDS_PAGE_URL = False\n")
    assert not (site.output / "s-abonner").exists()
    assert "s-abonner" not in site.page("index.html")


@pytest.mark.parametrize("value", ['"histoires/"', '"Suivre/"', '"a/b/"', '"suivre"', "3", "True"])
def test_page_address_is_checked(make_site, value: str) -> None:
    site = make_site(FILES, PROD + f"FEEDS_PAGE_URL = {value}\n")
    result = site.build()
    assert not result.ok
    assert any("FEEDS_PAGE_URL" in m for m in site.messages(result))


def test_a_page_at_the_same_address_is_refused_with_its_file(make_site) -> None:
    site = make_site({**FILES, "content/pages/s-abonner.md": "Title: Abonnez-vous\n\nT.\n"}, PROD)
    result = site.build()
    assert not result.ok
    assert any("s-abonner.md" in m and "/s-abonner/" in m for m in site.messages(result))


# --- The RSS files' stylesheet: an extra, never the only way --------------------


def test_stylesheet_is_well_formed_xslt() -> None:
    xsl = etree.parse(str(ROOT / "theme/static/feeds/rss.xsl"))
    etree.XSLT(xsl)  # raises if it is not a stylesheet libxslt (Chromium's) accepts


def test_no_stylesheet_unless_asked(make_site) -> None:
    # Chromium now covers an XSLT page with a warning blaming the site: off by default.
    site = built(make_site)
    assert not any(b"xml-stylesheet" in p.read_bytes() for p in site.output.rglob("*.xml"))


def test_stylesheet_setting_is_checked(make_site) -> None:
    site = make_site(FILES, PROD + 'FEED_STYLESHEET = "yes"\n')
    result = site.build()
    assert not result.ok
    assert any("FEED_STYLESHEET" in m for m in site.messages(result))


def test_rss_points_at_the_stylesheet_and_still_reads(make_site) -> None:
    site = built(make_site, PROD + "FEED_STYLESHEET = True\n")
    for path in site.output.rglob("rss.xml"):
        data = path.read_bytes()
        head = data.split(b"\n")[:2]
        assert head[1] == (
            b'<?xml-stylesheet type="text/xsl" href="https://b.example/theme/feeds/rss.xsl"?>'
        ), path
        feed = feedparser.parse(data)
        assert feed.bozo == 0 and feed.version == "rss20" and feed.entries, path
    assert b"xml-stylesheet" not in (site.output / "atom.xml").read_bytes()
    assert (site.output / "theme/feeds/rss.xsl").is_file()


def test_stylesheet_shows_the_feed_as_a_page(make_site) -> None:
    site = built(make_site, PROD + "FEED_STYLESHEET = True\n")
    transform = etree.XSLT(etree.parse(str(site.output / "theme/feeds/rss.xsl")))
    page = str(transform(etree.parse(str(site.output / "rss.xml"))))
    assert '<html lang="fr">' in page
    assert "Ceci est un flux RSS." in page
    assert "<code>https://b.example/rss.xml</code>" in page
    assert '<a href="https://b.example/histoires/un/">Un pain</a>' in page
    assert "1er mars 2025" in page and "2 mars 2025" in page
    # Nothing but the site's own addresses: the page loads nothing from elsewhere.
    assert "<script" not in page
    assert all(u.startswith(SITE) for u in re.findall(r"https?://[^\"<\s]+", page))


def test_no_stylesheet_line_when_the_theme_has_none(tmp_path: Path) -> None:
    settings = {"THEME": str(tmp_path), "SITEURL": SITE, "THEME_STATIC_DIR": "theme"}
    settings["FEED_STYLESHEET"] = True
    assert stylesheet_url(settings) is None
    (tmp_path / "static/feeds").mkdir(parents=True)
    (tmp_path / "static/feeds/rss.xsl").write_text("<x/>", encoding="utf-8")
    assert stylesheet_url(settings) == f"{SITE}/theme/feeds/rss.xsl"
