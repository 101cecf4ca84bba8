"""A small site for the feeds' tests, and how they read a feed back.

The site has what a feed must carry or leave out: two stories (one with a
cover photo and a picture in its text, made here with Pillow), a tutorial,
a testimonial, tags, an English translation (not in the French feeds), a
draft and a post dated 2099 (in no feed).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[3]
SITE = "https://b.example"
PROD = f'SITEURL = "{SITE}"\n'

STORIES: dict[str, str] = {
    "content/stories/premiere-fournee.md": """
        Title: La première fournée
        Id: 5b0c7f1e-3d2a-4c8b-9e6f-1a2b3c4d5e6f
        Date: 2025-03-01 08:00
        Author: Camille Garnier
        Summary: Le four est chaud : voici le premier pain.
        Image: images/four.jpg
        Image_alt: La bouche du four à bois, braises rouges
        Tags: levain, fournil

        Nous avons allumé le four à 3 heures[^1]. Lisez aussi
        [l’histoire de la farine]({filename}/stories/la-farine.md) et
        [notre levain](../levain/).

        ![Le four ouvert](../images/four.jpg)

        [^1]: Du matin.
        """,
    "content/stories/la-farine.md": """
        Title: D’où vient la farine
        Date: 2025-02-10 07:30
        Author: Rémi Garnier
        Summary: Un moulin à meules de pierre, à une heure de Lyon.
        Tags: farine

        Le meunier s’appelle Bernard.
        """,
    "content/stories/la-farine-en.md": """
        Title: Where the flour comes from
        Slug: la-farine
        Lang: en
        Translation: true
        Date: 2025-02-10 07:30
        Author: Rémi Garnier
        Summary: A stone mill an hour from Lyon.
        Tags: farine

        The miller is called Bernard.
        """,
    "content/stories/brouillon.md": """
        Title: Un brouillon
        Date: 2025-04-01 08:00
        Status: draft

        Pas encore.
        """,
    "content/stories/plus-tard.md": """
        Title: Plus tard
        Date: 2099-06-01 08:00

        Pas avant 2099.
        """,
    "content/tutorials/baguette.md": """
        Title: La baguette de tradition
        Date: 2025-02-20 16:00
        Author: Camille Garnier
        Summary: Farine, eau, sel, levure : et du temps.
        Kind: howto
        Duration: 1 h 30
        Tags: farine, savoir-faire

        1. Mélangez.
        2. Attendez.
        """,
    "content/testimonials/jo.md": """
        Name: Jo B.
        Date: 2025-02-25 18:00
        Consent: 2025-02-26 09:00
        Rating: 5

        La meilleure baguette du quartier.
        """,
}


def photo(path: Path, size: tuple[int, int] = (1200, 800)) -> None:
    """A JPEG photo: two flat halves, the same bytes on every run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (180, 60, 20))
    image.paste((40, 30, 20), (0, size[1] // 2, size[0], size[1]))
    image.save(path, "JPEG", quality=85)


@pytest.fixture
def feeds_site(make_site: Callable[..., Any]) -> Callable[..., Any]:
    """``feeds_site(extra_files, settings)``: the small site, not yet built."""

    def factory(files: dict[str, str] | None = None, settings: str = PROD) -> Any:
        site = make_site({**STORIES, **(files or {})}, settings)
        photo(site.root / "content/images/four.jpg")
        return site

    return factory


def read(path: Path) -> feedparser.FeedParserDict:
    """A feed as a reader gets it, without cleaning its HTML: what we compare
    is what we wrote."""
    return feedparser.parse(path.read_bytes(), sanitize_html=False, resolve_relative_uris=False)


@pytest.fixture
def read_feed() -> Callable[[Path], feedparser.FeedParserDict]:
    return read


@pytest.fixture(scope="session")
def published_example(tmp_path_factory: pytest.TempPathFactory, example_builder) -> Path:
    """The example site's output, built once, strictly, with publishconf.py
    (the absolute addresses feeds need), by the owner's command."""
    return example_builder(tmp_path_factory.mktemp("example-published"), "publishconf.py")
