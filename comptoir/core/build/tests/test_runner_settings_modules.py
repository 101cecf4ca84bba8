"""Settings files are read afresh each build, whatever this process built before."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]


def test_publishconf_reads_its_own_pelicanconf_after_another_site(make_site, tmp_path) -> None:
    # A first build imports a "pelicanconf" module: another site's (SITENAME "Test").
    other = make_site({"content/stories/un.md": "Title: Un\nDate: 2025-03-01\n\nx\n"})
    assert other.build().ok
    # Then a project whose publishconf.py does `from pelicanconf import *`.
    project = tmp_path / "bakery"
    project.mkdir()
    shutil.copy(other.settings, project / "pelicanconf.py")
    (project / "pelicanconf.py").write_text(
        other.settings.read_text().replace("SITENAME = 'Test'", "SITENAME = 'Les Deux Épis'"),
        encoding="utf-8",
    )
    shutil.copytree(other.root / "content", project / "content")
    (project / "publishconf.py").write_text(
        "import os, sys\nsys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))\n"
        "from pelicanconf import *\nSITEURL = 'https://b.example'\n",
        encoding="utf-8",
    )
    from comptoir.core.build import build

    result = build(project / "publishconf.py", strict=True)
    assert result.ok, [p.format() for p in result.problems]
    assert result.settings["SITENAME"] == "Les Deux Épis"
    assert "<title>Un · Les Deux Épis</title>" in (
        project / "output/histoires/un/index.html"
    ).read_text(encoding="utf-8")
