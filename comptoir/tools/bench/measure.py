"""Timing a command the way the owner feels it: wall time and peak memory of
a fresh process and those it forks, plus the raw Pillow baseline for image encoding."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    code: int


def _peak_kb(pid: int) -> int:
    """VmHWM: the peak resident size of the process since its exec.

    (wait4's ru_maxrss would also count the memory of the forked parent
    before exec, which is the benchmark's own size, not the build's.)"""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    """``pid`` and every process below it: Comptoir builds in a forked
    child (core/build/apart.py), and writes pages in forked grandchildren."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            with open(f"/proc/{current}/task/{current}/children", encoding="ascii") as children:
                todo.extend(int(child) for child in children.read().split())
        except OSError:
            continue
    return found


def peak_kb(pid: int) -> int:
    """The largest peak resident size among ``pid``'s process tree. Not
    their sum: forked processes share their parent's pages until they write."""
    return max(_peak_kb(each) for each in _tree(pid))


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command``; its wall time and peak resident memory."""
    # The previous run's files still on their way to the disk would slow
    # this one (4,000 files a run at 1,000 stories: up to 3 s of system
    # time seen): every run starts with nothing left to write.
    os.sync()
    with tempfile.TemporaryFile() as errors:  # a file: a full pipe would block the child
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors
        )
        peak = 0
        while process.poll() is None:
            peak = max(peak, peak_kb(process.pid))
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        if process.returncode:
            errors.seek(0)
            text = errors.read().decode(errors="replace")[-3000:]
            raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{text}")
    return Run(seconds, peak / 1024, process.returncode)


def raw_pillow_rate(photos: list[Path], widths: list[int], quality: int) -> float:
    """Derivatives per second, one core, each resized from the original —
    what a naive plugin does — for the same widths and formats as Comptoir."""
    count = 0
    started = time.perf_counter()
    for path in photos:
        with Image.open(path) as original:
            image = ImageOps.exif_transpose(original).convert("RGB")
        for width in [w for w in widths if w < image.width] + [min(image.width, max(widths))]:
            height = round(image.height * width / image.width)
            resized = image.resize((width, height), Image.Resampling.LANCZOS)
            for fmt, options in (
                ("WEBP", {"quality": quality, "method": 4}),
                ("JPEG", {"quality": quality, "optimize": True, "progressive": True}),
            ):
                resized.save(os.devnull, fmt, **options)
                count += 1
    return count / (time.perf_counter() - started)
