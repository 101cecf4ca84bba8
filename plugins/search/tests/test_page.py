"""The search page of the example site in headless Chromium, served with
the site's own headers (its real Content-Security-Policy): the query in the
address, results with the match marked, the count announced, filters that
narrow, typing that keeps the address in step, the English page, the
header's field and icon, and the archive with JavaScript off."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from comptoir.plugins.search.parts import LOADERS

pytestmark = pytest.mark.browser

RESULTS = ".search__results .search-result"


@pytest.fixture(scope="module", params=["whole", "parts"])
def site(request, example_output: Path, serve, example_builder, tmp_path_factory) -> str:
    """The example, its index whole, then in parts (plugins/search/parts.py)
    of 4 records: every test searches over both."""
    if request.param == "whole":
        return serve(example_output, headers=True)
    root = tmp_path_factory.mktemp("example-parts")
    output = example_builder(root, extra="SEARCH_PART_RECORDS = 4")
    page = (output / "recherche" / "index.html").read_text("utf-8")
    parts = re.search(r'data-pagefind-parts="([^"]+)"', page).group(1).split()
    assert len(parts) >= 3 and all((output / p.strip("/")).is_dir() for p in parts)
    return serve(output, headers=True)


def titles(visit) -> list[str]:
    return visit.page.locator(f"{RESULTS} .search-result__title").all_inner_texts()


# Waiting goes through Playwright's locators: its wait_for_function runs a
# string through eval(), which the site's real CSP refuses (as it should).
def status(visit) -> str:
    locator = visit.page.locator("[data-search-status]")
    expect(locator).not_to_be_empty()
    return locator.inner_text()


def test_the_query_in_the_address_opens_with_its_results(new_visit, site: str) -> None:
    with new_visit() as visit:
        visit.page.goto(site + "/recherche/?q=croissants")
        said = status(visit)
        count = visit.page.locator(RESULTS).count()
        assert said == f"{count}\u202frésultats pour «\u202fcroissants\u202f»." or said == (
            f"{count} résultats pour «\u202fcroissants\u202f»."
        )
        assert count >= 2
        assert "Comment tout a commencé" in titles(visit)
        first = visit.page.locator(RESULTS).filter(has_text="Comment tout a commencé")
        assert first.locator("mark").first.inner_text().lower().startswith("croissant")
        assert first.locator(".meta").inner_text().startswith("Histoire · ")
        assert re.search(r"\d{4}", first.locator("time").inner_text())
        assert first.locator("img.search-result__image").get_attribute("alt") == ""
        assert visit.page.input_value("#c-search-q") == "croissants"
        assert visit.errors == [] and visit.elsewhere == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_results_are_accessible(new_visit, site: str, scheme: str) -> None:
    # axe is injected as an inline script: this one context lets it in.
    with new_visit(bypass_csp=True, color_scheme=scheme) as visit:
        visit.page.goto(site + "/recherche/?q=pain")
        status(visit)
        assert visit.axe() == []


def test_filtering_by_kind_narrows_and_goes_in_the_address(new_visit, site: str) -> None:
    with new_visit() as visit:
        visit.page.goto(site + "/recherche/?q=pain")
        status(visit)
        every = visit.page.locator(RESULTS).count()
        kinds = set(visit.page.locator(f"{RESULTS} .meta").all_inner_texts())
        assert len({k.split(" · ")[0] for k in kinds}) >= 2
        visit.page.get_by_label("Tutoriel", exact=True).check()
        expect(visit.page.locator(RESULTS)).not_to_have_count(every)
        narrowed = visit.page.locator(f"{RESULTS} .meta").all_inner_texts()
        assert narrowed and all(k.startswith("Tutoriel") for k in narrowed)
        query = parse_qs(urlsplit(visit.page.url).query)
        assert query == {"q": ["pain"], "kind": ["Tutoriel"]}
        # The address opens the same narrowed list.
        visit.page.goto(visit.page.url)
        status(visit)
        assert visit.page.locator(RESULTS).count() == len(narrowed)
        assert visit.page.is_checked("input[name=kind][value=Tutoriel]")
        assert visit.errors == []


def test_a_tag_narrows_too(new_visit, site: str) -> None:
    with new_visit() as visit:
        visit.page.goto(site + "/recherche/?q=pain&tag=levain")
        status(visit)
        assert visit.page.input_value("#c-search-tag") == "levain"
        found = titles(visit)
        assert "Entretenir son levain" in found
        assert "Comment tout a commencé" not in found  # not tagged levain


def test_typing_searches_and_keeps_the_address_in_step(new_visit, site: str) -> None:
    with new_visit() as visit:
        visit.page.goto(site + "/recherche/")
        visit.page.fill("#c-search-q", "brioche")
        said = status(visit)
        assert "brioche" in said
        assert "Pâte à brioche du dimanche" in titles(visit)
        assert urlsplit(visit.page.url).query == "q=brioche"
        visit.page.fill("#c-search-q", "zzzxqw")
        expect(visit.page.locator("[data-search-status]")).to_have_text(re.compile("^Aucun"))
        assert visit.page.locator(RESULTS).count() == 0


def test_more_results_come_ten_at_a_time_and_the_keyboard_follows(new_visit, site: str) -> None:
    with new_visit() as visit:
        # Every testimonial, story and page says "de" or "le": more than ten.
        visit.page.goto(site + "/recherche/?q=le")
        status(visit)
        assert visit.page.locator(RESULTS).count() == 10
        visit.page.get_by_role("button", name="Afficher plus de résultats").click()
        expect(visit.page.locator(RESULTS).nth(10)).to_be_visible()
        expect(visit.page.locator(RESULTS).nth(10).locator("a")).to_be_focused()


def test_the_english_page_searches_the_english_index(new_visit, site: str) -> None:
    with new_visit() as visit:
        visit.page.goto(site + "/en/search/?q=mill")
        said = status(visit)
        assert said.startswith("1 result for")
        assert titles(visit) == ["The Bourbre mill"] or len(titles(visit)) == 1
        assert visit.page.get_attribute("html", "lang") == "en"


def test_nothing_of_pagefind_loads_before_a_query(new_visit, site: str) -> None:
    with new_visit() as visit:
        responses: list = []
        visit.page.on("response", lambda response: responses.append(response))
        visit.page.goto(site + "/recherche/", wait_until="networkidle")
        assert not [r.url for r in responses if "/pagefind/" in r.url]
        # The page, its CSS, its script and the logo: the site's budget
        # for a page before any query, in bytes as read (the server gzips
        # text, as hosts do).
        sizes = {r.url: len(r.body()) for r in responses}
        assert sum(sizes.values()) < 100_000, json.dumps(sizes, indent=1)


def test_without_javascript_the_archive_lists_every_title(
    new_visit, site: str, example_output: Path
) -> None:
    entry = example_output / "pagefind"
    assert entry.is_dir()
    with new_visit(java_script_enabled=False) as visit:
        visit.page.goto(site + "/recherche/?q=pain")
        archive = visit.page.locator(".search__archive")
        assert archive.is_visible()
        assert "La recherche a besoin de JavaScript" in archive.inner_text()
        listed = set(archive.locator(".search__titles a").all_inner_texts())
        for title in (
            "Comment tout a commencé",
            "Pain de campagne au levain",
            "Témoignage de Sophie M.",
            "Questions fréquentes",
        ):
            assert title in listed
        assert archive.locator(".tag-list a", has_text="levain").get_attribute("href") == (
            "/etiquettes/levain/"
        )
        assert not visit.page.locator("[data-search-filters]").is_visible()


def test_the_header_field_on_desktop_and_the_icon_on_phones(new_visit, site: str) -> None:
    with new_visit(viewport={"width": 1280, "height": 800}) as visit:
        visit.page.goto(site + "/histoires/")
        assert not visit.page.locator(".site-search-link").is_visible()
        visit.page.fill("#c-site-search", "levain")
        visit.page.press("#c-site-search", "Enter")
        visit.page.wait_for_url("**/recherche/?q=levain")
        assert "Entretenir son levain" in (status(visit) and titles(visit))
    with new_visit(viewport={"width": 375, "height": 740}) as visit:
        visit.page.goto(site + "/histoires/")
        assert not visit.page.locator(".site-search").is_visible()
        icon = visit.page.get_by_role("link", name="Rechercher", exact=True)
        assert icon.is_visible()
        box = icon.bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44
        icon.click()
        visit.page.wait_for_url("**/recherche/")


def test_merged_parts_answer_without_scripts_of_their_own(
    new_visit, serve, example_builder, tmp_path_factory
) -> None:
    # The parts a page only merges in publish no scripts or WebAssembly
    # (parts.published): the same site with them put back answers the same.
    root = tmp_path_factory.mktemp("example-parts-scripts")
    output = example_builder(root, extra="SEARCH_PART_RECORDS = 4")
    index = output / "pagefind"
    merged = [p for p in index.glob("part-*") if not (p / "pagefind.js").exists()]
    assert merged  # some parts are only merged in
    before = root / "with-scripts"
    shutil.copytree(output, before)
    for part in merged:
        for script in (p for p in index.iterdir() if LOADERS.fullmatch(p.name)):
            shutil.copy(script, before / "pagefind" / part.name / script.name)
    sites = [serve(output, headers=True), serve(before, headers=True)]
    for path in ("/recherche/?q=pain", "/recherche/?q=levain", "/en/search/?q=mill"):
        said = []
        for site in sites:
            with new_visit() as visit:
                visit.page.goto(site + path)
                said.append((status(visit), titles(visit)))
                assert visit.errors == [] and titles(visit)
        assert said[0] == said[1], path
