"""The example bakery, built with warnings as errors, read as a visitor would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

NNBSP, NBSP = "\u202f", "\u00a0"
ROOT_CONTENT = Path(__file__).resolve().parents[1] / "content"


@pytest.fixture
def built(example_output: Path) -> Path:
    return example_output


def read(output: Path, path: str) -> str:
    return (output / path).read_text(encoding="utf-8")


def test_no_french_locale_is_needed(built: Path) -> None:
    # The build above ran with LC_ALL=C; the machine may have no fr locale at all.
    page = read(built, "histoires/une-nuit-au-fournil/index.html")
    assert re.search(r'<time datetime="2025-09-08T[^"]+">8 septembre 2025</time>', page)


def test_every_kind_of_page_is_built(built: Path) -> None:
    expected = [
        "index.html",
        "404.html",
        "histoires/index.html",
        "tutoriels/index.html",
        "temoignages/index.html",
        "etiquettes/index.html",
        "etiquettes/levain/index.html",
        "histoires/comment-tout-a-commence/index.html",
        "tutoriels/pain-de-campagne-au-levain/index.html",
        "en/stories/le-moulin-de-la-bourbre/index.html",
        "a-propos/index.html",
        "contact/index.html",
        "faq/index.html",
        "mentions-legales/index.html",
    ]
    missing = [path for path in expected if not (built / path).is_file()]
    assert missing == []
    assert len(list((built / "histoires").glob("*/index.html"))) == 7
    assert len(list((built / "tutoriels").glob("*/index.html"))) == 3


def test_drafts_and_future_posts_are_nowhere(built: Path) -> None:
    everything = "\n".join(p.read_text(encoding="utf-8") for p in built.rglob("*.html"))
    for slug, title in [
        ("brouillon-projet-salon-de-the", "salon de thé"),
        ("a-paraitre-fete-du-pain", "fête du pain de l’an 2099"),
    ]:
        assert not list(built.rglob(f"*{slug}*"))
        assert slug not in everything
        assert title not in everything


def test_home_has_what_the_brief_asks(built: Path) -> None:
    home = read(built, "index.html")
    assert home.count('class="card"') == 4 + 1  # latest stories + featured tutorial
    assert "Pain de campagne au levain" in home  # the featured tutorial
    assert home.count('class="testimonial"') >= 3
    assert "Commander pour demain" in home
    assert "12 rue des Tanneurs" in home
    assert "Mardi – vendredi" in home and "07:00–13:30, 15:30–19:30" in home
    nav = home.split('class="site-nav site-nav--wide"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/faq/">FAQ</a>' in nav  # Menu: FAQ, shorter than the title


def test_french_typography_in_content_and_not_in_code(built: Path) -> None:
    page = read(built, "histoires/une-nuit-au-fournil/index.html")
    assert f"{NBSP}:" in page or f"{NNBSP}?" in page or f"{NNBSP}!" in page
    assert "’" in page
    body = page.split('<div class="post__body">', 1)[1].split("</div>", 1)[0]
    text = re.sub(r"<(code|pre|kbd)\b.*?</\1>|<[^>]+>", "", body, flags=re.S)
    # No straight apostrophe in a word, no plain space (or none) before ; ! ? :
    assert not re.search(r"\w'\w|\w[ \t\n]?[;!?]|\w[ \t\n]:", text), "untypeset text left"


def test_tutorial_shows_steps_times_supplies_and_a_click_to_load_video(built: Path) -> None:
    page = read(built, "tutoriels/pain-de-campagne-au-levain/index.html")
    assert '<ol class="steps">' in page
    assert "Préparation" in page and "Temps total" in page and "Ingrédients" in page
    assert "<iframe" not in page
    assert 'class="video"' in page and 'href="https://www.youtube.com/watch?v=' in page
    headings = read(built, "tutoriels/entretenir-son-levain/index.html")
    assert headings.count('class="step"') == 6


def test_testimonials_are_attached_and_the_wall_lists_all(built: Path) -> None:
    wall = read(built, "temoignages/index.html")
    assert wall.count('<figure class="testimonial"') == 8
    story = read(built, "histoires/le-moulin-de-la-bourbre/index.html")
    assert 'class="post__testimonials"' in story


def test_reading_time_prev_next_related(built: Path) -> None:
    page = read(built, "histoires/une-nuit-au-fournil/index.html")
    assert re.search(r"\d+ min de lecture", page)
    assert 'rel="prev"' in page or 'rel="next"' in page
    assert 'class="related"' in page


def test_faq_questions_are_sections(built: Path) -> None:
    page = read(built, "faq/index.html")
    assert page.count('class="faq__item"') >= 6
    assert "{filename}" not in page


def test_translation_is_rendered_in_its_language(built: Path) -> None:
    page = read(built, "en/stories/le-moulin-de-la-bourbre/index.html")
    assert '<html lang="en">' in page
    assert "Skip to content" in page and re.search(r"\d+ min read", page)
    french = read(built, "histoires/le-moulin-de-la-bourbre/index.html")
    assert 'hreflang="en"' in french


def test_no_reference_to_another_host(built: Path) -> None:
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for attr in re.findall(r'(?:src|srcset)="([^"]+)"', html):
            assert not attr.startswith(("http:", "https:", "//")), (page, attr)
        for href in re.findall(r'<link[^>]+href="([^"]+)"', html):
            assert not href.startswith(("http:", "https:", "//")), (page, href)


def test_every_internal_link_and_image_resolves(built: Path) -> None:
    broken = []
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for target in re.findall(r'(?:href|src)="(/[^"#?]*)', html):
            path = built / target.lstrip("/")
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{page.relative_to(built)} -> {target}")
    assert broken == []


def test_french_words_in_the_english_page_are_marked_french(built: Path) -> None:
    page = read(built, "en/stories/le-moulin-de-la-bourbre/index.html")
    quotes = re.findall(r'<figure class="testimonial"[^>]*>', page)
    assert quotes and all('lang="fr"' in tag for tag in quotes)
    footer = page.split('class="site-footer"', 1)[1]
    assert 'href="/a-propos/" lang="fr"' in footer
    assert 'href="/histoires/"' in page  # the stories list is French-only


def test_every_img_has_width_height_and_alt(built: Path) -> None:
    missing = []
    for page in built.rglob("*.html"):
        for tag in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8")):
            for attr in ("width", "height", "alt"):
                if not re.search(rf'\s{attr}="[^"]*"', tag):
                    missing.append(f"{page.relative_to(built)}: {attr} in {tag[:80]}")
    assert missing == []


def test_original_photos_are_not_published(built: Path) -> None:
    originals = {p.name for p in (ROOT_CONTENT / "images").glob("*.jpg")}
    published = {p.name for p in built.rglob("*") if p.is_file()}
    assert originals and not originals & published


def test_a_list_page_fetches_its_first_cover_first(built: Path) -> None:
    # The first card's cover is a list page's largest paint: not lazy.
    for path in ("histoires/index.html", "etiquettes/levain/index.html"):
        covers = re.findall(r'<img class="card__image"[^>]*>', read(built, path))
        assert len(covers) >= 2, path
        assert 'fetchpriority="high"' in covers[0] and 'loading="lazy"' not in covers[0]
        assert all('loading="lazy"' in img for img in covers[1:]), path
