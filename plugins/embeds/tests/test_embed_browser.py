"""Embeds in a real browser: the example site on one loopback origin, a
partner's page with the two-line snippets on another (another port), in
headless Chromium."""

from __future__ import annotations

import html
import re

import pytest
from playwright.sync_api import Page

STORY = "/histoires/une-nuit-au-fournil/"
QUOTE = "jeanne-d"
HEIGHT = "comptoir-embed:height"


def code(page: str, anchor: str) -> str:
    found = re.search(rf'<textarea id="c-embed-{anchor}"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, anchor
    return html.unescape(found.group(1))


@pytest.fixture(scope="module")
def origins(tmp_path_factory: pytest.TempPathFactory, serve, example_builder) -> tuple[str, str]:
    """(site, partner): the example site built for its loopback address, and
    a partner's page on another port holding a story's and a testimonial's
    snippets, copied from the site's own pages."""
    root = tmp_path_factory.mktemp("embeds")
    output, partner_dir = root / "site" / "output", root / "partner"
    partner_dir.mkdir()
    site, partner = serve(output), serve(partner_dir)
    example_builder(root / "site", siteurl=site)
    story = code(
        (output / STORY.strip("/") / "index.html").read_text("utf-8"),
        "histoires-une-nuit-au-fournil",
    )
    wall = (output / "temoignages/index.html").read_text("utf-8")
    quote = code(wall, f"temoignages-{QUOTE}")
    (partner_dir / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A partner</title>'
        f"</head><body><main><h1>Our friends the bakers</h1>\n{story}\n<p>Between the cards.</p>\n"
        f"{quote}\n</main></body></html>\n",
        encoding="utf-8",
    )
    # A page of the partner's origin that claims a height, as a frame
    # navigated away from the card would.
    (partner_dir / "intruder.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>x</title><script>'
        f'parent.postMessage({{type: "{HEIGHT}", height: 999}}, "*");'
        'parent.postMessage({type: "test:done"}, "*");</script></head><body></body></html>\n',
        encoding="utf-8",
    )
    return site, partner


def frames(page: Page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll("iframe.comptoir-embed")].map((f) => ({
            src: f.src, title: f.title, sandbox: f.getAttribute("sandbox"),
            loading: f.getAttribute("loading"), style: f.style.height,
            height: f.getBoundingClientRect().height}))"""
    )


def content_height(page: Page, part: str) -> int:
    frame = next(f for f in page.frames if part in f.url)
    return frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")


def wait_sized(page: Page) -> None:
    """Until every card has posted its height and been resized to it."""
    page.wait_for_function(
        """() => { const all = [...document.querySelectorAll("iframe.comptoir-embed")];
                   return all.length === 2 && all.every((f) => f.style.height); }""",
        timeout=10_000,
    )


def settle(page: Page, source: str) -> None:
    """Wait until a marker posted after the messages under test has arrived:
    messages arrive in order, so those before it were handled."""
    page.evaluate(
        """(source) => new Promise((done) => {
            addEventListener("message", (e) => e.data && e.data.type === "test:done" && done());
            new Function(source)();
        })""",
        source,
    )


def test_snippets_become_cards_sized_to_their_content(new_visit, origins) -> None:
    site, partner = origins
    with new_visit(viewport={"width": 800, "height": 2000}) as visit:
        visit.page.goto(partner + "/", wait_until="load")
        wait_sized(visit.page)
        story, quote = frames(visit.page)
        assert visit.page.locator("blockquote.comptoir-embed").count() == 0
        assert story["src"] == f"{site}/embed{STORY}"
        assert quote["src"] == f"{site}/embed/temoignages/{QUOTE}/"
        assert story["title"] == "Une nuit au fournil — Les Deux Épis"
        assert quote["title"].startswith("Témoignage de Jeanne")
        assert story["sandbox"] == (
            "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox "
            "allow-top-navigation-by-user-activation"
        )
        assert story["loading"] == "lazy"
        for part in ("/embed/histoires/", "/embed/temoignages/"):
            inner = content_height(visit.page, part)
            # The frame starts at the quote's height; the card's own message
            # then sets it (later on a busy machine): wait for that one.
            visit.page.wait_for_function(
                """([part, h]) => [...document.querySelectorAll("iframe.comptoir-embed")]
                    .some((f) => f.src.includes(part) && f.style.height === h + "px")""",
                arg=[part, inner],
                timeout=10_000,
            )
        story, quote = frames(visit.page)
        for found, part in ((story, "/embed/histoires/"), (quote, "/embed/temoignages/")):
            inner = content_height(visit.page, part)
            assert found["style"] == f"{inner}px" and found["height"] == inner != 150
        # A narrower page: the card reflows, and tells its new height.
        visit.page.set_viewport_size({"width": 360, "height": 2000})
        narrow = content_height(visit.page, "/embed/histoires/")
        visit.page.wait_for_function(
            "(h) => document.querySelector('iframe.comptoir-embed').style.height === h + 'px'",
            arg=narrow,
        )
        assert narrow > story["height"]
        assert visit.errors == [] and visit.elsewhere == []


def test_heights_from_another_origin_or_another_frame_are_ignored(new_visit, origins) -> None:
    _, partner = origins
    with new_visit(viewport={"width": 800, "height": 2000}) as visit:
        page = visit.page
        page.goto(partner + "/", wait_until="load")
        wait_sized(page)
        before = [f["style"] for f in frames(page)]
        # The partner's own page (another origin) claims a height: ignored.
        settle(
            page,
            f'postMessage({{type: "{HEIGHT}", height: 999}}, "*");'
            'postMessage({type: "test:done"}, "*");',
        )
        assert [f["style"] for f in frames(page)] == before
        # The testimonial's card speaks for itself only, never for the story's.
        card = next(f for f in page.frames if "/embed/temoignages/" in f.url)
        card.evaluate(f'parent.postMessage({{type: "{HEIGHT}", height: 777}}, "*")')
        page.wait_for_function(
            "() => document.querySelectorAll('iframe.comptoir-embed')[1].style.height === '777px'"
        )
        assert frames(page)[0]["style"] == before[0]
        # The story's frame, navigated to a page of another origin, is the
        # same window (event.source matches) but not the site: ignored.
        story = next(f for f in page.frames if "/embed/histoires/" in f.url)
        page.evaluate(
            """() => { window.done = new Promise((ok) => addEventListener("message",
                (e) => e.data && e.data.type === "test:done" && ok())); }"""
        )
        story.evaluate(f"setTimeout(() => {{ location.href = '{partner}/intruder.html'; }}, 0)")
        page.evaluate("window.done")
        assert frames(page)[0]["style"] == before[0]


def test_without_javascript_the_snippet_reads_with_its_link_back(new_visit, origins) -> None:
    site, partner = origins
    with new_visit(java_script_enabled=False) as visit:
        visit.page.goto(partner + "/")
        assert visit.page.locator("iframe").count() == 0
        quote = visit.page.locator("blockquote.comptoir-embed").first
        assert quote.is_visible()
        link = quote.locator(f'a[href="{site}{STORY}"]')
        assert link.inner_text() == "Une nuit au fournil"
        assert "heure par heure" in quote.inner_text()
        assert visit.page.locator(f'a[href="{site}/temoignages/#t-{QUOTE}"]').is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    [
        f"/embed{STORY}",
        f"/embed/temoignages/{QUOTE}/",
        "/embed/histoires/",
        "/embed/temoignages/",
        "/embed/",
    ],
)
def test_embed_pages_are_clean_and_accessible(new_visit, origins, path, scheme) -> None:
    site, _ = origins
    with new_visit(color_scheme=scheme, viewport={"width": 412, "height": 915}) as visit:
        response = visit.page.goto(site + path, wait_until="load")
        assert response is not None and response.status == 200
        assert response.headers.get("set-cookie") is None
        assert visit.axe() == []
        assert visit.errors == [] and visit.elsewhere == []
        assert visit.context.cookies() == []


def test_story_page_embed_code_is_accessible_and_copies(new_visit, origins) -> None:
    site, _ = origins
    with new_visit(viewport={"width": 412, "height": 915}) as visit:
        visit.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
        page = visit.page
        page.goto(site + STORY, wait_until="load")
        # The code waits, with the other networks, behind the share block's disclosure.
        page.locator(".share__more > summary").click()
        box = page.locator(".embed-code")
        assert visit.axe() == []
        textarea = page.get_by_label("Code à coller")
        assert textarea.get_attribute("readonly") is not None
        box.get_by_role("button", name="Copier le code").click()
        page.wait_for_function(
            "() => document.querySelector('.embed-code [role=status]').textContent"
        )
        assert page.evaluate("navigator.clipboard.readText()") == textarea.input_value()
        assert visit.errors == [] and visit.elsewhere == []
