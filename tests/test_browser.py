"""Real pages in headless Chromium: no console error, no request to another
host, no axe-core violation (light and dark), readable without JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest

# Every kind of page the example site has.
PAGES = [
    "/",
    "/histoires/une-nuit-au-fournil/",
    "/tutoriels/pain-de-campagne-au-levain/",
    "/en/stories/le-moulin-de-la-bourbre/",
    "/histoires/",
    "/tutoriels/",
    "/etiquettes/",
    "/etiquettes/levain/",
    "/temoignages/",
    "/faq/",
    "/contact/",
    "/s-abonner/",
    "/recherche/",
    "/recherche/?q=pain",
    "/embed/",
    "/404.html",
]


@pytest.fixture(scope="module")
def site(example_output: Path, serve) -> str:
    return serve(example_output)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_is_clean_and_accessible(new_visit, site: str, path: str, scheme: str):
    with new_visit(color_scheme=scheme, viewport={"width": 412, "height": 915}) as visit:
        response = visit.page.goto(site + path, wait_until="load")
        assert response is not None and response.status == 200
        assert visit.axe() == []
        assert visit.errors == []
        assert visit.elsewhere == []


def test_pages_read_without_javascript(new_visit, site: str) -> None:
    with new_visit(java_script_enabled=False) as visit:
        visit.page.goto(site + "/tutoriels/pain-de-campagne-au-levain/")
        assert visit.page.locator("h1").inner_text() == "Pain de campagne au levain"
        assert visit.page.locator("ol.steps > li").count() >= 5
        link = visit.page.locator(".video a")
        assert link.get_attribute("href").startswith("https://www.youtube.com/watch?v=")


def test_video_loads_only_when_the_reader_asks(new_visit, site: str) -> None:
    with new_visit() as visit:
        visit.page.goto(site + "/tutoriels/pain-de-campagne-au-levain/", wait_until="load")
        assert visit.page.locator("iframe").count() == 0
        assert visit.elsewhere == []
        visit.page.locator(".video a").click()
        frame = visit.page.locator(".video iframe")
        assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
        assert frame.get_attribute("title")


def test_skip_link_is_first_and_reaches_main(new_visit, site: str) -> None:
    with new_visit() as visit:
        visit.page.goto(site + "/")
        visit.page.keyboard.press("Tab")
        focused = visit.page.evaluate("document.activeElement.getAttribute('href')")
        assert focused == "#c-main"
        visit.page.keyboard.press("Enter")
        assert visit.page.evaluate("document.activeElement.id") == "c-main"


def test_tutorial_prints_without_site_chrome(new_visit, site: str) -> None:
    with new_visit() as visit:
        visit.page.goto(site + "/tutoriels/pain-de-campagne-au-levain/")
        visit.page.emulate_media(media="print")
        assert not visit.page.locator(".site-header").is_visible()
        assert not visit.page.locator(".site-footer").is_visible()
        assert not visit.page.locator(".video").is_visible()
        assert visit.page.locator(".facts").is_visible()
        assert visit.page.locator("ol.steps").is_visible()
