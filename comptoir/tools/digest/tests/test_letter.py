"""The letter as drawn (``letter.render``): safe, self-contained HTML that
reads with or without ``<style>``, and a text part that says the same."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import pytest
from PIL import Image

from comptoir.core.i18n import Language, language
from comptoir.tools.digest.letter import render
from comptoir.tools.digest.model import Cover, Entry, Letter, Shop

ROOT = Path(__file__).resolve().parents[4]
THEME = ROOT / "theme"
SHOTS = ROOT / "build" / "digest"
SITE = "https://boulangerie.example/"
UTM = "?utm_source=lettre&utm_medium=email"
TRICKY = 'Le <b>pain</b> & "nous"'
Drawn = tuple[Letter, Language, str, str]  # the letter, its language, html, text


def make_letter(lang: str = "fr", **changes: Any) -> Letter:
    """Two entries (one with a cover, one with a title that needs escaping)."""
    shop = Shop(
        "Boulangerie Martin",
        SITE,
        SITE + "icon-192.png",
        "12 rue du Four, 69001 Lyon",
        primary="#8a3b12",
        on_primary="#ffffff",
        background="#fffaf3",
        text="#2b1d14",
    )
    when = dt.datetime(2025, 3, 4, 8, 0, tzinfo=dt.UTC)
    cover = Cover(SITE + "images/pain.jpg", 1200, 800, "Une miche sur une planche")
    summary = "Comment une miche de campagne naît, de la farine au four à bois."
    entries = (
        Entry(
            "urn:uuid:1", "story", TRICKY, f"{SITE}histoires/pain/{UTM}", summary, when, lang, cover
        ),
        Entry(
            "urn:uuid:2",
            "tutorial",
            "Faire son levain en cinq jours",
            f"{SITE}tutoriels/levain/{UTM}",
            "Farine, eau, patience : le pas à pas.",
            when - dt.timedelta(days=3),
            lang,
        ),
    )
    letter = Letter(
        lang,
        "La lettre de mars",
        entries,
        more=3,
        more_url=SITE + UTM,
        shop=shop,
        unsubscribe="mailto:lettre@boulangerie.example?subject=stop",
    )
    return dataclasses.replace(letter, **changes)


def speak(code: str) -> Language:
    return language({"THEME": str(THEME)}, code)


def parse(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


@pytest.fixture(scope="module", params=["fr", "en"])
def drawn(request: pytest.FixtureRequest) -> Drawn:
    letter = make_letter(request.param)
    lang = speak(request.param)
    html, text = render(letter, THEME, lang)
    return letter, lang, html, text


def test_the_page_says_what_it_is(drawn: Drawn) -> None:
    letter, _lang, html, _text = drawn
    assert html.lower().startswith("<!doctype html>")
    doc = parse(html)
    assert doc.get("lang") == letter.lang
    assert doc.xpath("//meta[@charset]")[0].get("charset") == "utf-8"
    assert "width=device-width" in doc.xpath("//meta[@name='viewport']")[0].get("content")
    assert doc.xpath("//meta[@name='color-scheme']")[0].get("content") == "light dark"
    assert doc.findtext(".//title") == letter.subject


def test_exactly_the_letters_links(drawn: Drawn) -> None:
    letter, _lang, html, _text = drawn
    hrefs = [a.get("href") for a in parse(html).iter("a")]
    expected = {letter.shop.site, letter.more_url, letter.unsubscribe}
    assert set(hrefs) == expected | {entry.url for entry in letter.entries}
    for entry in letter.entries:  # the title and the button
        assert hrefs.count(entry.url) == 2


def test_every_address_is_absolute_and_the_shops(drawn: Drawn) -> None:
    letter, _lang, html, _text = drawn
    doc = parse(html)
    addresses = [e.get("href") for e in doc.iter() if e.get("href") is not None]
    addresses += [e.get("src") for e in doc.iter() if e.get("src") is not None]
    assert len(addresses) == 9  # 7 links, the icon, one cover
    hosts = {urlsplit(letter.shop.site).hostname}
    for address in addresses:
        assert address.startswith(("https://", "mailto:")), address
        if address.startswith("https://"):
            assert urlsplit(address).hostname in hosts, address
    assert not doc.xpath("//script | //link | //iframe | //object | //embed | //form")
    assert not [a for e in doc.iter() for a in e.attrib if a.startswith("on")]
    assert "url(" not in html and "@import" not in html and "@font-face" not in html


def test_images_have_sizes_and_words(drawn: Drawn) -> None:
    letter, _lang, html, _text = drawn
    images = parse(html).xpath("//img")
    assert [img.get("src") for img in images] == [
        letter.shop.icon,
        letter.entries[0].cover.src,
    ]
    icon, cover = images
    assert (icon.get("width"), icon.get("height"), icon.get("alt")) == (
        "48",
        "48",
        letter.shop.name,
    )
    # Drawn 552 px wide (the column less its margins), in the photo's proportions.
    assert (cover.get("width"), cover.get("height")) == ("552", "368")
    assert cover.get("alt") == letter.entries[0].cover.alt
    for part in ("display: block", "width: 100%", "height: auto", "max-width: 552px"):
        assert part in cover.get("style")


def test_titles_are_escaped(drawn: Drawn) -> None:
    _letter, _lang, html, _text = drawn
    assert "<b>" not in html
    assert "Le &lt;b&gt;pain&lt;/b&gt; &amp;" in html
    titles = parse(html).xpath("//h2/a")
    assert titles[0].text_content() == TRICKY


def test_the_css_is_inlined(drawn: Drawn) -> None:
    letter, _lang, html, _text = drawn
    doc = parse(html)
    shop = letter.shop
    assert f"background-color: {shop.background}" in doc.find("body").get("style")
    column = doc.xpath("//table[@width='600']")[0]
    assert "max-width: 600px" in column.get("style")
    for title in doc.xpath("//h2"):
        assert "font-size: 24px" in title.get("style")
    buttons = doc.xpath("//a[contains(@class, 'l-button-link')]")
    assert len(buttons) == len(letter.entries)
    for button in buttons:
        assert button.text == speak(letter.lang).gettext("Read more")
        assert f"background-color: {shop.primary}" in button.get("style")
        assert f"color: {shop.on_primary}" in button.get("style")
    for cell in doc.xpath("//td[contains(@class, 'l-text')]"):
        assert "font-family" in cell.get("style")
    # Nothing needs a class to be read: every element with one has a style too.
    assert all(e.get("style") for e in doc.xpath("//body//*[@class]"))


def test_only_the_media_rules_stay_in_a_style(drawn: Drawn) -> None:
    _letter, _lang, html, _text = drawn
    [style] = parse(html).xpath("//head/style")
    css = style.text
    assert "@media (prefers-color-scheme: dark)" in css
    assert "@media (max-width: 620px)" in css
    assert "background-color: #1d1712 !important" in css
    assert "color: #f3e8d6 !important" in css
    top_level = re.sub(r"\{(?:[^{}]|\{[^{}]*\})*\}", "", css).split()
    assert set(top_level) <= {"@media", "(prefers-color-scheme:", "dark)", "(max-width:", "620px)"}


def test_the_text_part_keeps_titles_and_links(drawn: Drawn) -> None:
    letter, _lang, _html, text = drawn
    for entry in letter.entries:
        assert entry.title in text
        assert entry.url in text
        assert entry.summary in text
    assert letter.unsubscribe in text
    assert letter.more_url in text
    assert letter.shop.address in text
    assert "@media" not in text and "l-" not in text
    assert all(line == line.rstrip() for line in text.splitlines())
    assert "\n\n\n\n" not in text
    assert text.endswith("\n") and not text.startswith("\n")


def test_words_come_from_the_language(drawn: Drawn) -> None:
    letter, lang, html, text = drawn
    body = parse(html).find("body").text_content()
    words = [
        lang.gettext("Read more"),
        lang.gettext("Story"),
        lang.gettext("Tutorial"),
        lang.ngettext("And %(num)s more on the site", "And %(num)s more on the site", 3),
        lang.gettext("You receive this letter because you asked for it."),
        lang.gettext("Unsubscribe"),
        lang.date(letter.entries[0].date, "long"),
        lang.date(letter.entries[1].date, "long"),
    ]
    for word in words:
        assert word in body and word in text, word
    if lang.code == "en":
        assert "Read more" in body and "And 3 more on the site" in body
        assert "March 4, 2025" in body
    else:
        assert "4 mars 2025" in body


def test_each_kind_has_its_label() -> None:
    lang = speak("en")
    entries = make_letter("en").entries
    kinds = {"story": "Story", "tutorial": "Tutorial", "testimonial": "Testimonial"}
    for kind, label in kinds.items():
        letter = make_letter("en", entries=(dataclasses.replace(entries[1], kind=kind),))
        meta = parse(render(letter, THEME, lang)[0]).xpath("//p[contains(@class, 'l-meta')]")[0]
        assert meta.text_content().startswith(label + " · ")


def test_no_more_line_no_icon() -> None:
    letter = make_letter("en", more=0)
    letter = dataclasses.replace(letter, shop=dataclasses.replace(letter.shop, icon=None))
    html, text = render(letter, THEME, speak("en"))
    doc = parse(html)
    assert letter.more_url not in {a.get("href") for a in doc.iter("a")}
    assert "more on the site" not in text
    assert [img.get("src") for img in doc.iter("img")] == [letter.entries[0].cover.src]
    assert doc.xpath("//h1/a")[0].text_content() == letter.shop.name


def test_a_brand_colour_that_is_not_one_is_refused() -> None:
    letter = make_letter("en")
    bad = dataclasses.replace(letter.shop, primary="red;}</style><script>")
    with pytest.raises(ValueError, match="primary"):
        render(dataclasses.replace(letter, shop=bad), THEME, speak("en"))


# --- In a browser ------------------------------------------------------------


def _picture(width: int, height: int, kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (205, 150, 90)).save(out, kind)
    return out.getvalue()


def _serve_pictures(route: Any) -> None:
    """The shop's pictures, made up: the browser may fetch nothing real."""
    if route.request.url.endswith(".png"):
        route.fulfill(body=_picture(192, 192, "PNG"), content_type="image/png")
    else:
        route.fulfill(body=_picture(1200, 800, "JPEG"), content_type="image/jpeg")


