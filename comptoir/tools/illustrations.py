"""``invoke illustrations``: the example site's drawings, as photos for its covers.

It owns the step from ``content/illustrations/*.svg`` (drawn for the kit in the
brand's palette, 1800×1200) to ``content/images/<name>.jpg``, which the
stories and testimonials use like any photo. The JPEGs are committed, so a
build never needs this step; a drawing changed without its JPEG fails the
tests (tests/test_example_images.py).
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from comptoir.core.artefacts import PUBLIC, atomic_write
from comptoir.core.i18n import N_, OwnerError

# 3:2, as the theme crops covers: what the drawing shows is what a reader sees.
SIZE = (1800, 1200)
QUALITY = 88


class IllustrationError(OwnerError):
    """A drawing that cannot become a cover (``translated(settings)`` says why)."""


def render(source: Path) -> Image.Image:
    """The drawing at :data:`SIZE`, on RGB (a cover has no transparency)."""
    import resvg_py  # pinned in pyproject.toml; Pillow cannot read SVG

    try:
        png = resvg_py.svg_to_bytes(svg_path=str(source))
    except ValueError as error:
        message = N_("%(file)s cannot be drawn: %(reason)s")
        raise IllustrationError(message, file=str(source), reason=str(error)) from error
    image = Image.open(io.BytesIO(bytes(png)))
    if image.size != SIZE:
        message = N_("%(file)s is %(width)s×%(height)s: draw it at 1800×1200 (3:2).")
        raise IllustrationError(message, file=str(source), width=image.width, height=image.height)
    # A transparent corner would turn black in a JPEG: it goes on the page's cream.
    flat = Image.new("RGB", SIZE, "#fffaf3")
    flat.paste(image, mask=image.convert("RGBA").getchannel("A"))
    return flat


def render_all(drawings: Path, images: Path) -> list[Path]:
    """Every ``drawings/*.svg`` as ``images/<name>.jpg`` (no metadata); the
    files written, in name order."""
    written = []
    for source in sorted(drawings.glob("*.svg")):
        image = render(source)
        target = images / f"{source.stem}.jpg"

        def save(path: str, image: Image.Image = image) -> None:
            image.save(path, "JPEG", quality=QUALITY, optimize=True)

        atomic_write(target, save, mode=PUBLIC)
        written.append(target)
    return written
