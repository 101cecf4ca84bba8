"""Embeds: self-contained cards, oEmbed files and their discovery, the
two-line snippet, widgets and the partners' page, settings."""

from __future__ import annotations

import html
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image

from comptoir.plugins.embeds import SANDBOX

ROOT = Path(__file__).resolve().parents[3]
SITE = "https://boulangerie.example"
PROD = f'SITEURL = "{SITE}"\n'
TITLE = 'Un pain & du « levain » "cuit" </textarea><b>'
STORY = (
    f"Title: {TITLE}\nDate: 2025-03-01 08:00\n"
    "Summary: Une nuit au fournil, racontée heure par heure, du feu à la fournée.\n"
    "Image: images/pain.jpg\nImage_alt: Une miche\nAuthor: Rémi\n\nTexte.\n"
)
TUTORIAL = "Title: Le levain\nDate: 2025-02-01 08:00\nSummary: Le nourrir.\n\n1. Mélangez.\n"
TRANSLATION = "Title: One\nDate: 2025-03-01 08:00\nSlug: un\nLang: en\nTranslation: true\n\nText.\n"
QUOTE = (
    "Name: Anne B.\nDate: 2025-04-01 10:00\nConsent: 2025-04-02\nRole: cliente\n"
    "Photo: images/anne.jpg\nPhoto_alt: Anne\n\nLe meilleur pain du quartier.\n"
)


