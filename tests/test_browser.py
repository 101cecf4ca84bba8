"""Real pages in headless Chromium: no console error, no request to another
host, no axe-core violation (light and dark), readable without JavaScript."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from comptoir.preview.server import make_server

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
PAGES = [
    "/",
    "/histoires/une-nuit-au-fournil/",
    "/tutoriels/pain-de-campagne-au-levain/",
    "/temoignages/",
    "/faq/",
    "/s-abonner/",
]
# Chromium as the machine allows it: no sandbox as root, no background
# traffic to Google's services (this machine has no internet).
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def site(example_output: Path) -> Iterator[str]:
    server = make_server(example_output, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Chromium is missing: run `invoke test-deps`"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Visit:
    """One page load, recording console errors and requests to other hosts."""

    def __init__(self, browser: Browser, **context_options):
        self.context = browser.new_context(**context_options)
        self.errors: list[str] = []
        self.elsewhere: list[str] = []
        self.context.route("**/*", self._route)
        self.page: Page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route, request) -> None:
        if urlsplit(request.url).hostname in ("127.0.0.1", None):
            route.continue_()
        else:
            self.elsewhere.append(request.url)
            route.abort()

    def axe(self) -> list[str]:
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        return [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]
        ]

    def __enter__(self) -> Visit:
        return self

    def __exit__(self, *exc) -> None:
        self.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_is_clean_and_accessible(browser: Browser, site: str, path: str, scheme: str):
    with Visit(browser, color_scheme=scheme, viewport={"width": 412, "height": 915}) as visit:
        response = visit.page.goto(site + path, wait_until="load")
        assert response is not None and response.status == 200
        assert visit.axe() == []
        assert visit.errors == []
        assert visit.elsewhere == []


def test_pages_read_without_javascript(browser: Browser, site: str) -> None:
    with Visit(browser, java_script_enabled=False) as visit:
        visit.page.goto(site + "/tutoriels/pain-de-campagne-au-levain/")
        assert visit.page.locator("h1").inner_text() == "Pain de campagne au levain"
        assert visit.page.locator("ol.steps > li").count() >= 5
        link = visit.page.locator(".video a")
        assert link.get_attribute("href").startswith("https://www.youtube.com/watch?v=")


def test_video_loads_only_when_the_reader_asks(browser: Browser, site: str) -> None:
    with Visit(browser) as visit:
        visit.page.goto(site + "/tutoriels/pain-de-campagne-au-levain/", wait_until="load")
        assert visit.page.locator("iframe").count() == 0
        assert visit.elsewhere == []
        visit.page.locator(".video a").click()
        frame = visit.page.locator(".video iframe")
        assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
        assert frame.get_attribute("title")


def test_skip_link_is_first_and_reaches_main(browser: Browser, site: str) -> None:
    with Visit(browser) as visit:
        visit.page.goto(site + "/")
        visit.page.keyboard.press("Tab")
        focused = visit.page.evaluate("document.activeElement.getAttribute('href')")
        assert focused == "#c-main"
        visit.page.keyboard.press("Enter")
        assert visit.page.evaluate("document.activeElement.id") == "c-main"


def test_tutorial_prints_without_site_chrome(browser: Browser, site: str) -> None:
    with Visit(browser) as visit:
        visit.page.goto(site + "/tutoriels/pain-de-campagne-au-levain/")
        visit.page.emulate_media(media="print")
        assert not visit.page.locator(".site-header").is_visible()
        assert not visit.page.locator(".site-footer").is_visible()
        assert not visit.page.locator(".video").is_visible()
        assert visit.page.locator(".facts").is_visible()
        assert visit.page.locator("ol.steps").is_visible()
