"""The containment rule itself, and the writer's refusal to leave the output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from comptoir.core.build import Build, Report
from comptoir.core.build.context import for_build
from comptoir.core.build.writer import ParallelWriter
from comptoir.plugins.paths.contain import escapes


@pytest.fixture
def content(tmp_path: Path) -> Path:
    (tmp_path / "content" / "stories").mkdir(parents=True)
    (tmp_path / "content" / "images").mkdir()
    (tmp_path / "content" / "images" / "a.jpg").write_bytes(b"x")
    (tmp_path / "secret.txt").write_text("secret")
    os.symlink(tmp_path / "secret.txt", tmp_path / "content" / "images" / "lien.txt")
    return tmp_path / "content"


@pytest.mark.parametrize(
    "value",
    [
        "../../secret.txt",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%252e%252e/secret.txt",
        "/&#46;&#46;/secret.txt",
        "//etc/passwd",
        "../../../../../../etc/passwd",
        "/images/lien.txt",
        "../images/lien.txt",
        "/images/a.jpg\x00",
    ],
)
def test_a_reference_leaving_content_is_refused(content: Path, value: str) -> None:
    assert escapes(value, str(content / "stories" / "a.md"), str(content))


@pytest.mark.parametrize("value", ["/images/a.jpg", "../images/a.jpg", "a.md", "/images/x.jpg?v=1"])
def test_a_reference_inside_content_is_kept(content: Path, value: str) -> None:
    assert not escapes(value, str(content / "stories" / "a.md"), str(content))


def test_the_writer_writes_nothing_outside_the_output(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    settings = {"DEFAULT_LANG": "fr", "PATH": str(tmp_path / "content")}
    build = Build(settings, Report(root=str(tmp_path)))
    writer = for_build(ParallelWriter, build)(str(output), settings=settings)
    writer.write_file("../evil.html", None, {})
    writer.write_file("fine/index.html", None, {})
    assert [args[0] for args, _ in writer.deferred] == ["fine/index.html"]
    [problem] = build.report.problems
    assert "../evil.html" in problem.message and "hors du dossier de sortie" in problem.message
