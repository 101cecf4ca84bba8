"""Runs alternated and summed up honestly: A B A B… so a slow minute of a
shared machine falls on both tools, then each measure's median and spread
(a single run is a figure, not a result)."""

from __future__ import annotations

import statistics
from collections.abc import Callable


def alternate(runs: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Each callable's results over ``rounds`` rounds, called in turn."""
    found: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            found[name].append(run())
    return found


def summary(samples: list[float]) -> dict[str, float | list[float]]:
    """Median, lowest, highest and every run, rounded to the millisecond."""
    return {
        "median": round(statistics.median(samples), 3),
        "min": round(min(samples), 3),
        "max": round(max(samples), 3),
        "runs": [round(s, 3) for s in samples],
    }


def ratio(ours: list[float], theirs: list[float]) -> float:
    """Median against median (each tool's own noise stays in its spread)."""
    return round(statistics.median(ours) / statistics.median(theirs), 3)
