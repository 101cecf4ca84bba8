"""Tutorials: steps found in the body, times, supplies and a video facade. It
owns the steps extension (``md.comptoir_meta["steps"]``) and the home page's
``tutorials`` and ``featured_tutorial``. Nothing loads from the video host
before the reader asks (a plain link until clicked).
"""

from __future__ import annotations

from typing import Any

from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.plugin import Plugin

from .steps import StepsExtension

__all__ = ["PLUGIN", "StepsExtension", "register"]

PLUGIN = Plugin("tutorials", markdown=(StepsExtension,))


def on_articles_finalized(build: Build, generator: Any) -> None:
    """``tutorials`` (published, newest first) and the ``featured_tutorial``:
    the newest with ``Featured: true``, else the newest."""
    tutorials = [a for a in generator.articles if getattr(a, "comptoir_kind", None) == "tutorial"]
    featured = [a for a in tutorials if getattr(a, "featured", False)]
    generator.context["tutorials"] = tutorials
    generator.context["featured_tutorial"] = (featured or tutorials or [None])[0]


def register(build: Build) -> None:
    build.connect(signals.article_generator_finalized, on_articles_finalized)
