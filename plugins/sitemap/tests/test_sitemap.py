"""sitemap.xml and robots.txt: only what search engines should index."""

import xml.etree.ElementTree as ET

from comptoir.plugins.sitemap.build import LIMIT, Entry, sitemap_files

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
    "i": "http://www.google.com/schemas/sitemap-image/1.1",
}
PROD = 'SITEURL = "https://boulangerie.example"\n'


def files():
    return {
        "content/stories/un.md": "Title: Un\nDate: 2025-03-01 08:00\nModified: 2025-04-02 09:00\n\nx\n",
        "content/stories/un-en.md": (
            "Title: One\nDate: 2025-03-01 08:00\nSlug: un\nLang: en\nTranslation: true\n\nx\n"
        ),
        "content/stories/brouillon.md": "Title: B\nDate: 2025-03-02\nStatus: draft\n\nx\n",
        "content/pages/contact.md": "Title: Contact\n\nx\n",
    }


def test_sitemap_lists_published_pages_with_lastmod_and_hreflang(make_site) -> None:
    site = make_site(files(), settings=PROD)
    assert site.build().ok
    first = (site.output / "sitemap.xml").read_bytes()
    root = ET.fromstring(first)
    urls = {u.findtext("s:loc", namespaces=NS): u for u in root.findall("s:url", NS)}
    assert set(urls) == {
        "https://boulangerie.example/",
        "https://boulangerie.example/histoires/un/",
        "https://boulangerie.example/en/stories/un/",
        "https://boulangerie.example/contact/",
    }
    story = urls["https://boulangerie.example/histoires/un/"]
    assert story.findtext("s:lastmod", namespaces=NS) == "2025-04-02T09:00:00+02:00"
    links = {(a.get("hreflang"), a.get("href")) for a in story.findall("x:link", NS)}
    assert links == {
        ("fr", "https://boulangerie.example/histoires/un/"),
        ("en", "https://boulangerie.example/en/stories/un/"),
        ("x-default", "https://boulangerie.example/histoires/un/"),
    }
    assert site.build().ok
    assert (site.output / "sitemap.xml").read_bytes() == first  # no build time inside
    robots = (site.output / "robots.txt").read_text()
    assert "Sitemap: https://boulangerie.example/sitemap.xml" in robots
    assert "GPTBot" not in robots


def test_ai_crawlers_can_be_refused(make_site) -> None:
    site = make_site(files(), settings=PROD + "ROBOTS_BLOCK_AI = True\n")
    assert site.build().ok
    robots = (site.output / "robots.txt").read_text()
    assert "User-agent: GPTBot" in robots and "User-agent: ClaudeBot" in robots
    assert robots.index("Disallow: /") < robots.index("User-agent: *")


def test_development_and_preview_builds_keep_crawlers_out(make_site) -> None:
    site = make_site(files())
    assert site.build().ok
    assert "Disallow: /" in (site.output / "robots.txt").read_text()
    assert not (site.output / "sitemap.xml").exists()
    preview = make_site(files(), settings=PROD + "COMPTOIR_PREVIEW = True\n")
    assert preview.build().ok
    assert not (preview.output / "sitemap.xml").exists()


def test_large_sites_get_an_index() -> None:
    entries = [Entry(f"https://b.example/{n}/") for n in range(LIMIT + 1)]
    made = sitemap_files(entries, "https://b.example")
    assert set(made) == {"sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"}
    index = ET.fromstring(made["sitemap.xml"].encode())
    assert [s.findtext("s:loc", namespaces=NS) for s in index] == [
        "https://b.example/sitemap-1.xml",
        "https://b.example/sitemap-2.xml",
    ]
    assert made["sitemap-2.xml"].count("<url>") == 1


def test_cover_and_text_images_are_listed(make_site) -> None:
    from PIL import Image

    site = make_site(
        {
            "content/stories/un.md": (
                "Title: Un\nDate: 2025-03-01\nImage: images/a.jpg\nImage_alt: A\n\n"
                "![B](../images/b.jpg)\n"
            ),
        },
        settings=PROD,
    )
    (site.root / "content/images").mkdir(parents=True, exist_ok=True)
    for name in ("a.jpg", "b.jpg"):
        Image.new("RGB", (600, 400), "tan").save(site.root / "content/images" / name)
    assert site.build().ok
    root = ET.fromstring((site.output / "sitemap.xml").read_bytes())
    story = next(
        u
        for u in root.findall("s:url", NS)
        if u.findtext("s:loc", namespaces=NS).endswith("/histoires/un/")
    )
    locs = [i.findtext("i:loc", namespaces=NS) for i in story.findall("i:image", NS)]
    assert [loc.split("/images/")[1].split("-")[0] for loc in locs] == ["a", "b"]
    assert all(loc.startswith("https://boulangerie.example/media/images/") for loc in locs)
