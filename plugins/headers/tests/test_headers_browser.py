"""The example site, built for production and served with its own _headers,
in headless Chromium: no page breaks the Content-Security-Policy, nothing is
requested from another host (every page is visited), and the video facade's
player is allowed."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from comptoir.tools.preview.server import LOOPBACK

RECIPE = "/tutoriels/pain-de-campagne-au-levain/"
PAGES = [
    "/",
    "/histoires/une-nuit-au-fournil/",
    RECIPE,
    "/temoignages/",
    "/faq/",
    "/s-abonner/",
    "/embed/histoires/une-nuit-au-fournil/",
]
# Every violation the page sees, whatever reports it.
RECORD = """window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));"""
# Lazy images below the fold load too, and the page waits for every image:
# a picture from another host cannot hide by being far down the page.
ALL_IMAGES = """() => Promise.race([
  new Promise((done) => setTimeout(done, 5000)),
  Promise.all([...document.images].map((img) => {
    img.loading = "eager";
    return img.complete || new Promise((done) => { img.onload = img.onerror = done; });
  })),
])"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, serve, example_builder) -> tuple[str, Path]:
    """Built as publishconf.py does, with SITEURL at the loopback address it
    is served from (with its own ``_headers``)."""
    root = tmp_path_factory.mktemp("headers-site")
    url = serve(root / "output", headers=True)
    return url, example_builder(root, siteurl=url)


class Visit:
    """One page: its CSP violations and its requests to other hosts."""

    def __init__(self, browser: Browser, url: str):
        self.context = browser.new_context()
        self.context.add_init_script(RECORD)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.go(url)

    def go(self, url: str) -> None:
        """Open ``url`` in the same tab, forgetting the previous page's records."""
        self.console: list[str] = []
        self.elsewhere: list[str] = []
        self.response = self.page.goto(url, wait_until="load")

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def _route(self, route, request) -> None:
        if urlsplit(request.url).hostname in (LOOPBACK, None):
            route.continue_()
        else:
            self.elsewhere.append(request.url)
            route.abort()

    def violations(self) -> list[str]:
        self.page.wait_for_timeout(100)  # violation events are queued as tasks
        return self.page.evaluate("window.__csp") + self.console


@pytest.mark.parametrize("path", PAGES)
def test_pages_keep_to_their_policy(site, browser: Browser, path: str) -> None:
    url, _ = site
    visit = Visit(browser, url + path)
    policy = visit.response.all_headers()["content-security-policy"]
    assert ("frame-ancestors *" in policy) == path.startswith("/embed/")
    assert visit.violations() == []
    assert visit.elsewhere == []
    visit.context.close()


def html_pages(output: Path) -> list[str]:
    """The address of every HTML file of the site (``a/index.html`` as ``/a/``)."""
    found = []
    for folder, _dirs, names in os.walk(output):
        for name in names:
            if name.endswith((".html", ".htm")):
                path = "/" + Path(folder, name).relative_to(output).as_posix()
                found.append(path.removesuffix("index.html"))
    return sorted(found)


def test_every_page_keeps_to_its_policy_and_to_its_host(site, browser: Browser) -> None:
    """Every HTML page of the site, in one tab: 0 CSP violations, 0 requests
    to another host (the RSS XSL view and feeds are not HTML files)."""
    url, output = site
    paths = html_pages(output)
    assert len(paths) >= 40 and "/" in paths and "/404.html" in paths
    failures = []
    visit = Visit(browser, url + paths[0])
    for path in paths:
        if path != paths[0]:
            visit.go(url + path)
        visit.page.evaluate(ALL_IMAGES)
        problems = []
        if visit.response is None or visit.response.status != 200:
            problems.append(f"status {visit.response and visit.response.status}")
        elif "content-security-policy" not in visit.response.all_headers():
            problems.append("no Content-Security-Policy header")
        problems += [f"CSP: {v}" for v in visit.violations()]
        problems += [f"request to another host: {u}" for u in visit.elsewhere]
        failures += [f"{path}: {p}" for p in problems]
    visit.context.close()
    assert failures == [], f"{len(failures)} problems in {len(paths)} pages:\n" + "\n".join(
        failures
    )


def test_the_video_player_is_allowed_and_nothing_else(site, browser: Browser) -> None:
    url, _ = site
    visit = Visit(browser, url + RECIPE)
    visit.page.locator(".video__link").click()
    frame = visit.page.locator(".video iframe")
    frame.wait_for(state="attached")
    src = frame.get_attribute("src")
    assert src.startswith("https://www.youtube-nocookie.com/embed/")
    visit.page.wait_for_timeout(500)
    # No network here: the player fails to load, but it was allowed to try.
    assert visit.violations() == []
    assert {urlsplit(u).hostname for u in visit.elsewhere} == {"www.youtube-nocookie.com"}
    visit.context.close()


def test_an_injected_inline_script_is_blocked(site, browser: Browser) -> None:
    """The check can fail: a script an attacker slipped into a page is refused."""
    url, output = site
    page = (output / "histoires/une-nuit-au-fournil/index.html").read_text("utf-8")
    hostile = page.replace("</body>", "<script>document.title = 'pwned'</script></body>")
    injected = output / "histoires/injected.html"
    injected.write_text(hostile, encoding="utf-8")
    try:
        visit = Visit(browser, url + "/histoires/injected.html")
        assert visit.page.title() != "pwned"
        assert any(v.startswith("script-src") for v in visit.violations())
        visit.context.close()
    finally:
        injected.unlink()  # the site is shared: other tests visit every page