def make(make_site, settings: str = PROD, **extra: str):
    files = {
        "content/stories/un.md": STORY,
        "content/stories/un-en.md": TRANSLATION,
        "content/tutorials/levain.md": TUTORIAL,
        "content/testimonials/anne.md": QUOTE,
        **extra,
    }
    site = make_site(files, settings=settings)
    (site.root / "content/images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1600, 900), "tan").save(site.root / "content/images/pain.jpg")
    Image.new("RGB", (600, 600), "peru").save(site.root / "content/images/anne.jpg")
    return site


def built(make_site, settings: str = PROD, **extra: str):
    site = make(make_site, settings, **extra)
    result = site.build()
    assert result.ok, site.messages(result)
    return site


def flat(text: str) -> str:
    """French typography puts no-break spaces inside « »: compare without."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def head(page: str) -> str:
    return page.split("</head>", 1)[0]


def snippet(page: str, anchor: str) -> str:
    """The text a reader copies from the embed code box ``c-embed-<anchor>``."""
    found = re.search(rf'<textarea id="c-embed-{anchor}"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, f"no embed code {anchor}"
    return html.unescape(found.group(1))


class Quote(HTMLParser):
    """The blockquote's attributes, links and text, as a browser reads them."""

    def __init__(self, text: str):
        super().__init__()
        self.attrs: dict[str, str] = {}
        self.links: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._href: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "blockquote":
            self.attrs = dict(attrs)
        elif tag == "a":
            self._href = dict(attrs)["href"]
            self.links.append((self._href, ""))

    def handle_data(self, data):
        self.text.append(data)
        if self._href is not None:
            self.links[-1] = (self._href, self.links[-1][1] + data)

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None


def urls(page: str) -> list[str]:
    found = re.findall(r'(?:src|href)="([^"]*)"', page)
    for srcset in re.findall(r'srcset="([^"]*)"', page):
        found += [part.split()[0] for part in srcset.split(", ")]
    return found


def test_story_card_is_self_contained(make_site) -> None:
    site = built(make_site)
    card = site.page("embed/histoires/un/index.html")
    assert '<html lang="fr">' in card
    assert '<meta name="robots" content="noindex">' in card
    assert f'<link rel="canonical" href="{SITE}/histoires/un/">' in card
    # Inline CSS with the brand's colours and a dark twin; no stylesheet, no font.
    assert "<style>" in card and "prefers-color-scheme:dark" in card
    assert "--brand:" in card
    assert 'rel="stylesheet"' not in card and "@font-face" not in card and "@import" not in card
    # Nothing from another host: every address is the site's own.
    assert all(u.startswith(f"{SITE}/") for u in urls(card)), urls(card)
    assert re.findall(r"<script[^>]*>", card) == [
        f'<script src="{SITE}/theme/js/embed-frame.js" defer>'
    ]
    # Title, summary, thumbnail, logo or name, and the way back, out of the frame.
    assert "Un pain &amp; du « levain »" in flat(card)
    assert "Une nuit au fournil, racontée" in card
    assert 'alt="Une miche"' in card and "media/images/pain-480." in card
    assert f'<a href="{SITE}/histoires/un/" target="_top">' in card
    assert f'<a class="embed__brand" href="{SITE}/" target="_top">' in card
    assert "<iframe" not in card and "cookie" not in card.lower()


def test_each_story_tutorial_translation_and_testimonial_has_a_card(make_site) -> None:
    site = built(make_site)
    assert '<html lang="en">' in site.page("embed/en/stories/un/index.html")
    tutorial = site.page("embed/tutoriels/levain/index.html")
    assert f'href="{SITE}/tutoriels/levain/" target="_top"' in tutorial
    card = site.page("embed/temoignages/anne/index.html")
    assert "Le meilleur pain du quartier." in card and "Anne B." in card
    assert f'href="{SITE}/temoignages/#t-anne" target="_top"' in card
    assert f'<link rel="canonical" href="{SITE}/temoignages/">' in card
    assert 'alt="Anne"' in card


def test_oembed_documents_are_complete_and_absolute(make_site) -> None:
    site = built(make_site)
    doc = json.loads(site.page("embed/histoires/un/oembed.json"))
    assert doc["version"] == "1.0" and doc["type"] == "rich"
    assert flat(doc["title"]) == TITLE
    assert doc["author_name"] == "Rémi"
    assert (doc["provider_name"], doc["provider_url"]) == ("Test", f"{SITE}/")
    assert doc["width"] == 560 and 150 < doc["height"] < 600
    assert doc["cache_age"] > 0
    assert doc["thumbnail_url"].startswith(f"{SITE}/media/images/pain-800.")
    assert (doc["thumbnail_width"], doc["thumbnail_height"]) == (800, 450)
    frame = doc["html"]
    assert frame.startswith(f'<iframe src="{SITE}/embed/histoires/un/" title="')
    assert f'sandbox="{SANDBOX}"' in frame and 'loading="lazy"' in frame
    assert f'height="{doc["height"]}"' in frame
    assert "&lt;/textarea&gt;" in frame and "</textarea>" not in frame

    quote = json.loads(site.page("embed/temoignages/anne/oembed.json"))
    assert quote["author_name"] == "Anne B."
    assert quote["author_url"] == f"{SITE}/temoignages/#t-anne"
    assert quote["thumbnail_url"].startswith(f"{SITE}/media/images/anne-")
    for widget in ("histoires", "temoignages"):
        doc = json.loads(site.page(f"embed/{widget}/oembed.json"))
        assert doc["html"].startswith(f'<iframe src="{SITE}/embed/{widget}/"')


def test_discovery_links_are_in_the_head(make_site) -> None:
    site = built(make_site)
    story = head(site.page("histoires/un/index.html"))
    assert (
        '<link rel="alternate" type="application/json+oembed" '
        f'href="{SITE}/embed/histoires/un/oembed.json" title="Un pain &amp; du'
    ) in story
    english = head(site.page("en/stories/un/index.html"))
    assert f'href="{SITE}/embed/en/stories/un/oembed.json"' in english
    # Testimonials have no page: the wall's address stands for their widget.
    wall = head(site.page("temoignages/index.html"))
    assert f'type="application/json+oembed" href="{SITE}/embed/temoignages/oembed.json"' in wall


def test_snippet_is_two_lines_that_read_without_javascript(make_site) -> None:
    site = built(make_site)
    page = site.page("histoires/un/index.html")
    line1, line2 = snippet(page, "histoires-un").split("\n")
    assert line2 == f'<script async src="{SITE}/theme/js/embed.js"></script>'
    quote = Quote(line1)
    assert quote.attrs["class"] == "comptoir-embed"
    assert quote.attrs["data-embed"] == f"{SITE}/embed/histoires/un/"
    assert flat(quote.attrs["data-title"]) == f"{TITLE} — Test"
    assert quote.attrs["lang"] == "fr"
    # The hostile title comes back whole, as text, and links back.
    assert (f"{SITE}/histoires/un/", TITLE) in [(u, flat(t)) for u, t in quote.links]
    assert (f"{SITE}/", "Test") in quote.links
    assert "Une nuit au fournil, racontée" in "".join(quote.text)
    assert '<label for="c-embed-histoires-un">' in page
    assert "Intégrer cette histoire" in page

    wall = site.page("temoignages/index.html")
    line1, line2 = snippet(wall, "temoignages-anne").split("\n")
    quote = Quote(line1)
    assert quote.attrs["data-embed"] == f"{SITE}/embed/temoignages/anne/"
    assert "Le meilleur pain du quartier." in "".join(quote.text)
    assert (f"{SITE}/temoignages/#t-anne", "Test") in quote.links
    assert "embed-code.js" in wall


def test_widgets_and_the_partners_page(make_site) -> None:
    extra = {
        f"content/stories/s{i}.md": f"Title: S{i}\nDate: 2025-01-0{i} 08:00\n\nT.\n"
        for i in (1, 2, 3)
    }
    site = built(make_site, PROD + "EMBED_LATEST_COUNT = 2\n", **extra)
    latest = site.page("embed/histoires/index.html")
    assert latest.count("<h2>") == 2
    assert latest.index("Un pain") < latest.index(">S3<")
    assert "S2" not in latest and "Le levain" not in latest  # stories only
    assert f'href="{SITE}/histoires/" target="_top"' in latest
    quotes = site.page("embed/temoignages/index.html")
    assert "Le meilleur pain du quartier." in quotes
    partners = site.page("embed/index.html")
    assert 'rel="stylesheet"' in partners  # a page of the site, not a card
    for widget in ("stories", "testimonials"):
        line1, line2 = snippet(partners, f"widget-{widget}").split("\n")
        assert Quote(line1).attrs["data-embed"].startswith(f"{SITE}/embed/")
        assert line2.endswith('/theme/js/embed.js"></script>')


def test_development_build_keeps_cards_but_says_the_code_is_not_for_pasting(make_site) -> None:
    site = built(make_site, "")
    assert site.page("embed/histoires/un/index.html")
    assert not (site.output / "embed/histoires/un/oembed.json").exists()
    page = site.page("histoires/un/index.html")
    assert "json+oembed" not in page
    line1, _ = snippet(page, "histoires-un").split("\n")
    assert 'data-embed="/embed/histoires/un/"' in line1
    assert "SITEURL" in page.split('id="c-embed-histoires-un"', 1)[1].split("</details>")[0]
    assert 'rel="canonical"' not in site.page("embed/histoires/un/index.html")


def test_only_published_items_are_embeddable(make_site) -> None:
    site = built(
        make_site,
        PROD,
        **{
            "content/stories/brouillon.md": "Title: B\nDate: 2025-01-01\nStatus: draft\n\nT.\n",
            "content/testimonials/zoe.md": "Name: Zoé\nDate: 2025-01-01\nConsent: 2999-01-01\n\nQ.\n",
        },
    )
    assert not (site.output / "embed/histoires/brouillon").exists()
    assert not (site.output / "embed/temoignages/zoe").exists()


def test_embeds_can_be_turned_off(make_site) -> None:
    site = built(make_site, PROD + "EMBEDS = False\n")
    assert not (site.output / "embed").exists()
    assert "comptoir-embed" not in site.page("histoires/un/index.html")
    assert "json+oembed" not in site.page("temoignages/index.html")
    assert "embed-code" not in site.page("temoignages/index.html")


def test_settings_are_checked(make_site) -> None:
    for value in ("0", "21", '"3"', "True"):
        site = make(make_site, PROD + f"EMBED_LATEST_COUNT = {value}\n")
        result = site.build()
        assert not result.ok
        assert any("EMBED_LATEST_COUNT" in m for m in site.messages(result))
    site = make(make_site, PROD + 'EMBEDS = "yes"\n')
    assert not site.build().ok


def test_a_page_at_embed_is_refused_with_its_file(make_site) -> None:
    site = make(make_site, PROD, **{"content/pages/embed.md": "Title: Intégrer\n\nT.\n"})
    result = site.build()
    assert not result.ok
    assert any("embed.md" in m and "/embed/" in m for m in site.messages(result))


def test_embed_js_uses_the_same_sandbox_as_oembed() -> None:
    script = (ROOT / "theme/static/js/embed.js").read_text(encoding="utf-8")
    assert sorted(re.findall(r"allow-[a-z-]+", script)) == sorted(SANDBOX.split())
    assert "event.origin !== origin" in script and "contentWindow === event.source" in script


def test_published_pages_with_embeds_are_valid_html(make_site) -> None:
    """The Nu checker on a published build (tests/test_html_valid.py checks the
    example's development build, which has no discovery links)."""
    vnu = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert vnu.is_file(), "the Nu HTML checker is missing: run `invoke test-deps`"
    site = built(make_site)
    pages = [
        "histoires/un/index.html",
        "temoignages/index.html",
        "embed/index.html",
        "embed/histoires/un/index.html",
        "embed/temoignages/anne/index.html",
        "embed/histoires/index.html",
        "embed/temoignages/index.html",
    ]
    done = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", *(str(site.output / p) for p in pages)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
