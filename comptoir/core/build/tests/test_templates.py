"""Compiled templates are kept between builds, and a changed template is
compiled again: the cache never serves old code."""

import shutil
from pathlib import Path

from comptoir.core.build.templates import template_cache

ROOT = Path(__file__).resolve().parents[4]
STORY = "Title: Un\nDate: 2025-03-01\n\nTexte.\n"


def test_templates_compile_once_and_a_change_shows_at_the_next_build(make_site, tmp_path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    site = make_site({"content/stories/un.md": STORY}, f"THEME = {str(theme)!r}\n")
    assert site.build().ok
    [folder] = (site.root / "cache").glob("templates-*")
    kept = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.cache")}
    assert len(kept) >= 10  # base, article, the partials…
    first = (site.output / "histoires/un/index.html").read_text("utf-8")
    assert site.build().ok
    # Read back, not written again.
    assert {p.name: p.stat().st_mtime_ns for p in folder.glob("*.cache")} == kept
    assert (site.output / "histoires/un/index.html").read_text("utf-8") == first
    base = theme / "templates/base.html"
    base.write_text(base.read_text("utf-8").replace("</body>", "<!-- revu -->\n</body>"), "utf-8")
    assert site.build().ok
    assert "<!-- revu -->" in (site.output / "histoires/un/index.html").read_text("utf-8")


def test_environments_shaped_differently_never_share_a_folder(tmp_path) -> None:
    from jinja2 import Environment

    settings = {"CACHE_PATH": str(tmp_path)}
    plain = template_cache(Environment(), settings)
    trimmed = template_cache(Environment(trim_blocks=True), settings)
    escaped = template_cache(Environment(autoescape=True), settings)
    i18n = template_cache(Environment(extensions=["jinja2.ext.i18n"]), settings)
    folders = {c.directory for c in (plain, trimmed, escaped, i18n)}
    assert len(folders) == 4
    assert template_cache(Environment(), settings).directory == plain.directory
