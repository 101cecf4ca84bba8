"""Encode the derivatives of one source (runs in a worker process).

The source is decoded once; widths are made from the largest down, each
resized from the previous one (Lanczos keeps that sharp, and it is much
cheaper than starting from a 4000 px original each time). Files are written
under a temporary name and renamed, so a cut build never leaves half a file.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from comptoir.core.artefacts import PUBLIC, atomic_write
from comptoir.core.i18n import N_

from .plan import EXT, Plan
from .probe import ImageProblem, load_for_web, open_checked


@dataclass(frozen=True)
class Job:
    path: str  # absolute path of the source
    plan: Plan
    cache_dir: str
    quality: int


@dataclass(frozen=True)
class Done:
    source: str
    encoded: int
    seconds: float
    problem: tuple[str, dict[str, str]] | None = None


def _save(image: Image.Image, target: Path, fmt: str, quality: int) -> None:
    options: dict = {}
    icc = image.info.get("icc_profile")
    if icc:
        options["icc_profile"] = icc  # colours stay right; no EXIF is ever written
    if fmt == "jpeg":
        options.update(quality=quality, optimize=True, progressive=True)
    elif fmt == "webp":
        options.update(quality=quality, method=4)
    elif fmt == "avif":
        options.update(quality=quality, speed=8)
    elif fmt == "png":
        options.update(optimize=True)
    atomic_write(target, lambda path: image.save(path, format=fmt.upper(), **options), mode=PUBLIC)


def _animated(job: Job, missing: list) -> int:
    with open_checked(job.path) as source:
        frames = []
        durations = []
        for index in range(source.n_frames):
            source.seek(index)
            frames.append(source.convert("RGBA"))
            durations.append(source.info.get("duration", 100))
        loop = source.info.get("loop", 0)
    for derivative in missing:
        target = Path(job.cache_dir) / f"{derivative.key}.{EXT[derivative.format]}"
        options = {"quality": job.quality} if derivative.format == "webp" else {}
        atomic_write(
            target,
            lambda path, fmt=derivative.format, options=options: frames[0].save(
                path,
                format=fmt.upper(),
                save_all=True,
                append_images=frames[1:],
                duration=durations,
                loop=loop,
                **options,
            ),
            mode=PUBLIC,
        )
    return len(missing)


def encode(job: Job) -> Done:
    """Make the derivatives missing from the cache; report, never raise."""
    started = time.perf_counter()
    cache = Path(job.cache_dir)
    missing = [d for d in job.plan.derivatives if not (cache / f"{d.key}.{EXT[d.format]}").exists()]
    if not missing:
        return Done(job.plan.source, 0, 0.0)
    try:
        if job.plan.probe.animated:
            count = _animated(job, missing)
        else:
            count = 0
            image = load_for_web(job.path)
            for width in sorted({d.width for d in missing}, reverse=True):
                height = next(d.height for d in missing if d.width == width)
                if image.size != (width, height):
                    icc = image.info.get("icc_profile")
                    image = image.resize(
                        (width, height), Image.Resampling.LANCZOS, reducing_gap=3.0
                    )
                    if icc:
                        image.info["icc_profile"] = icc
                for derivative in (d for d in missing if d.width == width):
                    _save(
                        image,
                        cache / f"{derivative.key}.{EXT[derivative.format]}",
                        derivative.format,
                        job.quality,
                    )
                    count += 1
    except ImageProblem as problem:
        return Done(
            job.plan.source, 0, time.perf_counter() - started, (problem.message, problem.values)
        )
    except Exception as error:  # disk full, a Pillow failure while saving…
        problem = (
            N_("This image could not be made for the web: %(error)s"),
            {"error": repr(error)},
        )
        return Done(job.plan.source, 0, time.perf_counter() - started, problem)
    return Done(job.plan.source, count, time.perf_counter() - started)
