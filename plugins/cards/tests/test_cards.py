"""Share cards in small built sites: size, weight, head and JSON-LD, cache."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from PIL import Image, ImageFont

from comptoir.plugins.cards.draw import MAX_BYTES, Job, _drawable, draw, draw_batch
from comptoir.plugins.cards.registry import Cards

FONTS = Path(__file__).resolve().parents[3] / "theme" / "fonts"


BLUE = """
BRAND = {"primary": "#114477", "on_primary": "#ffffff", "background": "#ffffff", "text": "#222222"}
"""


def noisy_photo(path: Path, size=(1600, 1200), seed: int = 1) -> None:
    """The hardest photo for JPEG: noise (a card must still stay under 300 KB)."""
    rng = random.Random(seed)
    image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=95)


def story(title: str, image: str = "images/pain.jpg", extra: str = "") -> str:
    return (
        f"Title: {title}\nDate: 2025-03-01\nImage: {image}\nImage_alt: Le pain\n{extra}\nTexte.\n"
    )


def head_image(html: str) -> tuple[str, int, int]:
    src = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    width = int(re.search(r'og:image:width" content="(\d+)"', html).group(1))
    height = int(re.search(r'og:image:height" content="(\d+)"', html).group(1))
    return src, width, height


def graph_images(html: str) -> list[dict]:
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )
    main = next(node for node in data["@graph"] if node.get("@id", "").endswith("#main"))
    return main["image"]


def test_a_noisy_photo_and_a_hostile_title_still_make_a_light_card(tmp_path: Path) -> None:
    noisy_photo(tmp_path / "photo.jpg")
    target = tmp_path / "card.jpg"
    job = Job(
        target=str(target),
        kind="card",
        photo=str(tmp_path / "photo.jpg"),
        title="L'œuvre « d'art » & le pain #1 </script> 🥖 — Anticonstitutionnellement\nsûr\u202f?",
        label="Histoire",
        footer="www.example.fr",
        title_font=str(FONTS / "Lato-Bold.ttf"),
        text_font=str(FONTS / "Lato-Regular.ttf"),
    )
    assert draw(job) is None
    assert target.stat().st_size <= MAX_BYTES
    with Image.open(target) as card:
        assert (card.format, card.size) == ("JPEG", (1200, 630))
        # Baseline, not progressive: only crawlers fetch cards, and a
        # progressive one takes 2.5 times as long to encode.
        assert "progressive" not in card.info and "progression" not in card.info


def test_cards_drawn_in_a_batch_are_those_drawn_alone(tmp_path: Path) -> None:
    """A batch shares the frame its cards have in common (label, footer,
    photo): each card must still be exactly the one drawn on its own."""
    noisy_photo(tmp_path / "photo.jpg")
    fonts = {
        "title_font": str(FONTS / "Lato-Bold.ttf"),
        "text_font": str(FONTS / "Lato-Regular.ttf"),
    }
    titles = [
        "Le pain du jour",
        "La fournée de minuit, en trois actes et un épilogue",
        "Croissants",
    ]
    jobs = [
        Job(
            str(tmp_path / f"batch-{n}.jpg"),
            "card",
            title=t,
            label="Histoire",
            footer="ex.fr",
            **fonts,
        )
        for n, t in enumerate(titles)
    ]
    jobs.append(
        Job(
            str(tmp_path / "batch-3.jpg"),
            "card",
            photo=str(tmp_path / "photo.jpg"),
            title="Photo",
            label="Histoire",
            footer="ex.fr",
            **fonts,
        )
    )
    jobs.append(
        Job(str(tmp_path / "batch-4.jpg"), "card", title="Autre", label="Tutoriel", **fonts)
    )
    assert draw_batch(jobs) == [None] * len(jobs)
    drawn = [Path(job.target).read_bytes() for job in jobs]
    for job in jobs:
        assert draw(job) is None  # alone, with no frame shared
    assert [Path(job.target).read_bytes() for job in jobs] == drawn
    assert len(set(drawn)) == len(drawn)


def test_characters_the_font_lacks_are_left_out_and_the_rest_kept() -> None:
    font = ImageFont.truetype(str(FONTS / "Lato-Bold.ttf"), 40)
    assert _drawable("Pain 🥖 « été » — œuvre\u202f?", font) == "Pain  « été » — œuvre\u202f?"
    assert _drawable("2 € le pain 麵包 ™", font) == "2 € le pain  ™"


def test_story_card_in_head_and_crops_in_structured_data(make_site) -> None:
    site = make_site({"content/stories/pain.md": story("Le pain de la veille")})
    noisy_photo(site.root / "content/images/pain.jpg")
    result = site.build()
    assert result.ok, site.messages(result)
    html = site.page("histoires/pain/index.html")
    src, width, height = head_image(html)
    assert re.fullmatch(r"/social/pain\.[0-9a-f]{12}\.jpg", src)
    with Image.open(site.output / src.lstrip("/")) as card:
        assert card.size == (width, height) == (1200, 630)
    assert (site.output / src.lstrip("/")).stat().st_size <= MAX_BYTES
    shots = graph_images(html)
    assert [round(s["width"] / s["height"], 2) for s in shots] == [1.78, 1.33, 1.0]
    for shot in shots:
        with Image.open(site.output / shot["url"].lstrip("/")) as crop:
            assert crop.size == (shot["width"], shot["height"])
            assert shot["width"] * shot["height"] >= 50_000  # Google's minimum
    assert (result.stats["cards"]["planned"], result.stats["cards"]["drawn"]) == (4, 4)


def test_drawn_again_only_when_an_input_changed(make_site) -> None:
    site = make_site(
        {
            "content/stories/pain.md": story("Le pain"),
            "content/stories/levain.md": story("Le levain"),
        }
    )
    noisy_photo(site.root / "content/images/pain.jpg")
    assert site.build().stats["cards"]["drawn"] == 5  # 2 cards + 3 crops of one photo
    assert site.build().stats["cards"]["drawn"] == 0
    site.write({"content/stories/pain.md": story("Le pain du dimanche")})
    assert site.build().stats["cards"]["drawn"] == 1  # that card only; crops unchanged
    noisy_photo(site.root / "content/images/pain.jpg", seed=2)
    assert site.build().stats["cards"]["drawn"] == 5
    site.write({"pelicanconf.py": site.settings.read_text() + BLUE})
    assert site.build().stats["cards"]["drawn"] == 2  # colours: both cards, not the crops


def test_no_card_for_a_draft_or_a_future_post(make_site) -> None:
    site = make_site(
        {
            "content/stories/secret.md": story("Projet secret", extra="Status: draft\n"),
            "content/stories/demain.md": story("Plus tard").replace("2025-03-01", "2099-01-01"),
        }
    )
    noisy_photo(site.root / "content/images/pain.jpg")
    result = site.build()
    assert result.ok, site.messages(result)
    assert result.stats["cards"]["planned"] == 0
    assert not (site.output / "social").exists()


def test_recipe_label_in_the_site_language_and_no_photo_card(make_site) -> None:
    site = make_site(
        {
            "content/tutorials/brioche.md": (
                "Title: La brioche\nDate: 2025-03-01\nKind: recipe\nSummary: Une brioche.\n\n"
                "1. Pétrir.\n2. Cuire.\n"
            )
        }
    )
    result = site.build()
    assert result.ok, site.messages(result)
    job = next(iter(result.build.part(Cards).jobs.values()))
    assert job.label == "Test · Recette" and job.photo is None
    html = site.page("tutoriels/brioche/index.html")
    src, *_ = head_image(html)
    # Without a cover, the card stands in for the image search engines require.
    assert graph_images(html) == [
        {"@type": "ImageObject", "url": src, "width": 1200, "height": 630}
    ]


def test_cards_off_falls_back_to_the_cover(make_site) -> None:
    site = make_site({"content/stories/pain.md": story("Le pain")}, "SOCIAL_CARDS = False\n")
    noisy_photo(site.root / "content/images/pain.jpg")
    result = site.build()
    assert result.ok, site.messages(result)
    src, width, _ = head_image(site.page("histoires/pain/index.html"))
    assert re.fullmatch(r"/media/images/pain-1600\.[0-9a-f]{12}\.jpg", src) and width == 1600
    assert not (site.output / "social").exists()


def test_a_missing_font_names_the_setting(make_site) -> None:
    site = make_site(
        {"content/stories/pain.md": story("Le pain", image="")},
        'SOCIAL_CARD_FONTS = {"title": "fonts/absente.ttf", "text": "fonts/absente.ttf"}\n',
    )
    result = site.build()
    assert not result.ok
    assert site.messages(result) == [
        f"{site.written_at('SOCIAL_CARD_FONTS')}: SOCIAL_CARD_FONTS — Le fichier de police «\u00a0fonts/absente.ttf\u00a0» "
        "n’existe pas."
    ]
