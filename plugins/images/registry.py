"""The images of one build: plans made while content is read, encoded in
parallel once everything is known, then linked into the output.

One :class:`Images` is a part of one build (``build.part(Images)``), so
livereload can rebuild in the same process without stale state.
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from comptoir.core.artefacts import ArtefactCache, file_digest, link_into, make_all

from .encode import Done, Job, encode
from .plan import EXT, Derivative, Plan, make_plan
from .probe import ImageProblem, Probe, probe

if TYPE_CHECKING:
    from comptoir.core.build import Build

RASTER = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".avif")


@dataclass
class Stats:
    planned: int = 0
    encoded: int = 0
    seconds: float = 0.0
    worker_seconds: float = 0.0


@dataclass(eq=False)
class Images:
    build: Build
    plans: dict[str, Plan] = field(default_factory=dict)
    failed: dict[str, ImageProblem] = field(default_factory=dict)
    stats: Stats = field(default_factory=Stats)
    _cache: ArtefactCache | None = None
    _used: set[str] = field(default_factory=set)  # sources planned since fork_mark()
    _files: set[str] = field(default_factory=set)  # other images used since fork_mark()
    _root: Path | None = None
    _cache_dir: Path | None = None

    @property
    def settings(self) -> dict[str, Any]:
        return self.build.settings

    @property
    def content_root(self) -> Path:
        # Worked out once a build: resolving costs system calls, and every
        # image reference asks.
        if self._root is None:
            self._root = Path(self.settings["PATH"]).resolve()
        return self._root

    @property
    def cache_dir(self) -> Path:
        if self._cache_dir is None:
            cache = Path(self.settings.get("CACHE_PATH", "cache")).resolve()
            self._cache_dir = cache / "comptoir-images"
        return self._cache_dir

    @property
    def cache(self) -> ArtefactCache:
        """The encoded files, and each photo's hash and probe by (size, mtime)."""
        if self._cache is None:
            self._cache = ArtefactCache(self.cache_dir)
        return self._cache

    def resolve(self, reference: str, relative_to: str | None = None) -> str | None:
        """``{static}/images/a.jpg``, ``/images/a.jpg``, ``../images/a.jpg`` →
        ``images/a.jpg`` (under content/), or None if it is not a local file."""
        ref = reference.strip()
        if "://" in ref or ref.startswith(("data:", "//", "#", "mailto:")):
            return None
        ref = ref.removeprefix("{static}").removeprefix("{attach}").split("?")[0].split("#")[0]
        root = self.content_root
        candidates = []
        if ref.startswith("/"):
            candidates.append(root / ref.lstrip("/"))
        else:
            if relative_to:
                candidates.append(Path(relative_to).resolve().parent / ref)
            candidates.append(root / ref)
        for candidate in candidates:
            full = candidate.resolve()
            if full.is_file() and (full == root or root in full.parents):
                return full.relative_to(root).as_posix()
        return None

    def plan(self, source: str) -> Plan:
        """The plan for ``source`` (a path under content/); raises ImageProblem."""
        self._used.add(source)
        if source in self.plans:
            return self.plans[source]
        if source in self.failed:
            raise self.failed[source]
        full = str(self.content_root / source)
        try:
            known = self.cache.source(full)
            if known is None or "probe" not in known:
                found = probe(full)
                digest = file_digest(full)
                self.cache.remember(full, digest, probe=asdict(found))
            else:
                digest, found = known["sha256"], Probe(**known["probe"])
        except ImageProblem as problem:
            self.failed[source] = problem
            raise
        plan = make_plan(
            source,
            digest,
            found,
            list(self.settings["IMAGE_WIDTHS"]),
            list(self.settings["IMAGE_FORMATS"]),
            int(self.settings["IMAGE_QUALITY"]),
        )
        self.plans[source] = plan
        return plan

    # Taking part in parallel reading (comptoir.plugins.content.prefetch): what a
    # worker process planned is sent back and merged here, and a cached
    # reading result is checked against the files it used.
    def note(self, source: str) -> None:
        """Record a file the text uses without a plan (an SVG drawn as is)."""
        self._files.add(source)

    def fork_mark(self) -> None:
        self._used = set()
        self._files = set()

    def fork_delta(self, mark: None) -> tuple[dict, dict, dict]:
        """Every image the file used (not only new ones), each with its size
        and time: a cached result must bring back, and be checked against,
        all of them."""
        plans = {k: self.plans[k] for k in self._used if k in self.plans}
        failed = {k: self.failed[k] for k in self._used if k in self.failed}
        stamps = {}
        for source in {*self._used, *self._files}:
            try:
                stat = os.stat(self.content_root / source)
            except OSError:
                continue
            stamps[source] = (stat.st_size, stat.st_mtime_ns)
        return plans, failed, stamps

    def fork_valid(self, delta: tuple[dict, dict, dict]) -> bool:
        """A cached reading result still holds if none of its images changed."""
        _plans, failed, stamps = delta
        if failed:
            return False
        for source, stamp in stamps.items():
            try:
                stat = os.stat(self.content_root / source)
            except OSError:
                return False
            if (stat.st_size, stat.st_mtime_ns) != stamp:
                return False
        return True

    def fork_merge(self, delta: tuple[dict, dict, dict]) -> None:
        plans, failed, _stamps = delta
        self.plans.update(plans)
        self.failed.update(failed)
        for source, plan in plans.items():
            # The worker's manifest entry, so the next build need not hash it.
            full = str(self.content_root / source)
            self.cache.remember(full, plan.digest, probe=asdict(plan.probe))

    def url(self, name: str) -> str:
        return f"{self.settings.get('SITEURL', '')}/{name}"

    def encode_missing(self) -> list[Done]:
        """Encode what the cache lacks, over all cores; return each source's outcome."""
        started = time.perf_counter()
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        quality = int(self.settings["IMAGE_QUALITY"])
        jobs = [
            Job(str(self.content_root / plan.source), plan, str(self.cache_dir), quality)
            for plan in self.plans.values()
            if self.cache.missing(_file(d) for d in plan.derivatives)
        ]
        # Biggest first, so no core waits on the last large photo alone.
        jobs.sort(key=lambda job: job.plan.probe.width * job.plan.probe.height, reverse=True)
        workers = self.settings.get("IMAGE_WORKERS") or os.cpu_count() or 1
        results: list[Done] = make_all(encode, jobs, workers)
        self.stats.planned = sum(len(p.derivatives) for p in self.plans.values())
        self.stats.encoded += sum(done.encoded for done in results)
        self.stats.worker_seconds += sum(done.seconds for done in results)
        self.stats.seconds += time.perf_counter() - started
        self.cache.save()
        return results

    def publish(self, output: Path, live: tuple[Path, set[str]] | None = None) -> None:
        """Hard-link (or copy) every derivative into the output folder (those
        already in the ``live`` site a build patches stay: ``link_into``)."""
        link_into(
            output,
            (
                (self.cache.path(_file(derivative)), derivative.name)
                for plan in self.plans.values()
                for derivative in plan.derivatives
            ),
            live=live,
        )


def _file(derivative: Derivative) -> str:
    """A derivative's file name in the cache."""
    return f"{derivative.key}.{EXT[derivative.format]}"
