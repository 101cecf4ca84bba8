"""Shared test fixtures: throwaway sites built from a dict of files, goldens.

A test describes a whole small site as ``{"content/stories/a.md": "..."}``;
the fixture writes it next to a minimal ``pelicanconf.py`` that uses the
kit's real theme and plugins, and builds it with the kit's real build.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from comptoir.core.build import BuildResult, build
from comptoir.core.minimal import minimal_settings
from comptoir.tools.preview.server import LOOPBACK, make_server
from comptoir.tools.screenshots import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent
GOLDEN_DIR = ROOT / "tests" / "golden"
UPDATE_GOLDENS = os.environ.get("COMPTOIR_UPDATE_GOLDENS") == "1"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


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

    def written_at(self, key: str) -> str:
        """``pelicanconf.py:N``: where the settings file sets ``key``."""
        lines = self.settings.read_text(encoding="utf-8").splitlines()
        return f"pelicanconf.py:{next(n for n, t in enumerate(lines, 1) if t.startswith(key))}"

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


def copy_example(root: Path) -> Path:
    """The example bakery project copied into ``root``, safe to break."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, root / name)
    return root


def build_example(
    root: Path, settings: str = "pelicanconf.py", siteurl: str = "", extra: str = ""
) -> Path:
    """Copy the example into ``root`` and build it strictly, with no French
    locale (LC_ALL=C), by the owner's command; with ``siteurl``, as
    ``publishconf.py`` does but for that address (a loopback server's);
    ``extra``: settings lines added after the example's.
    Returns the output folder."""
    copy_example(root)
    if siteurl or extra:
        base = "publishconf" if siteurl else settings.removesuffix(".py")
        lines = f"SITEURL = {siteurl!r}\n" if siteurl else ""
        settings = "loopconf.py"
        (root / settings).write_text(
            "import os\nimport sys\n\nsys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))\n\n"
            f"from {base} import *  # noqa: F403\n\n{lines}{extra}\n",
            encoding="utf-8",
        )
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "LANGUAGE": ""}
    done = subprocess.run(
        [sys.executable, "-m", "comptoir.core.build", "--strict", settings],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return root / "output"


@pytest.fixture(scope="session")
def example_builder() -> Callable[..., Path]:
    """:func:`build_example`, for fixtures in other folders."""
    return build_example


@pytest.fixture
def example_copy(tmp_path: Path) -> Site:
    """A copy of the example bakery project, safe to break."""
    return Site(copy_example(tmp_path / "example"))


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
    """The example site, built once per test run (see :func:`build_example`)."""
    return build_example(tmp_path_factory.mktemp("example-built"))


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[..., str]]:
    """``serve(folder, headers=False)`` -> its address on loopback, served
    by the kit's own preview server until the test run ends."""
    servers = []

    def start(folder: Path, headers: bool = False) -> str:
        server = make_server(folder, 0, headers=headers)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://{LOOPBACK}:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium (installed by ``invoke test-deps``)."""
    assert Path(CHROMIUM).exists(), "Chromium is missing: run `invoke test-deps`"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """One browser context: console errors, requests to other hosts (refused)."""

    def __init__(self, browser: Browser, **context_options: Any):
        self.context = browser.new_context(**context_options)
        self.errors: list[str] = []
        self.elsewhere: list[str] = []
        self.context.route("**/*", self._route)
        self.page: Page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route: Any, request: Any) -> None:
        if urlsplit(request.url).hostname in (LOOPBACK, None):
            route.continue_()
        else:
            self.elsewhere.append(request.url)
            route.abort()

    def axe(self, context: str = "document") -> list[str]:
        """axe-core's violations on the page (or a JS ``context``), one line each."""
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate(f"axe.run({context}, {{resultTypes: ['violations']}})")
        return [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]
        ]

    def __enter__(self) -> Visit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.context.close()


@pytest.fixture
def new_visit(browser: Browser) -> Callable[..., Visit]:
    """``with new_visit(color_scheme="dark") as visit:`` — a :class:`Visit` in the shared browser."""
    return functools.partial(Visit, browser)
