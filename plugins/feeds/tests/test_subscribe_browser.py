"""The subscribe page in headless Chromium: the copy buttons appear, copy a
feed's address and say so; axe-core finds nothing, light or dark; without
JavaScript the buttons stay hidden and the addresses can still be copied by
hand. And, while Chromium still applies XSLT, an RSS file reads as a page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from comptoir.core.build import build
from comptoir.core.minimal import minimal_settings

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[3]
PAGE = "/s-abonner/"
FILES = {
    "stories/un.md": "Title: Un pain\nDate: 2025-03-01\nTags: levain, fêtes\n\nTexte.\n",
    "tutorials/deux.md": "Title: Deux\nDate: 2025-03-02\nTags: levain\n\nTexte.\n",
    "testimonials/jo.md": "Name: Jo B.\nDate: 2025-02-25\nConsent: 2025-02-26\n\nBonne.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, serve) -> str:
    """A small site built for its own loopback address (absolute addresses,
    as published; 127.0.0.1 is a secure context, so the clipboard is there)."""
    root = tmp_path_factory.mktemp("subscribe")
    for name, text in FILES.items():
        (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / name).write_text(text, encoding="utf-8")
    settings = minimal_settings(str(ROOT / "theme")) + "FEED_STYLESHEET = True\n"
    (root / "pelicanconf.py").write_text(settings, encoding="utf-8")
    url = serve(root / "output")
    result = build(root / "pelicanconf.py", strict=True, overrides={"SITEURL": url})
    assert result.ok, [p.format() for p in result.problems]
    return url


def test_copy_button_copies_the_address_and_says_so(new_visit, site: str) -> None:
    with new_visit(permissions=["clipboard-read", "clipboard-write"]) as visit:
        page = visit.page
        page.goto(site + PAGE, wait_until="load")
        buttons = page.locator("button[data-copy]")
        assert buttons.count() == page.locator("input.feed-address__text").count() >= 6
        # The site's RSS and each section's show; Atom and JSON Feed fold.
        assert [b.is_visible() for b in buttons.all()].count(True) == 4
        button = page.get_by_role("button", name="Copier (Histoires — Adresse RSS)")
        status = button.locator("xpath=following-sibling::*[@role='status'][1]")
        assert status.text_content() == ""
        button.click()
        page.wait_for_function("(s) => s.textContent", arg=status.element_handle())
        assert status.text_content() == "Adresse copiée"
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == f"{site}/histoires/rss.xml"
        assert copied == page.get_by_label("Histoires — Adresse RSS").input_value()
        # The address copied is a feed a reader can fetch.
        response = page.request.get(copied)
        assert response.ok and b"<rss" in response.body()
        assert visit.errors == [] and visit.elsewhere == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_is_clean_and_accessible(new_visit, site: str, scheme: str) -> None:
    options = {"color_scheme": scheme, "viewport": {"width": 412, "height": 915}}
    with new_visit(permissions=["clipboard-write"], **options) as visit:
        response = visit.page.goto(site + PAGE, wait_until="load")
        assert response is not None and response.status == 200
        # With a status said, as a reader sees it after copying.
        visit.page.locator("button[data-copy]").first.click()
        visit.page.wait_for_function("() => document.querySelector('[role=status]').textContent")
        assert visit.axe() == []
        assert visit.errors == [] and visit.elsewhere == []


def test_without_javascript_the_addresses_stay_and_the_buttons_hide(new_visit, site: str) -> None:
    with new_visit(java_script_enabled=False) as visit:
        visit.page.goto(site + PAGE)
        assert visit.page.locator("button[data-copy]").first.is_hidden()
        box = visit.page.get_by_label("Tout ce que nous publions — Adresse RSS")
        assert box.is_visible() and box.input_value() == f"{site}/rss.xml"
        assert visit.page.get_by_role("link", name="NetNewsWire").is_visible()


def test_rss_file_reads_as_a_page_where_xslt_remains(new_visit, site: str) -> None:
    with new_visit() as visit:
        visit.page.goto(site + "/rss.xml", wait_until="load")
        if visit.page.locator("main").count() == 0:
            # A browser without XSLT shows the XML as it is: still the feed,
            # still readable, which is why the styled view is never the only way.
            assert "<title>Test</title>" in visit.page.content() or "Test" in visit.page.inner_text(
                "body"
            )
            assert visit.errors == [] and visit.elsewhere == []
            return
        assert visit.page.locator("h1").inner_text() == "Test"
        assert re.search(r"Ceci est un flux RSS", visit.page.locator(".about").inner_text())
        assert visit.page.get_by_role("link", name="Un pain").get_attribute("href") == (
            f"{site}/histoires/un/"
        )
        # Chromium adds a banner of its own announcing the end of XSLT: not ours to check.
        assert visit.axe("{exclude: [['xslt-warning-banner']]}") == []
        assert visit.errors == [] and visit.elsewhere == []
