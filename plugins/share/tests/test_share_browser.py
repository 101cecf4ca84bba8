"""share.js in headless Chromium: the copy button appears, copies the page's
address and says so; without JavaScript the buttons stay hidden."""

from __future__ import annotations

from pathlib import Path

import pytest

from comptoir.core.build import build
from comptoir.core.minimal import minimal_settings

pytestmark = pytest.mark.browser

PATH = "/histoires/un/"
THEME = Path(__file__).resolve().parents[3] / "theme"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, serve) -> str:
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
    return serve(root / "output")


def test_copy_button_copies_the_page_address(new_visit, site: str) -> None:
    with new_visit(permissions=["clipboard-read", "clipboard-write"]) as visit:
        page = visit.page
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
        assert visit.errors == [] and visit.elsewhere == []


def test_without_javascript_the_buttons_stay_hidden(new_visit, site: str) -> None:
    with new_visit(java_script_enabled=False) as visit:
        page = visit.page
        page.goto(site + PATH)
        assert page.locator(".share__button").count() == 2
        assert not page.locator(".share__button").first.is_visible()
        assert not page.locator(".share__button").last.is_visible()
        links = page.locator(".share__links a")
        assert [links.nth(i).inner_text() for i in range(links.count())] == ["E-mail", "X"]
        assert links.last.is_visible()
