"""What to make from one source image: widths, formats, file names.

Derivative names carry a fingerprint of the source's bytes and of the
encoding settings, so a cached file is reused exactly when nothing that
shapes it changed, and browsers may cache it forever.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .probe import Probe

ENCODER_VERSION = "1"  # bump when the encoding code changes its output
MIME = {
    "webp": "image/webp",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "avif": "image/avif",
}
EXT = {"webp": "webp", "jpeg": "jpg", "png": "png", "gif": "gif", "avif": "avif"}


@dataclass(frozen=True)
class Derivative:
    width: int
    height: int
    format: str
    key: str  # file name in the cache, and the fingerprint in the URL
    name: str  # path in the output, e.g. media/images/pain-800.3fa2c1d9e0.webp


@dataclass(frozen=True)
class Plan:
    """Every file to make from one source, and how to describe it in HTML."""

    source: str  # path under content/, e.g. images/pain.jpg
    digest: str
    probe: Probe
    derivatives: tuple[Derivative, ...] = field(default=())

    @property
    def width(self) -> int:
        return max(d.width for d in self.derivatives)

    @property
    def height(self) -> int:
        return max(d.height for d in self.derivatives)

    def of(self, fmt: str) -> list[Derivative]:
        return sorted((d for d in self.derivatives if d.format == fmt), key=lambda d: d.width)

    @property
    def formats(self) -> list[str]:
        return list(dict.fromkeys(d.format for d in self.derivatives))


def widths_for(original: int, widths: list[int]) -> list[int]:
    """The configured widths below the original, plus the original width if it
    is smaller than the largest configured one: never upscaled."""
    chosen = [w for w in sorted(set(widths)) if w < original]
    if original <= max(widths):
        chosen.append(original)
    elif not chosen or chosen[-1] != max(widths):
        chosen.append(max(widths))
    return chosen


def formats_for(probe: Probe, modern: list[str]) -> list[str]:
    """Modern formats first, then a fallback every browser reads."""
    if probe.animated:
        return ["webp", "gif"] if "webp" in modern else ["gif"]
    fallback = "png" if probe.alpha else "jpeg"
    return [*(f for f in modern if f != fallback), fallback]


# Web versions live in a folder of their own, apart from the files copied as
# they are (logo.svg, a PDF): every file under it is fingerprinted, so one
# rule serves them all with a year-long cache (Cloudflare Pages reads at most
# 100 rules in _headers; a folder mixing both kinds needs one rule a file).
DERIVED = PurePosixPath("media")


def make_plan(
    source: str, digest: str, probe: Probe, widths: list[int], modern: list[str], quality: int
) -> Plan:
    stem = PurePosixPath(source)
    derivatives = []
    # Animations keep their size: resizing every frame is slow and rarely needed.
    chosen = [probe.width] if probe.animated else widths_for(probe.width, widths)
    for fmt in formats_for(probe, modern):
        for width in chosen:
            height = max(1, round(probe.height * width / probe.width))
            key = hashlib.sha256(
                f"{digest}:{width}:{fmt}:{quality}:{ENCODER_VERSION}".encode()
            ).hexdigest()[:12]
            name = str(DERIVED / stem.with_name(f"{stem.stem}-{width}.{key}.{EXT[fmt]}"))
            derivatives.append(Derivative(width, height, fmt, key, name))
    return Plan(source, digest, probe, tuple(derivatives))
