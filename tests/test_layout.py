"""The example site's layout as a visitor sees it, in headless Chromium at a
phone's 375 px and a desktop's 1,280 px: where things sit, what shows at once
and what waits behind a disclosure (issue 14, point 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
STORY = "/histoires/une-nuit-au-fournil/"


@pytest.fixture(scope="module")
def site(example_output: Path, serve) -> str:
    return serve(example_output)


def box(page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not laid out"
    return found


def visible(page, selector: str) -> int:
    """How many of ``selector`` a reader can see (laid out, not hidden)."""
    return sum(1 for item in page.locator(selector).all() if item.is_visible())


def test_phone_header_is_one_row_with_a_menu_that_opens(new_visit, site: str) -> None:
    with new_visit(viewport=PHONE) as visit:
        page = visit.page
        page.goto(site + "/")
        header = box(page, ".site-header")
        # Logo and "Menu", then the call to action: two rows, not five.
        assert header["height"] <= 140, header
        assert visible(page, ".site-nav a") == 0
        assert page.locator(".site-header__cta").is_visible()
        menu = page.locator(".site-menu__button")
        assert menu.inner_text().strip() == "Menu"
        menu.focus()
        page.keyboard.press("Enter")
        links = page.locator(".site-nav--folded a")
        assert links.count() >= 5 and all(link.is_visible() for link in links.all())
        # Opening the menu covers the page; it does not push it down.
        assert box(page, ".site-header")["height"] == header["height"]
        assert visit.axe() == []


def test_desktop_header_shows_the_menu_inline(new_visit, site: str) -> None:
    with new_visit(viewport=DESKTOP) as visit:
        page = visit.page
        page.goto(site + "/")
        assert not page.locator(".site-menu").is_visible()
        assert visible(page, ".site-nav--wide a") >= 5
        assert box(page, ".site-header")["height"] <= 90


def test_featured_tutorial_sits_beside_its_cover_on_desktop(new_visit, site: str) -> None:
    with new_visit(viewport=DESKTOP) as visit:
        page = visit.page
        page.goto(site + "/")
        cover = box(page, ".featured .card__image")
        title = box(page, ".featured .card__title")
        meta = box(page, ".featured .meta")
        summary = box(page, ".featured .card__summary")
        for part in (title, meta, summary):
            assert part["x"] >= cover["x"] + cover["width"], (part, cover)
        # Title, date and summary follow each other from the cover's top.
        assert abs(title["y"] - cover["y"]) < 12
        assert title["y"] < meta["y"] < summary["y"]
        assert meta["y"] - (title["y"] + title["height"]) < 24
        assert summary["y"] - (meta["y"] + meta["height"]) < 32


def test_featured_tutorial_stacks_on_a_phone(new_visit, site: str) -> None:
    with new_visit(viewport=PHONE) as visit:
        page = visit.page
        page.goto(site + "/")
        cover = box(page, ".featured .card__image")
        assert box(page, ".featured .card__title")["y"] > cover["y"] + cover["height"]


def test_a_square_cover_is_cropped_and_the_story_starts_above_the_fold(
    make_site, serve, new_visit
) -> None:
    site = make_site(
        {
            "content/stories/carre.md": """
                Title: Une photo carrée
                Date: 2025-03-01 08:00
                Image: images/carre.png
                Image_alt: Un aplat brun

                Le premier paragraphe de l'histoire, qu'un lecteur doit voir
                sans faire défiler la page.
            """
        }
    )
    (site.root / "content/images").mkdir(parents=True)
    Image.new("RGB", (670, 670), "#8a3b12").save(site.root / "content/images/carre.png")
    result = site.build()
    assert result.ok, site.messages(result)
    with new_visit(viewport=PHONE) as visit:
        page = visit.page
        page.goto(serve(site.output) + "/histoires/carre/")
        cover = box(page, ".post__cover")
        assert cover["width"] / cover["height"] == pytest.approx(1.5, abs=0.01)
        first = box(page, ".post__body p")
        assert first["y"] + 2 * 24 < PHONE["height"], first


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_share_shows_four_networks_and_folds_the_rest_with_the_embed_code(
    new_visit, site: str, viewport: dict[str, int]
) -> None:
    with new_visit(viewport=viewport) as visit:
        page = visit.page
        page.goto(site + STORY, wait_until="load")
        shown = [
            a.get_attribute("data-network")
            for a in page.locator(".share a").all()
            if a.is_visible()
        ]
        assert shown == ["facebook", "whatsapp", "pinterest", "email"]
        assert page.locator("[data-share-copy]").is_visible()
        assert not page.locator(".embed-code__text").is_visible()
        assert page.locator(".share details").count() == 1
        page.locator(".share__more > summary").click()
        assert visible(page, ".share a.share__link") == 10
        assert page.locator(".embed-code__text").is_visible()
        assert visit.axe() == []


def test_testimonials_fold_every_embed_code_behind_one_disclosure(new_visit, site: str) -> None:
    with new_visit(viewport=DESKTOP) as visit:
        page = visit.page
        page.goto(site + "/temoignages/", wait_until="load")
        assert page.locator(".testimonial").count() >= 6
        assert visible(page, ".embed-code__text") == 0
        assert visible(page, "summary") == 1
        page.locator(".testimonials__embed > summary").click()
        # The widget's code, then one folded code a testimonial.
        assert visible(page, ".embed-code__text") == 1
        assert page.locator(".testimonials__embed details.embed-code").count() >= 6
        assert visit.axe() == []


def test_subscribe_page_shows_few_copy_buttons(new_visit, site: str) -> None:
    with new_visit(viewport=DESKTOP) as visit:
        visit.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = visit.page
        page.goto(site + "/s-abonner/", wait_until="load")
        # The site's RSS, then stories, tutorials, testimonials.
        assert visible(page, "button[data-copy]") == 4
        tags = page.locator(".feed__tags a")
        assert tags.count() >= 5
        assert all(a.get_attribute("href").endswith("/rss.xml") for a in tags.all())


@pytest.mark.parametrize(
    "viewport", [PHONE, {"width": 1280, "height": 1400}], ids=["phone", "tall"]
)
def test_a_short_page_keeps_its_footer_at_the_foot_of_the_window(
    new_visit, site: str, viewport: dict[str, int]
) -> None:
    with new_visit(viewport=viewport) as visit:
        page = visit.page
        page.goto(site + "/404.html")
        footer = box(page, ".site-footer")
        bottom = footer["y"] + footer["height"]
        assert bottom >= viewport["height"] - 1, (bottom, viewport)
