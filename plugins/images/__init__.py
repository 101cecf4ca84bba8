"""Responsive, private images made with Pillow, cached by content hash. It owns
the build's :class:`~.registry.Images` (plans, parallel encoding, the cache
under ``cache/comptoir-images/``), the logo (``site["logo"]``), the site
icons and ``media/`` in the output. No EXIF is kept, and original photos
stay out of the site unless ``IMAGES_PUBLISH_ORIGINALS``.

Markdown images, covers, testimonial photos and the logo become
``<picture>`` elements with WebP and a JPEG/PNG fallback at several widths
(never upscaled), EXIF orientation applied and no EXIF kept. Encoding runs on
every core, once per source and settings (the cache is keyed by hash); the
original file is not published unless ``IMAGES_PUBLISH_ORIGINALS``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.i18n import N_
from comptoir.core.plugin import Plugin
from comptoir.core.settings import Setting
from comptoir.plugins.content.media import svg_size

from .icons import make_icons
from .markdown_ext import ImagesExtension
from .markup import svg_view, view
from .probe import ImageProblem
from .registry import RASTER, Images


def _widths(value: Any, _: dict) -> str | None:
    if (
        isinstance(value, list | tuple)
        and value
        and all(isinstance(w, int) and 16 <= w <= 4096 for w in value)
    ):
        return None
    return N_("Write a list of widths in pixels between 16 and 4096, like [480, 800, 1200, 1600].")


def _formats(value: Any, _: dict) -> str | None:
    if isinstance(value, list | tuple) and all(f in ("webp", "avif") for f in value):
        return None
    return N_('Write a list of modern formats among "webp" and "avif", like ["webp"].')


def _quality(value: Any, _: dict) -> str | None:
    ok = isinstance(value, int) and 30 <= value <= 100
    return None if ok else N_("Write a quality between 30 and 100 (80 is a good choice).")


SETTINGS = (
    Setting("IMAGE_WIDTHS", [480, 800, 1200, 1600], "Widths made of each photo.", _widths),
    Setting("IMAGE_FORMATS", ["webp"], "Modern formats, each with a JPEG/PNG fallback.", _formats),
    Setting("IMAGE_QUALITY", 80, "JPEG/WebP quality.", _quality),
    Setting("IMAGE_WORKERS", None, "Processes encoding images (default: one per core)."),
    Setting(
        "IMAGES_PUBLISH_ORIGINALS",
        False,
        "Also publish the original photo files as they are (with their EXIF).",
    ),
)


def image_view(build: Build, reference: str, alt: str) -> dict[str, Any]:
    """A template view of an image under content/; raises ImageProblem."""
    images = build.part(Images)
    found = images.resolve(reference)
    if found is None:
        raise ImageProblem(
            N_("“%(value)s” does not exist: check the file name in content/images/."),
            value=reference,
        )
    if found.lower().endswith(".svg"):
        full = str(images.content_root / found)
        return svg_view(images.url(found), svg_size(full), alt)
    return {**view(images.plan(found), alt, images.url), "source": found}


def site_values(build: Build) -> dict[str, Any]:
    """The logo every page shows, made responsive (None without one)."""
    build.part(Images)  # made now, before any worker process forks from this one
    logo = build.settings.get("BRAND", {}).get("logo")
    if not logo:
        return {"logo": None}
    try:
        return {"logo": image_view(build, logo, build.site["name"])}
    except ImageProblem as problem:
        build.report.add("pelicanconf.py", problem.translated(build.settings), key="BRAND")
        return {"logo": None}


# After typography: the logo's text alternative is the site's name as shown.
PLUGIN = Plugin(
    "images",
    settings=SETTINGS,
    markdown=(ImagesExtension,),
    start=site_values,
    after=("typography",),
)


def on_content_init(build: Build, content: Any) -> None:
    """``cover`` and ``photo_info`` views for templates, from Image and Photo."""
    settings = build.settings
    for key, alt_key, target in (
        ("image", "image_alt", "cover"),
        ("photo", "photo_alt", "photo_info"),
    ):
        value = getattr(content, key, None)
        if not isinstance(value, str) or not value:
            continue
        try:
            setattr(content, target, image_view(build, value, getattr(content, alt_key, "")))
        except ImageProblem as problem:
            setattr(content, target, None)
            reason = problem.translated(settings)
            build.report.add(
                content.source_path,
                build.gettext("Image %(src)s: %(problem)s", src=value, problem=reason),
                key=key,
                line=getattr(content, "comptoir_lines", {}).get(key),
            )


def on_static_finalized(build: Build, generator: Any) -> None:
    """Keep the original photos (and their EXIF) out of the site."""
    if build.settings.get("IMAGES_PUBLISH_ORIGINALS"):
        return
    kept = [s for s in generator.staticfiles if not s.source_path.lower().endswith(RASTER)]
    generator.staticfiles[:] = kept


def on_finalized(build: Build, pelican: Any) -> None:
    """Encode what the cache lacks, in parallel, and link it into the output."""
    settings = build.settings
    images = build.part(Images)
    report = build.report
    for done in images.encode_missing():
        if done.problem:
            message, values = done.problem
            report.add(
                os.path.join(settings["PATH"], done.source), build.gettext(message, **values)
            )
    images.publish(Path(pelican.output_path), build.in_place())
    report.stats["images"] = {
        "derivatives": images.stats.planned,
        "encoded": images.stats.encoded,
        "encode_seconds": images.stats.seconds,
        "worker_seconds": images.stats.worker_seconds,
    }
    make_icons(build, images.cache_dir, Path(pelican.output_path))


def register(build: Build) -> None:
    build.connect(signals.content_object_init, on_content_init)
    build.connect(signals.static_generator_finalized, on_static_finalized)
    build.connect(signals.finalized, on_finalized)