@pytest.mark.browser
@pytest.mark.parametrize("width", [600, 375])
def test_the_letter_fits_the_screen(new_visit: Any, width: int) -> None:
    html, _text = render(make_letter("fr"), THEME, speak("fr"))
    with new_visit(viewport={"width": width, "height": 900}) as visit:
        visit.page.route(SITE + "**", _serve_pictures)
        visit.page.set_content(html, wait_until="load")
        sizes = visit.page.evaluate(
            """() => ({
                scroll: document.documentElement.scrollWidth,
                inner: window.innerWidth,
                images: [...document.images].map(i => [i.complete, i.naturalWidth,
                    i.getBoundingClientRect().width, i.getBoundingClientRect().right]),
            })"""
        )
        SHOTS.mkdir(parents=True, exist_ok=True)
        visit.page.screenshot(path=str(SHOTS / f"letter-{width}.png"), full_page=True)
        assert visit.errors == [] and visit.elsewhere == []
    assert sizes["scroll"] <= sizes["inner"] == width
    assert len(sizes["images"]) == 2
    for complete, natural, drawn_width, right in sizes["images"]:
        assert complete and natural > 0
        assert drawn_width > 0 and right <= width


@pytest.mark.browser
def test_dark_mode_beats_the_inline_colours(new_visit: Any) -> None:
    html, _text = render(make_letter("fr"), THEME, speak("fr"))
    with new_visit(viewport={"width": 375, "height": 900}, color_scheme="dark") as visit:
        visit.page.route(SITE + "**", _serve_pictures)
        visit.page.set_content(html, wait_until="load")
        colours = visit.page.evaluate(
            """() => [document.body, document.querySelector('h2 a'),
                      document.querySelector('.l-button-link')]
                .map(e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color])"""
        )
        SHOTS.mkdir(parents=True, exist_ok=True)
        visit.page.screenshot(path=str(SHOTS / "letter-375-dark.png"), full_page=True)
    body, title, button = colours
    assert body == ["rgb(29, 23, 18)", "rgb(243, 232, 214)"]
    assert title[1] == "rgb(243, 232, 214)"
    assert button[0] != "rgb(138, 59, 18)"  # the lighter brand colour, not the light one
