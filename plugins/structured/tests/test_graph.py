"""The JSON-LD graph of each kind of page, read back as a crawler would."""

from __future__ import annotations

import datetime as dt
import json
import re

from comptoir.plugins.structured.graph import international_phone, iso_duration

PROD = 'SITEURL = "https://b.example"\n'
RECIPE = """\
Title: Pain de campagne
Date: 2025-03-01 08:00
Summary: Un pain au levain pour la maison, avec une nuit de pousse au frais.
Kind: recipe
Prep_time: 40 min
Cook_time: 45 min
Duration: 18 h
Yield: 1 pain
Supplies: 500 g de farine; 350 g d'eau
Video: https://www.youtube.com/watch?v=dQw4w9WgXcQ

1. Mélangez.
2. Cuisez.
"""


def graph(html: str) -> dict[str, dict]:
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    nodes = json.loads(data)["@graph"]
    return {node["@type"]: node for node in nodes}


def test_recipe_page_graph(make_site) -> None:
    site = make_site({"content/tutorials/pain.md": RECIPE}, settings=PROD)
    assert site.build().ok
    nodes = graph(site.page("tutoriels/pain/index.html"))
    assert {"WebSite", "Bakery", "WebPage", "BreadcrumbList", "Recipe", "VideoObject"} <= set(nodes)
    recipe = nodes["Recipe"]
    assert recipe["recipeIngredient"] == ["500\u00a0g de farine", "350\u00a0g d’eau"]
    assert [s["text"] for s in recipe["recipeInstructions"]] == ["Mélangez.", "Cuisez."]
    assert (recipe["prepTime"], recipe["cookTime"], recipe["totalTime"]) == (
        "PT40M",
        "PT45M",
        "PT18H",
    )
    assert recipe["recipeYield"] == "1 pain"
    assert recipe["publisher"] == {"@id": "https://b.example/#business"}
    assert nodes["VideoObject"]["embedUrl"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    crumbs = [c["name"] for c in nodes["BreadcrumbList"]["itemListElement"]]
    assert crumbs == ["Accueil", "Tutoriels", "Pain de campagne"]


def test_story_is_a_blogposting_and_nothing_reviews_the_business(make_site) -> None:
    site = make_site(
        {
            "content/stories/un.md": "Title: Un\nDate: 2025-03-01\nTags: levain\n\nx\n",
            "content/testimonials/anne.md": "Name: Anne\nDate: 2025-03-01\nConsent: 2025-03-01\n"
            "Rating: 5\n\nTrès bon.\n",
        },
        settings=PROD,
    )
    assert site.build().ok
    for page in ("histoires/un/index.html", "temoignages/index.html", "index.html"):
        html = site.page(page)
        assert "Review" not in html.split("ld+json")[1] and "AggregateRating" not in html
    assert graph(site.page("histoires/un/index.html"))["BlogPosting"]["keywords"] == "levain"


def test_no_value_can_close_the_script(make_site) -> None:
    site = make_site(
        {
            "content/stories/un.md": "Title: </script><!--<script>alert(1)</script>\n"
            "Date: 2025-03-01\n\nx\n",
        },
        settings=PROD,
    )
    assert site.build().ok
    html = site.page("histoires/un/index.html")
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<" not in data and ">" not in data
    assert json.loads(data)["@graph"][-1]["headline"].startswith("</script><!--<script>")


def test_values_in_schema_org_form() -> None:
    assert iso_duration(dt.timedelta(hours=1, minutes=30)) == "PT1H30M"
    assert iso_duration(dt.timedelta(minutes=45)) == "PT45M"
    assert international_phone("04 65 71 12 34", "FR") == "+33465711234"
    assert international_phone("+32 2 123 45 67", "BE") == "+3221234567"


def test_a_hostile_testimonial_name_breaks_out_of_no_script(make_site) -> None:
    """The name travels to the story, the wall, the embed card, its snippet
    and the oEmbed file: nowhere may it open or close a script."""
    hostile = "</script><!--<script>alert(1)</script>"
    site = make_site(
        {
            "content/stories/un.md": "Title: Un\nDate: 2025-03-01\nTestimonials: anne\n\nx\n",
            "content/testimonials/anne.md": f"Name: {hostile}\nDate: 2025-03-02\n"
            "Consent: 2025-03-02\nAbout: un\n\nTrès bon pain.\n",
        },
        settings=PROD,
    )
    result = site.build()
    assert result.ok, site.messages(result)
    pages = sorted(site.output.rglob("*.html"))
    shown = [p for p in pages if "alert(1)" in p.read_text(encoding="utf-8")]
    assert len(shown) >= 3, shown  # the story, the wall and the card show the name
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<!--<script>" not in html, path
        for data in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            json.loads(data)  # each graph is whole: nothing closed it early
    for path in site.output.rglob("oembed.json"):
        json.loads(path.read_text(encoding="utf-8"))
