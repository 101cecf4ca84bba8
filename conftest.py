"""Shared test fixtures: throwaway sites built from a dict of files, goldens.

A test describes a whole small site as ``{"content/stories/a.md": "..."}``;
the fixture writes it next to a minimal ``pelicanconf.py`` that uses the
kit's real theme and plugins, and builds it with the kit's real build.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from comptoir.build import BuildResult, build
from comptoir.settings.minimal import minimal_settings

ROOT = Path(__file__).resolve().parent
GOLDEN_DIR = ROOT / "tests" / "golden"
UPDATE_GOLDENS = os.environ.get("COMPTOIR_UPDATE_GOLDENS") == "1"


@dataclass
class Site:
    """A throwaway site on disk."""

    root: Path

    @property
    def settings(self) -> Path:
        return self.root / "pelicanconf.py"

    @property
    def output(self) -> Path:
        return self.root / "output"

    def write(self, files: dict[str, str]) -> None:
        for name, text in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")

    def build(self, strict: bool = True, **overrides) -> BuildResult:
        return build(self.settings, strict=strict, overrides=overrides or None)

    def page(self, path: str) -> str:
        return (self.output / path).read_text(encoding="utf-8")

    def messages(self, result: BuildResult) -> list[str]:
        return [p.format() for p in result.problems]


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its SHA-256: equal digests, equal trees."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Site]:
    """``make_site(files, settings="extra = 1")`` -> a :class:`Site` on disk."""

    def factory(files: dict[str, str] | None = None, settings: str = "") -> Site:
        site = Site(tmp_path / "site")
        site.root.mkdir(exist_ok=True)
        conf = minimal_settings(str(ROOT / "theme")) + textwrap.dedent(settings)
        site.settings.write_text(conf, encoding="utf-8")
        (site.root / "content").mkdir(exist_ok=True)
        site.write(files or {})
        return site

    return factory


@pytest.fixture
def example_copy(tmp_path: Path) -> Site:
    """A copy of the example bakery project, safe to break."""
    root = tmp_path / "example"
    root.mkdir()
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, root / name)
    return Site(root)


@pytest.fixture
def digest() -> Callable[[Path], dict[str, str]]:
    return tree_digest


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    return assert_golden


def assert_golden(name: str, actual: str) -> None:
    """Compare with ``tests/golden/<name>``; ``invoke goldens`` rewrites them."""
    path = GOLDEN_DIR / name
    if UPDATE_GOLDENS:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"no golden {path}: run `invoke goldens` and review the diff"
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once per test run, strictly, with no French
    locale (LC_ALL=C), by the same command the owner runs."""
    root = tmp_path_factory.mktemp("example-built")
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, root / name)
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "LANGUAGE": ""}
    done = subprocess.run(
        [sys.executable, "-m", "comptoir.build", "--strict", "pelicanconf.py"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return root / "output"
