"""The head's search and social tags: canonical, robots, Open Graph, hreflang."""

import re

from PIL import Image

PROD = 'SITEURL = "https://boulangerie.example"\n'
STORY = (
    "Title: Un pain & du « levain »\nDate: 2025-03-01 08:00\nModified: 2025-04-02 09:00\n"
    "Summary: Un résumé pour les moteurs de recherche, assez long pour être utile.\n"
    "Tags: levain, farine\nImage: images/pain.jpg\nImage_alt: Une miche\n\nTexte.\n"
)


def head(html: str) -> str:
    """The search/social part of the head, one tag a line."""
    part = html.split("<head>", 1)[1].split("<style>", 1)[0]
    tags = re.findall(
        r"<(?:meta (?:property|name)=\"(?:og:|article:|twitter:|robots|fedi|google)[^>]*|"
        r"link rel=\"(?:canonical|alternate)\"[^>]*)>",
        part,
    )
    return "\n".join(tags) + "\n"


def site_with_story(make_site, settings: str = PROD):
    site = make_site(
        {
            "content/stories/un.md": STORY,
            "content/stories/un-en.md": "Title: One\nDate: 2025-03-01 08:00\nSlug: un\nLang: en\n"
            "Translation: true\n\nText.\n",
        },
        settings=settings,
    )
    (site.root / "content/images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1800, 1000), "tan").save(site.root / "content/images/pain.jpg")
    return site


def test_story_head_is_golden(make_site, golden) -> None:
    site = site_with_story(
        make_site,
        PROD + 'SEO_FEDIVERSE_CREATOR = "@pain@piaille.fr"\n'
        'SEO_VERIFICATION = {"google-site-verification": "abc"}\n',
    )
    assert site.build().ok
    golden("head/story.txt", head(site.page("histoires/un/index.html")))
    golden("head/home.txt", head(site.page("index.html")))


def test_development_builds_are_noindex_without_canonical(make_site) -> None:
    site = site_with_story(make_site, "")
    assert site.build().ok
    page = site.page("histoires/un/index.html")
    assert '<meta name="robots" content="noindex">' in page
    assert 'rel="canonical"' not in page


def test_404_is_never_indexed(make_site) -> None:
    site = site_with_story(make_site)
    assert site.build().ok
    page = site.page("404.html")
    assert '<meta name="robots" content="noindex">' in page and "og:url" not in page
