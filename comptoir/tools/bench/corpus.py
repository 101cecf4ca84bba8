"""A deterministic synthetic corpus in French: stories, a few pages, photos.

The same seed gives byte-identical files, so runs compare like with like.
Photos are drawn (gradients, shapes, noise) rather than shipped: 200 files of
2400×1600 would weigh hundreds of MB in git.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from PIL import Image, ImageDraw

WORDS = [
    "pain",
    "levain",
    "farine",
    "four",
    "bois",
    "pâte",
    "croûte",
    "mie",
    "boulanger",
    "fournil",
    "matin",
    "nuit",
    "quartier",
    "client",
    "recette",
    "seigle",
    "froment",
    "épeautre",
    "sel",
    "eau",
    "levure",
    "beurre",
    "brioche",
    "croissant",
    "baguette",
    "miche",
    "pétrin",
    "façonnage",
    "cuisson",
    "chaleur",
    "odeur",
    "rue",
    "marché",
    "voisin",
    "fête",
    "saison",
    "hiver",
    "printemps",
    "été",
    "automne",
    "meunier",
    "moulin",
    "blé",
    "champ",
    "récolte",
    "grain",
    "partage",
    "table",
    "famille",
    "enfant",
    "atelier",
    "geste",
    "patience",
    "temps",
    "goût",
    "douceur",
    "caramel",
    "noisette",
]
VERBS = [
    "prépare",
    "cuit",
    "façonne",
    "goûte",
    "partage",
    "raconte",
    "attend",
    "pétrit",
    "ouvre",
    "retrouve",
]
FIRST = dt.datetime(2000, 1, 1, 7, 0)
TAGS = ["levain", "farine", "quartier", "équipe", "fêtes", "savoir-faire", "saisons", "recettes"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
    words.insert(rng.randint(1, len(words) - 1), rng.choice(VERBS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", " !", " ?", " : voilà."])


def story_date(index: int) -> dt.datetime:
    """Eight hours apart from 2000 (7:00, 15:00, 23:00): 20,000 stories end
    in 2018, all in the past, and none at an hour a change of clocks skips.
    (One a day from 2020 put most of a large corpus in the future, where
    Comptoir holds a story back until its date and stock Pelican does not.)"""
    return FIRST + dt.timedelta(hours=8 * index)


def story(rng: random.Random, index: int, photos: int) -> str:
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 6))).capitalize()
    moment = story_date(index)
    tags = ", ".join(sorted(set(rng.sample(TAGS, rng.randint(1, 3)))))
    summary = sentence(rng)[:150]
    header = [
        f"Title: {title} {index}",
        f"Date: {moment:%Y-%m-%d %H:%M}",
        f"Summary: {summary}",
        f"Tags: {tags}",
        "Author: Camille Garnier",
    ]
    body = []
    if photos:
        number = rng.randrange(photos)
        header += [f"Image: images/photo-{number:04d}.jpg", "Image_alt: Une photo du fournil"]
    for section in range(rng.randint(3, 5)):
        body.append(f"## {sentence(rng)[:40].rstrip(' .!?:')}")
        for _ in range(rng.randint(2, 4)):
            body.append(" ".join(sentence(rng) for _ in range(rng.randint(3, 6))))
        if section == 1 and photos and rng.random() < 0.3:
            body.append(f"![Une photo](images/photo-{rng.randrange(photos):04d}.jpg)")
    return "\n".join(header) + "\n\n" + "\n\n".join(body) + "\n"


def photo(rng: random.Random, path: Path, size: tuple[int, int]) -> None:
    width, height = size
    base = Image.linear_gradient("L").resize(size).convert("RGB")
    tint = Image.new("RGB", size, tuple(rng.randint(60, 220) for _ in range(3)))
    image = Image.blend(base, tint, 0.6)
    draw = ImageDraw.Draw(image)
    for _ in range(25):
        x, y = rng.randrange(width), rng.randrange(height)
        radius = rng.randint(40, 300)
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    # Grain, so the photos compress like photos rather than flat drawings.
    noise = Image.frombytes("L", size, rng.randbytes(width * height)).convert("RGB")
    Image.blend(image, noise, 0.15).save(path, "JPEG", quality=88)


def generate(
    root: Path, stories: int, photos: int, seed: int = 1, photo_size: tuple[int, int] = (2400, 1600)
) -> None:
    """Write ``content/`` under ``root``: stories, two pages and photos."""
    rng = random.Random(seed)
    content = root / "content"
    (content / "stories").mkdir(parents=True, exist_ok=True)
    (content / "pages").mkdir(parents=True, exist_ok=True)
    (content / "images").mkdir(parents=True, exist_ok=True)
    for number in range(photos):
        path = content / "images" / f"photo-{number:04d}.jpg"
        if not path.exists():
            photo(random.Random(seed * 100_003 + number), path, photo_size)
    for index in range(stories):
        text = story(rng, index, photos)
        (content / "stories" / f"histoire-{index:05d}.md").write_text(text, encoding="utf-8")
    for slug, title in (("a-propos", "À propos"), ("contact", "Contact")):
        page = f"Title: {title}\nSummary: {sentence(rng)[:120]}\n\n{sentence(rng)}\n"
        (content / "pages" / f"{slug}.md").write_text(page, encoding="utf-8")
