"""The head's search and social tags: canonical, robots, Open Graph, hreflang."""

import json
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


RECIPE = (
    "Title: Pain de seigle\nDate: 2025-03-02 08:00\nKind: recipe\nSummary: Un pain de seigle au "
    "levain, dense et parfumé, qui se garde une semaine.\nPrep_time: 30 min\nCook_time: 50 min\n"
    "Duration: 14 h\nYield: 2 pains\nSupplies: 500 g de farine de seigle; 350 g d'eau; 10 g de sel\n"
    "Image: images/pain.jpg\nImage_alt: Un pain de seigle\nVideo: https://www.youtube.com/watch?v=abc123DEF45\n"
    "\n1. Mélanger la farine et l'eau.\n2. Laisser pousser 12 h.\n3. Cuire 50 minutes.\n"
)
HOWTO = (
    "Title: Entretenir son levain\nDate: 2025-03-03 08:00\nKind: howto\nSummary: Nourrir son levain "
    "chaque semaine pour qu'il reste vif : la méthode du fournil.\nDuration: 10 min\n"
    "Tools: un bocal; une balance\n\n1. Jeter la moitié.\n2. Nourrir farine et eau.\n"
)


def head_and_graph(html: str) -> str:
    """The head's tags, then its JSON-LD graph, indented for a readable diff."""
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)
    graph = json.dumps(json.loads(found.group(1)), indent=1, ensure_ascii=False)
    return head(html) + graph + "\n"


def site_with_story(make_site, settings: str = PROD):
    site = make_site(
        {
            "content/tutorials/pain-de-seigle.md": RECIPE,
            "content/tutorials/entretenir-son-levain.md": HOWTO,
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
    result = site.build()
    assert result.ok, site.messages(result)
    golden("head/story.txt", head_and_graph(site.page("histoires/un/index.html")))
    golden("head/home.txt", head_and_graph(site.page("index.html")))
    golden("head/recipe.txt", head_and_graph(site.page("tutoriels/pain-de-seigle/index.html")))
    golden(
        "head/howto.txt", head_and_graph(site.page("tutoriels/entretenir-son-levain/index.html"))
    )


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
