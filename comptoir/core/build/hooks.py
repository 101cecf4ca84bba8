"""The core's own handlers, connected before every plugin's for each build:
gettext and Babel filters in every template, the parallel page writer, the
generators kept on the build (livereload and the checks read them), and
taxonomy lists that answer ``in`` at once (members.py)."""

from __future__ import annotations

from typing import Any

from pelican.plugins import signals

from ..i18n.jinja import install
from .context import Build, for_build
from .members import index_taxonomies
from .templates import template_cache
from .writer import ParallelWriter


def on_generator_init(build: Build, generator: Any) -> None:
    """Templates get ``_()``, the date and number filters, and ``site``;
    their compiled code is kept between builds (templates.py)."""
    install(generator.env, build)
    generator.env.globals["site"] = build.site
    generator.env.bytecode_cache = template_cache(generator.env, build.settings)
    # Templates do not change while a build renders: no date check of the
    # template's file at each page (8 % of rendering). Each build has its
    # own environments, so livereload's next build sees an edited template.
    generator.env.auto_reload = False


def get_writer(build: Build, pelican: Any) -> type:
    return for_build(ParallelWriter, build)


def on_all_generators_finalized(build: Build, generators: list[Any]) -> None:
    """Keep the generators on the build; make tag, category and author
    pages linear in the number of stories (members.py)."""
    build.generators = generators
    for generator in generators:
        index_taxonomies(generator)


def on_finalized(build: Build, pelican: Any) -> None:
    """Render the recorded pages now that every generator is done."""
    if build.writer is None:
        return
    for error in build.writer.flush():
        build.report.add("theme", error)


def register(build: Build) -> None:
    build.connect(signals.generator_init, on_generator_init)
    build.connect(signals.get_writer, get_writer)
    build.connect(signals.all_generators_finalized, on_all_generators_finalized)
    build.connect(signals.finalized, on_finalized)
