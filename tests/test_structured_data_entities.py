"""The structured data's main nodes, on every page of the example site:
the business (address, geo, opening hours, phone, SIRET, social links,
logo), articles and recipes (images in the three crops, authors, dates,
durations, yield, ingredients, steps that are on the page) and videos.

The pages come from the session fixture ``structured_site`` (conftest.py),
built once and shared with test_structured_data.py, which says how the
site is built and checks the graph as a whole.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from lxml import html as lxml_html
from PIL import Image

from comptoir.plugins.business.hours import parse_hours
from tests.structured_profiles import (
    ADDRESS,
    ARTICLE,
    ARTICLE_TYPES,
    AUTHOR,
    GEO,
    HOW_TO_STEP,
    LOCAL_BUSINESS,
    MAIN_TYPES,
    OPENING,
    RATIOS,
    RECIPE,
    VIDEO,
)
from tests.structured_support import (
    Built,
    Page,
    as_list,
    check,
    empty,
    fail_if,
    local_time,
    minutes,
    output_file,
    resolve,
    same_text,
    types,
)


def test_business_node(structured_site: Built) -> None:
    settings = structured_site.settings
    info, brand = settings["BUSINESS"], settings.get("BRAND", {})
    data = {"business": info, "brand": brand}
    problems = []
    for page in structured_site.pages:
        nodes = page.of_type(info.get("type", "Organization"))
        if not nodes:
            continue  # reported by test_page_nodes_and_main_entity_per_page_type
        node, what = nodes[0], info.get("type", "Organization")
        problems += check(page, node, LOCAL_BUSINESS, data, what)
        problems += check(page, node.get("address"), ADDRESS, data, f"{what}.address")
        if info.get("geo"):
            problems += check(page, node.get("geo"), GEO, data, f"{what}.geo")
        for n, spec in enumerate(as_list(node.get("openingHoursSpecification"))):
            problems += check(page, spec, OPENING, data, f"{what}.openingHoursSpecification[{n}]")
        openings = parse_hours(info["opening_hours"]) if info.get("opening_hours") else ()
        ranges = sum(len(o.ranges) for o in openings)
        if len(as_list(node.get("openingHoursSpecification"))) != ranges:
            problems.append(f"{page.name}: {what} has not one OpeningHoursSpecification per range")
        if info.get("phone") and not re.fullmatch(r"\+\d{8,15}", str(node.get("telephone"))):
            problems.append(
                f"{page.name}: {what}.telephone {node.get('telephone')!r} not international"
            )
        siret = re.sub(r"\D", "", str(info.get("siret") or ""))
        if siret and node.get("iso6523Code") != f"0009:{siret}":
            problems.append(f"{page.name}: {what}.iso6523Code {node.get('iso6523Code')!r}")
        if as_list(node.get("sameAs")) != list(info.get("social") or []):
            problems.append(f"{page.name}: {what}.sameAs is not BUSINESS['social']")
        logo = resolve(page, node.get("logo"))
        if isinstance(logo, dict):
            file = output_file(structured_site, logo.get("url", ""))
            size = Image.open(file).size if file and file.is_file() else (0, 0)
            if min(size) < 112 or size != (logo.get("width"), logo.get("height")):
                problems.append(
                    f"{page.name}: {what}.logo is {size}, declared "
                    f"{logo.get('width')}x{logo.get('height')}, want >= 112 px"
                )
    fail_if(problems)


def image_problems(site: Built, page: Page, node: dict[str, Any], what: str) -> list[str]:
    """At least one image of 50,000 pixels or more; with a cover, 16:9, 4:3 and 1:1."""
    problems, ratios = [], set()
    images = [resolve(page, i) for i in as_list(node.get("image"))]
    if not images:
        return [f"{page.name}: {what} has no image"]
    for image in images:
        url = image.get("url") if isinstance(image, dict) else image
        file = output_file(site, str(url))
        if file is None or not file.is_file():
            problems.append(f"{page.name}: {what}.image {url} is not in the output")
            continue
        size = Image.open(file).size
        declared = (image.get("width"), image.get("height")) if isinstance(image, dict) else size
        if declared != size:
            problems.append(f"{page.name}: {what}.image {url} declares {declared}, file is {size}")
        if size[0] * size[1] < 50_000:
            problems.append(f"{page.name}: {what}.image {url} is {size}: under 50,000 pixels")
        ratios |= {name for name, r in RATIOS.items() if abs(size[0] / size[1] - r) < 0.01 * r}
    if page.source.get("image") and ratios != set(RATIOS):
        missing = sorted(set(RATIOS) - ratios)
        problems.append(f"{page.name}: {what}.image lacks the {missing} crop(s) of the cover")
    return problems


def test_articles_and_recipes(structured_site: Built) -> None:
    zone = ZoneInfo(structured_site.settings["TIMEZONE"])
    problems = []
    for page in structured_site.pages:
        if page.kind not in MAIN_TYPES or not page.of_type(MAIN_TYPES[page.kind]):
            continue
        what = MAIN_TYPES[page.kind]
        node, meta = page.of_type(what)[0], page.source
        profile = RECIPE if what == "Recipe" else ARTICLE
        problems += check(page, node, profile, meta, what)
        problems += image_problems(structured_site, page, node, what)
        for n, author in enumerate(as_list(node.get("author"))):
            problems += check(page, author, AUTHOR, meta, f"{what}.author[{n}]")
        if "WebPage" not in types(resolve(page, node.get("mainEntityOfPage")) or {}):
            problems.append(f"{page.name}: {what}.mainEntityOfPage does not point to the WebPage")
        business = structured_site.settings["BUSINESS"].get("type", "Organization")
        if business not in types(resolve(page, node.get("publisher")) or {}):
            problems.append(f"{page.name}: {what}.publisher is not the business node")
        published = local_time(meta["date"], zone)
        modified = local_time(meta.get("modified") or meta["date"], zone)
        for prop, want in (("datePublished", published), ("dateModified", modified)):
            if node.get(prop) and dt.datetime.fromisoformat(node[prop]) != want:
                problems.append(
                    f"{page.name}: {what}.{prop} {node[prop]} is not {want.isoformat()}"
                )
        if what == "Recipe":
            problems += recipe_problems(page, node, meta)
    fail_if(problems)


def recipe_problems(page: Page, node: dict[str, Any], meta: dict[str, Any]) -> list[str]:
    problems = []
    for prop, key in (
        ("prepTime", "prep_time"),
        ("cookTime", "cook_time"),
        ("totalTime", "duration"),
    ):
        if meta.get(key) and node.get(prop) and minutes(node[prop]) != minutes(meta[key]):
            problems.append(f"{page.name}: Recipe.{prop} {node[prop]} is not {meta[key]!r}")
    if node.get("recipeYield") and not same_text(str(node["recipeYield"]), meta.get("yield", "")):
        problems.append(
            f"{page.name}: Recipe.recipeYield {node.get('recipeYield')!r} is not {meta.get('yield')!r}"
        )
    supplies = [s for s in meta.get("supplies", "").split(";") if s.strip()]
    if len(as_list(node.get("recipeIngredient"))) != len(supplies):
        problems.append(f"{page.name}: Recipe.recipeIngredient is not the {len(supplies)} Supplies")
    # The steps the reader sees: the first ordered list, or headings marked "step".
    tree = lxml_html.fromstring(page.html)
    headings = tree.xpath('//*[contains(concat(" ", @class, " "), " step ")]')
    shown = headings or tree.xpath('//ol[contains(concat(" ", @class, " "), " steps ")]/li')
    steps = as_list(node.get("recipeInstructions"))
    if len(steps) != len(shown):
        problems.append(
            f"{page.name}: Recipe has {len(steps)} HowToStep, the page shows {len(shown)}"
        )
    ids = set(tree.xpath("//@id"))
    for n, step in enumerate(steps, start=1):
        what = f"Recipe.recipeInstructions[{n}]"
        if "HowToStep" not in types(step):
            problems.append(f"{page.name}: {what} is not a HowToStep")
        problems += check(page, step, HOW_TO_STEP, meta, what)
        if headings and empty(step.get("name")):
            problems.append(f"{page.name}: {what} lacks recommended property 'name' (a heading)")
        url = str(step.get("url", ""))
        if url and not (url.startswith(page.url + "#") and url.partition("#")[2] in ids):
            problems.append(f"{page.name}: {what}.url {url} is not an anchor of the page")
    return problems


def test_videos(structured_site: Built) -> None:
    problems = []
    for page in structured_site.pages:
        videos = page.of_type("VideoObject")
        if page.source.get("video") and not videos:
            problems.append(f"{page.name}: the content has a Video, the graph no VideoObject")
        for video in videos:
            problems += check(page, video, VIDEO, page.source, "VideoObject")
            for url in as_list(video.get("thumbnailUrl")):
                file = output_file(structured_site, str(url))
                size = Image.open(file).size if file and file.is_file() else (0, 0)
                if size[0] < 60 or size[1] < 30:
                    problems.append(f"{page.name}: VideoObject.thumbnailUrl {url} is {size}")
            main = page.of_type(*ARTICLE_TYPES)
            if main and resolve(page, main[0].get("video")) is not video:
                problems.append(f"{page.name}: the main entity's 'video' is not the VideoObject")
    fail_if(problems)
