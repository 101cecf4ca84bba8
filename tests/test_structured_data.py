"""Every page of the example site, read by a real JSON-LD extractor (extruct)
and checked against Google's required and recommended properties per type.

Issue 4: one ``@graph`` per page linked by ``@id``, every URL absolute, and
"every property that Google lists as required or recommended for these types
is present when the content has it". A recommended property is expected when
the page's source (its Markdown header, or the business profile in the
settings) holds the data; the ones our content contract cannot hold are listed
as not applicable, with the reason (structured_profiles.py).

The site is built once, with the production settings (publishconf.py: absolute
URLs under https://www.lesdeuxepis.example), into a temporary folder: the
session fixture ``structured_site`` (conftest.py), shared with
test_structured_data_entities.py. This module checks the graph as a whole: every
page read, one graph with resolved references, absolute URLs that exist, the
nodes each kind of page has, breadcrumbs, durations, dates and no reviews;
the other checks the business, articles, recipes and videos node by node.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from lxml import html as lxml_html

from tests.structured_profiles import (
    ARTICLE_TYPES,
    BREADCRUMB,
    DATE_KEYS,
    DURATION_KEYS,
    ISO_DURATION,
    LIST_ITEM,
    MAIN_TYPES,
    URL_KEYS,
    WEBPAGE_TYPES,
)
from tests.structured_support import (
    Built,
    as_list,
    check,
    empty,
    fail_if,
    output_file,
    resolve,
    types,
    walk,
)


def test_every_page_is_read(structured_site: Built) -> None:
    """The pages come from the content (no vacuous pass), each with its page."""
    built = {p.path for p in structured_site.pages}
    fail_if(
        [
            f"/{path}: no page built for this content"
            for path, _ in structured_site.sources
            if path not in built
        ]
    )
    kinds = [p.kind for p in structured_site.pages]
    assert kinds.count("story") >= 7 and kinds.count("recipe") >= 2 and kinds.count("howto") >= 1
    assert kinds.count("page") >= 4 and kinds.count("list") >= 4


def test_one_graph_per_page_with_resolved_references(structured_site: Built) -> None:
    problems = []
    for page in structured_site.pages:
        if len(page.blocks) != 1 or "@graph" not in page.blocks[0]:
            problems.append(f"{page.name}: {len(page.blocks)} JSON-LD blocks, want one with @graph")
            continue
        ids = [n.get("@id") for n in page.graph]
        if None in ids or len(set(ids)) != len(ids):
            problems.append(f"{page.name}: every node needs its own @id: {ids}")
        for where, _key, value in walk(page.graph):
            if isinstance(value, dict) and set(value) == {"@id"} and value["@id"] not in page.nodes:
                problems.append(f"{page.name}: {where} points to {value['@id']}, not in the graph")
    fail_if(problems)


def test_urls_are_absolute_and_exist(structured_site: Built) -> None:
    problems = []
    for page in structured_site.pages:
        for where, key, value in walk(page.graph):
            image = key in ("image", "logo") and isinstance(value, str | list)
            if key not in URL_KEYS and not image:
                continue
            for url in as_list(value):
                if not isinstance(url, str):
                    continue
                parts = urlsplit(url)
                if parts.scheme not in ("http", "https") or not parts.netloc:
                    problems.append(f"{page.name}: {where}.{key} is not absolute: {url!r}")
                    continue
                file = output_file(structured_site, url)
                if key != "@id" and file is not None and not file.is_file():
                    problems.append(f"{page.name}: {where}.{key} {url} is not in the output")
        canonical = lxml_html.fromstring(page.html).xpath('//link[@rel="canonical"]/@href')
        if canonical != [page.url]:
            problems.append(f"{page.name}: canonical {canonical}, want [{page.url!r}]")
    fail_if(problems)


def test_page_nodes_and_main_entity_per_page_type(structured_site: Built) -> None:
    """WebSite, the business, WebPage and BreadcrumbList everywhere; then
    BlogPosting for stories, Recipe for recipes, Article for how-tos, else none."""
    business = structured_site.settings["BUSINESS"].get("type", "Organization")
    problems = []
    for page in structured_site.pages:
        for wanted in ("WebSite", business, "BreadcrumbList"):
            if len(page.of_type(wanted)) != 1:
                problems.append(
                    f"{page.name}: want one {wanted} node, found {len(page.of_type(wanted))}"
                )
        webpages = page.of_type(*WEBPAGE_TYPES)
        if len(webpages) != 1:
            problems.append(f"{page.name}: want one WebPage node, found {len(webpages)}")
        else:
            webpage = webpages[0]
            if webpage.get("url") != page.url:
                problems.append(f"{page.name}: WebPage.url {webpage.get('url')!r} is not the page")
            for prop, target in (("isPartOf", "WebSite"), ("breadcrumb", "BreadcrumbList")):
                if target not in types(resolve(page, webpage.get(prop)) or {}):
                    problems.append(f"{page.name}: WebPage.{prop} does not point to the {target}")
            if empty(webpage.get("name")):
                problems.append(f"{page.name}: WebPage lacks 'name'")
            lang = lxml_html.fromstring(page.html).get("lang")
            if webpage.get("inLanguage") != lang:
                problems.append(f"{page.name}: WebPage.inLanguage is not the page's {lang!r}")
        found = sorted({t for n in page.graph for t in types(n)} & ARTICLE_TYPES)
        wanted_main = [MAIN_TYPES[page.kind]] if page.kind in MAIN_TYPES else []
        if found != wanted_main:
            problems.append(f"{page.name} ({page.kind}): main entity {found}, want {wanted_main}")
    fail_if(problems)


def test_breadcrumbs(structured_site: Built) -> None:
    problems = []
    for page in structured_site.pages:
        for trail in page.of_type("BreadcrumbList"):
            problems += check(page, trail, BREADCRUMB, page.source, "BreadcrumbList")
            items = as_list(trail.get("itemListElement"))
            if page.path != "index.html" and len(items) < 2:
                problems.append(f"{page.name}: BreadcrumbList has {len(items)} item(s), want >= 2")
            for n, item in enumerate(items, start=1):
                what = f"BreadcrumbList.itemListElement[{n}]"
                problems += check(page, item, LIST_ITEM, page.source, what)
                if item.get("position") != n:
                    problems.append(f"{page.name}: {what}.position is {item.get('position')!r}")
                if n < len(items) and empty(item.get("item")):
                    problems.append(f"{page.name}: {what} lacks required property 'item'")
                if n == len(items) and item.get("item") not in (None, page.url):
                    problems.append(f"{page.name}: the last crumb is not this page")
    fail_if(problems)


def test_durations_dates_and_no_reviews(structured_site: Built) -> None:
    problems = []
    for page in structured_site.pages:
        for where, key, value in walk(page.graph):
            if key in DURATION_KEYS and not ISO_DURATION.match(str(value)):
                problems.append(f"{page.name}: {where}.{key} {value!r} is not an ISO 8601 duration")
            if key in DATE_KEYS:
                try:
                    zoned = dt.datetime.fromisoformat(str(value)).tzinfo is not None
                except ValueError:
                    zoned = False
                if not zoned:
                    problems.append(
                        f"{page.name}: {where}.{key} {value!r} is not a date with a zone"
                    )
            if key in ("review", "reviews", "aggregateRating") or (
                key == "@type" and set(as_list(value)) & {"Review", "AggregateRating"}
            ):
                problems.append(f"{page.name}: {where}.{key}: no Review or AggregateRating allowed")
    fail_if(problems)
