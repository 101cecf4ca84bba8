"""Site icons from the brand: favicon.ico, apple-touch-icon, 192/512 PNGs and
a web manifest. Drawn once per (source, colours) and kept in the cache.

The source is ``BRAND["icon"]`` (a square mark) or else the logo, centred on
a square. SVG is rendered with resvg (Pillow cannot read SVG).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image

from comptoir.core.artefacts import link_into

from .probe import load_for_web

if TYPE_CHECKING:
    from comptoir.core.build import Build

FILES = ("favicon.ico", "apple-touch-icon.png", "icon-192.png", "icon-512.png")
MANIFEST = "site.webmanifest"


def _render(source: Path, size: int) -> Image.Image:
    if source.suffix.lower() == ".svg":
        import resvg_py  # an SVG logo needs it; pinned in pyproject.toml

        png = resvg_py.svg_to_bytes(svg_path=str(source), width=size)
        image = Image.open(io.BytesIO(bytes(png)))
        image.load()
        return image.convert("RGBA")
    image = load_for_web(str(source)).convert("RGBA")
    image.thumbnail((size, size), Image.Resampling.LANCZOS)
    return image


def _square(mark: Image.Image, size: int, background: str | None, margin: float) -> Image.Image:
    canvas = Image.new("RGBA", (size, size), background or (0, 0, 0, 0))
    inner = round(size * (1 - 2 * margin))
    fitted = mark.copy()
    fitted.thumbnail((inner, inner), Image.Resampling.LANCZOS)
    canvas.alpha_composite(fitted, ((size - fitted.width) // 2, (size - fitted.height) // 2))
    return canvas


def draw(source: Path, folder: Path, background: str) -> None:
    """Write the four icon files into ``folder``."""
    mark = _render(source, 1024)
    folder.mkdir(parents=True, exist_ok=True)
    _square(mark, 512, None, 0.04).save(folder / "icon-512.png", optimize=True)
    _square(mark, 192, None, 0.04).save(folder / "icon-192.png", optimize=True)
    # iOS shows transparency as black: the touch icon gets the brand background.
    _square(mark, 180, background, 0.1).convert("RGB").save(
        folder / "apple-touch-icon.png", optimize=True
    )
    _square(mark, 64, None, 0.0).save(folder / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


def manifest(settings: dict[str, Any], site: Mapping[str, Any]) -> str:
    """The web manifest: the site's name as pages show it, icons and colours."""
    brand, business = settings["BRAND"], site.get("business", {})
    base = settings.get("SITEURL", "")
    return json.dumps(
        {
            "name": business.get("name") or site.get("name", ""),
            "short_name": site.get("name", ""),
            "lang": settings.get("DEFAULT_LANG", "fr"),
            "start_url": f"{base}/",
            "display": "browser",
            "theme_color": brand["primary"],
            "background_color": brand["background"],
            "icons": [
                {"src": f"{base}/icon-192.png", "sizes": "192x192", "type": "image/png"},
                {"src": f"{base}/icon-512.png", "sizes": "512x512", "type": "image/png"},
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def make_icons(build: Build, cache_dir: Path, output: Path) -> None:
    """Draw (or reuse) the icons and put them, with the manifest, in ``output``."""
    settings = build.settings
    brand = settings.get("BRAND", {})
    name = brand.get("icon") or brand.get("logo")
    if not name:
        return
    source = Path(settings["PATH"]) / name
    key = hashlib.sha256(
        source.read_bytes() + f"{brand.get('background')}:v1".encode()
    ).hexdigest()[:12]
    folder = cache_dir / f"icons-{key}"
    if not folder.is_dir():
        # Drawn aside, then renamed: a cut build never leaves half an icon.
        cache_dir.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".icons-", dir=cache_dir))
        try:
            draw(source, scratch, brand.get("background", "#ffffff"))
            os.replace(scratch, folder)
        except OSError:
            if not folder.is_dir():  # another build drew it meanwhile: fine
                raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    link_into(output, ((folder / file, file) for file in FILES))
    (output / MANIFEST).write_text(manifest(settings, build.site), encoding="utf-8")
