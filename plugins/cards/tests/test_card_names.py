"""Every share image a page names exists, under a name that stays the same
from build to build, even when two items share a title and a cover."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image

IMAGE_META = re.compile(r'<meta (?:property|name)="(?:og:image|twitter:image)" content="([^"]+)"')
TUTORIAL = (
    "Title: Pain de mie\nDate: 2025-03-0{day} 08:00\nKind: recipe\nImage: images/mie.jpg\n"
    "Image_alt: Un pain de mie tranché\nSummary: Le pain de mie moelleux, pour les tartines "
    "du dimanche matin.\n\n1. Pétrir.\n2. Cuire.\n"
)
STORY = (
    "Title: Le fournil\nDate: 2025-03-05 08:00\nImage: images/mie.jpg\nImage_alt: Le four\n"
    "{extra}\nUne nuit au fournil.\n"
)


def named_images(output: Path) -> dict[str, set[str]]:
    """Each page's og:image and twitter:image, as paths in the output."""
    found = {}
    for page in sorted(output.rglob("*.html")):
        urls = IMAGE_META.findall(page.read_text(encoding="utf-8"))
        found[str(page.relative_to(output))] = {urlsplit(url).path.lstrip("/") for url in urls}
    return found


def missing(output: Path) -> list[str]:
    return [
        f"{page}: {path}"
        for page, paths in named_images(output).items()
        for path in sorted(paths)
        if not (output / path).is_file()
    ]


def test_items_sharing_a_title_and_a_cover_each_have_their_card(make_site) -> None:
    site = make_site(
        {
            # Two recipes of one name and one photo (a second version of it).
            "content/tutorials/pain-de-mie.md": TUTORIAL.format(day=1),
            "content/tutorials/pain-de-mie-complet.md": TUTORIAL.format(day=2),
            # A story and its translation, one title, one photo.
            "content/stories/fournil.md": STORY.format(extra=""),
            "content/stories/fournil-en.md": STORY.format(extra="Slug: fournil\nLang: en\n"),
        }
    )
    (site.root / "content/images").mkdir(parents=True)
    Image.new("RGB", (1200, 800), "wheat").save(site.root / "content/images/mie.jpg")
    result = site.build()
    assert result.ok, site.messages(result)
    cards = {p for paths in named_images(site.output).values() for p in paths if "social/" in p}
    pages = ("tutoriels/pain-de-mie/", "tutoriels/pain-de-mie-complet/", "histoires/fournil/")
    assert all(
        any(f"{page}index.html" in name for name in named_images(site.output)) for page in pages
    )
    assert len(cards) >= 4
    assert missing(site.output) == []
    first = sorted(p.name for p in (site.output / "social").iterdir())
    for workers in (1, 2):
        assert site.build(COMPTOIR_WORKERS=workers).ok
        assert sorted(p.name for p in (site.output / "social").iterdir()) == first
        assert missing(site.output) == []


def test_every_share_image_of_the_example_exists(example_output: Path) -> None:
    named = named_images(example_output)
    assert sum(len(paths) for paths in named.values()) > 20
    assert missing(example_output) == []
