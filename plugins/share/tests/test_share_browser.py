"""share.js in headless Chromium: the copy button appears, copies the page's
address and says so; without JavaScript the buttons stay hidden."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, sync_playwright

from comptoir.build import build
from comptoir.preview.server import make_server
from comptoir.settings.minimal import minimal_settings

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
# As in tests/test_browser.py: no sandbox as root, no background traffic.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PATH = "/histoires/un/"
THEME = Path(__file__).resolve().parents[3] / "theme"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # A development build (empty SITEURL), served on 127.0.0.1: a secure
    # context, so the clipboard API is there.
    root = tmp_path_factory.mktemp("share-site")
    (root / "content/stories").mkdir(parents=True)
    (root / "content/stories/un.md").write_text(
        "Title: Un pain & « levain » #1\nDate: 2025-03-01\n\nTexte.\n", encoding="utf-8"
    )
    (root / "pelicanconf.py").write_text(
        minimal_settings(str(THEME)) + 'SHARE_NETWORKS = ["email", "x"]\n',
        encoding="utf-8",
    )
    result = build(root / "pelicanconf.py", strict=True)
    assert result.ok
    server = make_server(root / "output", 0)
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


def test_copy_button_copies_the_page_address(browser: Browser, site: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    elsewhere: list[str] = []

    def route(route, request) -> None:
        if urlsplit(request.url).hostname in ("127.0.0.1", None):
            route.continue_()
        else:
            elsewhere.append(request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site + PATH, wait_until="load")
    copy = page.get_by_role("button", name="Copier le lien")
    copy.wait_for(state="visible")
    # The share button shows exactly when the browser can share.
    can_share = page.evaluate("typeof navigator.share === 'function'")
    assert page.get_by_role("button", name="Partager…").is_visible() == can_share
    copy.click()
    status = page.get_by_role("status")
    status.filter(has_text="Lien copié").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == site + PATH
    assert errors == [] and elsewhere == []
    context.close()


def test_without_javascript_the_buttons_stay_hidden(browser: Browser, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + PATH)
    assert page.locator(".share button").count() == 2
    assert not page.locator(".share button").first.is_visible()
    assert not page.locator(".share button").last.is_visible()
    links = page.locator(".share__links a")
    assert [links.nth(i).inner_text() for i in range(links.count())] == ["E-mail", "X"]
    assert links.last.is_visible()
    context.close()
