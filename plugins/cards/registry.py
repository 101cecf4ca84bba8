"""The share images of one build: planned while content is read, drawn in
parallel at the end, then linked into the output.

A file's name in the cache is a hash of everything that shapes it (title,
label, photo bytes, logo and font bytes, colours, layout version), like the
photos' derivatives: it is drawn again only when one of its inputs changed.
One :class:`Cards` is a part of one build (``build.part(Cards)``).
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from comptoir.core.artefacts import ArtefactCache, link_into, make_all
from comptoir.core.build.parallel import Forked
from comptoir.plugins.images.registry import Images

from .draw import HEIGHT, WIDTH, Job, draw_batch, render_logo
from .fonts import unhinted

if TYPE_CHECKING:
    from comptoir.core.build import Build

# Bump when draw.py changes what it draws: every card is drawn again.
LAYOUT_VERSION = "3"
# The cards alone (not the crops): drawn with fonts without hinting since 4.
CARD_VERSION = "4"
RATIOS = ((16, 9), (4, 3), (1, 1))
# Cards a worker draws at once: enough to share frames, few enough that
# the batches spread evenly over the cores.
BATCH = 16


@dataclass(eq=False)
class Cards:
    build: Build
    # Set when the build starts: whether cards are drawn, and with which fonts.
    enabled: bool = False
    fonts: dict[str, str] = field(default_factory=dict)
    jobs: dict[str, Job] = field(default_factory=dict)  # by cache key
    sources: dict[str, str] = field(default_factory=dict)  # cache key -> content file
    # Path in the output -> cache file. Keyed by the output's name: two items
    # with the same card (a title and cover shared) each keep their own name.
    links: dict[str, str] = field(default_factory=dict)
    drawn: int = 0
    seconds: float = 0.0
    _digests: dict[str, str] = field(default_factory=dict)
    _drawing_fonts: dict[str, str] = field(default_factory=dict)
    _cache: ArtefactCache | None = None

    @property
    def settings(self) -> dict[str, Any]:
        return self.build.settings

    @property
    def cache(self) -> ArtefactCache:
        """The drawn files, and the hash of each font, logo and photo drawn."""
        if self._cache is None:
            self._cache = ArtefactCache(self.build.part(Images).cache_dir / "cards")
        return self._cache

    @property
    def cache_dir(self) -> Path:
        return self.cache.folder

    def digest(self, path: str | None) -> str:
        # Asked for each card (fonts, logo): the manifest's answer, once a build.
        if not path:
            return ""
        if path not in self._digests:
            self._digests[path] = self.cache.digest(path)
        return self._digests[path]

    def logo(self, source: str) -> str:
        """The logo at card size (a PNG in the cache), drawn once per logo file."""
        name = f"logo-{self.digest(source)[:12]}-{LAYOUT_VERSION}.png"
        if self.cache.missing([name]):
            render_logo(source, str(self.cache.path(name)))
        return str(self.cache.path(name))

    def drawing_font(self, path: str) -> str:
        """The font cards are drawn with: ``path`` without its hinting
        (fonts.py), made once per font file and kept in the cache; ``path``
        itself where fontTools cannot rewrite it."""
        if path not in self._drawing_fonts:
            name = f"font-{self.digest(path)[:16]}-unhinted{Path(path).suffix.lower()}"
            made = self.cache.path(name)
            usable = not self.cache.missing([name]) or _unhinted_apart(path, made)
            self._drawing_fonts[path] = str(made) if usable else path
        return self._drawing_fonts[path]

    def _for_drawing(self, job: Job) -> Job:
        if job.kind != "card":
            return job
        title, text = self.drawing_font(job.title_font), self.drawing_font(job.text_font)
        return replace(job, title_font=title, text_font=text)

    def card(self, job: Job, slug: str, photo_digest: str, source: str) -> str:
        """Plan a 1200×630 card; its path in the output."""
        parts = [
            LAYOUT_VERSION, CARD_VERSION, job.title, job.label, job.footer, photo_digest, self.digest(job.logo),
            job.background, job.text, job.primary,
            self.digest(job.title_font), self.digest(job.text_font),
        ]  # fmt: skip
        key = _hash(parts)
        target = str(self.cache_dir / f"card-{key}.jpg")
        self.jobs.setdefault(key, replace(job, target=target))
        self.sources.setdefault(key, source)
        name = f"social/{slug}.{key}.jpg"
        self.links[name] = target
        return name

    def crops(self, photo: str, plan: Any, background: str, source: str) -> list[dict]:
        """Plan the photo's 16:9, 4:3 and 1:1 crops (at most 1200 wide, never
        upscaled); their paths and sizes."""
        found = plan.probe
        # The background shows only through a transparent photo.
        key = _hash([LAYOUT_VERSION, plan.digest, background if found.alpha else ""])
        stem = Path(photo).stem
        views, crops = [], []
        for across, down in RATIOS:
            width = min(WIDTH, found.width, found.height * across // down)
            height = width * down // across
            target = str(self.cache_dir / f"crop-{key}-{across}x{down}.jpg")
            crops.append((target, width, height))
            name = f"social/{stem}-{across}x{down}.{key}.jpg"
            self.links[name] = target
            views.append({"path": name, "width": width, "height": height})
        quality = int(self.settings.get("IMAGE_QUALITY", 80))
        job = Job(
            "", "crops", photo=photo, crops=tuple(crops), background=background, quality=quality
        )
        self.jobs.setdefault(key, job)
        self.sources.setdefault(key, source)
        return views

    def draw_missing(self) -> list[tuple[str, Any]]:
        """Draw what the cache lacks, over all cores: (source, problem) pairs."""
        started = time.perf_counter()
        todo = [
            key
            for key, job in self.jobs.items()
            if self.cache.missing(Path(file).name for file in _files(job))
        ]
        # The cache key has the fonts' own bytes; the drawing, their copies
        # without hinting.
        jobs = [self._for_drawing(self.jobs[key]) for key in todo]
        workers = self.settings.get("IMAGE_WORKERS") or os.cpu_count() or 1
        # In batches: a batch's cards share the frame they have in common.
        batches = [jobs[start : start + BATCH] for start in range(0, len(jobs), BATCH)]
        results = [r for batch in make_all(draw_batch, batches, workers) for r in batch]
        self.cache.save()
        self.drawn += sum(len(_files(job)) for job, r in zip(jobs, results, strict=True) if not r)
        self.seconds += time.perf_counter() - started
        return [(self.sources[k], r) for k, r in zip(todo, results, strict=True) if r]

    def publish(self, output: Path, live: tuple[Path, set[str]] | None = None) -> None:
        """Hard-link (or copy) every drawn file into the output folder (those
        already in the ``live`` site a build patches stay: ``link_into``)."""
        files = ((Path(cached), name) for name, cached in self.links.items())
        link_into(output, files, live=live)


def _unhinted_apart(source: str, target: Path) -> bool:
    # fontTools takes 50 MB to rewrite a font: in a process of its own, so
    # that the build's peak memory stays what it was.
    try:
        return bool(Forked(lambda: unhinted(source, target)).result())
    except RuntimeError:  # the process died: the font is used as it is
        return False


def _hash(parts: list[str]) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12]


def _files(job: Job) -> list[str]:
    return [target for target, _, _ in job.crops] if job.kind == "crops" else [job.target]


__all__ = ["HEIGHT", "WIDTH", "Cards"]
