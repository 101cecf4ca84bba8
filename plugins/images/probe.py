"""Open an image safely and say what it is, or why it cannot be used.

Formats are on an allow-list; a decompression bomb is an error, not a
warning; HEIC photos (what iPhones save by default) get a message saying how
to export them. Every refusal is an :class:`ImageProblem` with a msgid, never
a traceback.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from comptoir.core.i18n import N_
from comptoir.core.i18n.errors import OwnerError

ALLOWED = {"JPEG": "jpeg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
HEIC_SUFFIXES = (".heic", ".heif", ".avif")
# Pillow warns past ~89 Mpx and refuses past twice that; we refuse past the
# warning: no phone photo is that big, and decoding one needs ~360 MB.
MAX_PIXELS = Image.MAX_IMAGE_PIXELS


class ImageProblem(OwnerError):
    """An image that cannot be used, and why."""


@dataclass(frozen=True)
class Probe:
    """What an image is, as shown (EXIF orientation applied)."""

    format: str  # jpeg, png, gif or webp
    width: int
    height: int
    alpha: bool
    animated: bool


def open_checked(path: str) -> Image.Image:
    """``Image.open`` with the allow-list and bomb checks; the caller closes."""
    if path.lower().endswith(HEIC_SUFFIXES):
        raise ImageProblem(
            N_(
                "HEIC/HEIF photos cannot be used on the web: export it as JPEG (on an iPhone, "
                "Settings › Camera › Formats › Most Compatible; on a Mac, open it in Preview and "
                "choose File › Export › JPEG)."
            )
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ImageProblem(
            N_(
                "This image is far too large (over %(limit)s million pixels): resize it below "
                "6000 pixels wide before adding it."
            ),
            limit=str(MAX_PIXELS // 1_000_000),
        ) from None
    except UnidentifiedImageError:
        raise ImageProblem(
            N_("This file is not an image Comptoir can read: use a JPEG, PNG, GIF or WebP photo.")
        ) from None
    except OSError as error:
        raise ImageProblem(N_("This image cannot be opened: %(error)s"), error=str(error)) from None
    if image.format not in ALLOWED:
        image.close()
        raise ImageProblem(
            N_("Images in %(format)s format are not accepted: use JPEG, PNG, GIF or WebP."),
            format=str(image.format),
        )
    return image


def probe(path: str) -> Probe:
    """Read the header (not the pixels) of an allowed image."""
    with open_checked(path) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112, 1) if image.format in ("JPEG", "WEBP") else 1
        if orientation in (5, 6, 7, 8):
            width, height = height, width
        alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        animated = bool(getattr(image, "is_animated", False))
        return Probe(ALLOWED[image.format], width, height, alpha, animated)


def load_for_web(path: str) -> Image.Image:
    """Decode fully, apply EXIF orientation, convert to RGB or RGBA.

    Truncated or corrupt files fail here, with an :class:`ImageProblem`.
    """
    image = open_checked(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
        icc = image.info.get("icc_profile")
        image = ImageOps.exif_transpose(image)
        image = _web_mode(image)
        if icc:
            image.info["icc_profile"] = icc
        return image
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageProblem(
            N_("This image is damaged or incomplete (%(error)s): export it again."),
            error=str(error) or type(error).__name__,
        ) from None


def _web_mode(image: Image.Image) -> Image.Image:
    """RGB, or RGBA when there is transparency; 16-bit and CMYK brought down."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale to 8 bits rather than clip at 255.
        image = image.point(lambda value: value / 256).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("RGBA", "LA", "PA"):
        return image.convert("RGBA")
    if image.mode == "RGBa":
        return image.convert("RGBA")
    return image.convert("RGB")
