"""The folders say the architecture, the imports keep to it, and the kit
installs as a package.

``plugins/`` holds Pelican plugins only (each declares itself and connects a
signal for a build); the core (``comptoir/core``) imports no plugin and no
tool; plugins import the core, never a tool; no module imports itself back
through others; modules stay small enough to read in one sitting; every module imports from
a plain (non-editable) install of the wheel, and from the editable install
the README's commands make.
"""

from __future__ import annotations

import ast
import importlib
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from blinker import Signal
from pelican.plugins import signals

from comptoir import PLUGINS
from comptoir.core.build import Build, Report
from comptoir.core.plugin import Loaded, Plugin
from comptoir.plugins.testimonials.generator import testimonial_generator_context

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"comptoir": ROOT / "comptoir", "comptoir.plugins": ROOT / "plugins"}
NETWORK_CLIENTS = {"paramiko", "ftplib", "boto3", "botocore", "smtplib", "aiosmtpd", "imaplib"}
TOOLS = ("publish", "bench", "preview", "write", "digest", "stats")
MAX_LINES = 400


def modules(tests: bool = False) -> dict[str, Path]:
    """Every module of the kit by dotted name (test modules only if asked)."""
    found = {}
    for package, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            if "tests" in parts and not tests:
                continue
            name = ".".join((package, *parts)).removesuffix(".__init__")
            found[name] = path
    return found


def _runtime_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Imports that run (those under ``if TYPE_CHECKING:`` are type hints)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node


def imports_of(name: str, path: Path, known: set[str], runtime: bool) -> set[str]:
    """The kit's modules ``name`` imports: a ``from x import y`` counts as
    importing ``x.y`` when that is a module, else ``x``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = _runtime_imports(tree) if runtime else (n for n in ast.walk(tree))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            targets = [t for t in targets[:-1] if t in known] or [base]
        else:
            continue
        found.update(t for t in targets if t in known)
    return found - {name}


def graph(runtime: bool) -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found), runtime) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(edges[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_the_import_graph_has_no_cycle() -> None:
    found = cycles(graph(runtime=True))
    assert found == [], "import cycles: " + "; ".join(" → ".join(g) for g in found)


def test_the_cycle_finder_names_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]


def test_the_core_imports_no_plugin_or_tool_and_plugins_no_tool() -> None:
    wrong = []
    for name, targets in graph(runtime=False).items():
        for target in sorted(targets):
            if name.startswith("comptoir.core") and target.startswith(
                ("comptoir.plugins", "comptoir.tools")
            ):
                wrong.append(f"{name} imports {target}")
            if name.startswith("comptoir.plugins") and target.startswith("comptoir.tools"):
                wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_no_network_client_under_plugins() -> None:
    found = []
    for path in sorted((ROOT / "plugins").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            found += [
                f"{path.relative_to(ROOT)}: {n}"
                for n in names
                if n.split(".")[0] in NETWORK_CLIENTS
            ]
    assert found == []


def test_plugins_holds_only_plugins_and_each_connects_a_signal() -> None:
    folders = sorted(p.name for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").is_file())
    assert not set(folders) & set(TOOLS)
    assert sorted(name.rpartition(".")[2] for name in PLUGINS) == folders
    for folder in folders:
        module = importlib.import_module(f"comptoir.plugins.{folder}")
        assert isinstance(getattr(module, "PLUGIN", None), Plugin), folder
        assert module.PLUGIN.name == folder
        build = Build({}, Report(), plugins=(Loaded(module.PLUGIN, module.register),))
        before = _receivers()
        with build.connected():
            during = _receivers()
        assert _receivers() == before
        connected = {name for name in during if during[name] > before.get(name, 0)}
        assert connected, f"plugins/{folder}: register(build) connects no signal"


def _receivers() -> dict[str, int]:
    """How many handlers each Pelican signal (and the kit's own) has."""
    names = [getattr(signals, n) for n in dir(signals)]
    found = [s for s in names if isinstance(s, Signal)]
    found.append(testimonial_generator_context)
    return {signal.name: len(signal.receivers) for signal in found}


def test_modules_stay_small() -> None:
    long = []
    for path in sorted([*(ROOT / "comptoir").rglob("*.py"), *(ROOT / "plugins").rglob("*.py")]):
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MAX_LINES:
            long.append(f"{path.relative_to(ROOT)}: {count} lines")
    for path in sorted([*(ROOT / "tests").glob("*.py"), ROOT / "tasks.py", ROOT / "conftest.py"]):
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MAX_LINES:
            long.append(f"{path.relative_to(ROOT)}: {count} lines")
    assert long == []


def _opening(folder: Path) -> str:
    """What a folder says first: its package docstring, or its README's first paragraph."""
    init = folder / "__init__.py"
    if init.is_file():
        return ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
    for name in ("README.md", "README"):
        if (folder / name).is_file():
            text = (folder / name).read_text(encoding="utf-8").strip()
            paragraphs = [p for p in text.split("\n\n") if not p.startswith("#")]
            return paragraphs[0] if paragraphs else ""
    return ""


@pytest.mark.parametrize(
    "folder",
    [
        "content",
        "theme",
        "plugins",
        "comptoir",
        "comptoir/core",
        "comptoir/core/build",
        "comptoir/core/i18n",
        "comptoir/tools",
        "tests",
        "benchmarks",
        "docs",
        *(f"plugins/{p.rpartition('.')[2]}" for p in PLUGINS),
        *(f"comptoir/tools/{tool}" for tool in TOOLS),
    ],
)
def test_each_folder_opens_with_what_it_owns(folder: str) -> None:
    """Three to six lines first: what the folder owns, what it must not touch."""
    said = _opening(ROOT / folder).split("\n\n")[0]
    assert 3 <= len(said.splitlines()) <= 6, f"{folder}: say what it owns and must not touch"


def test_every_module_imports_from_the_editable_install() -> None:
    for name in modules(tests=True):
        module = importlib.import_module(name)
        folder = ROOT / ("plugins" if name.startswith("comptoir.plugins") else "comptoir")
        assert Path(module.__file__).resolve().is_relative_to(folder), name


def test_every_module_imports_from_the_built_wheel(tmp_path: Path) -> None:
    # Built from a copy of what the package is made of: no build/ or
    # egg-info left in the checkout.
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("comptoir", "plugins"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", source / "pyproject.toml")
    wheels = tmp_path / "wheels"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    [wheel] = wheels.glob("comptoir-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in ("fr", "en"):
        assert f"comptoir/core/i18n/locale/{language}.po" in names
    target = tmp_path / "installed"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), wheel],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    # A fresh process whose first path is the installed copy: the editable
    # install's finder comes after it and is never asked.
    script = textwrap.dedent(
        f"""
        import importlib, pathlib, sys
        names = {sorted(modules(tests=False))!r}
        target = pathlib.Path({str(target)!r}).resolve()
        for name in names:
            module = importlib.import_module(name)
            assert pathlib.Path(module.__file__).resolve().is_relative_to(target), name
        from comptoir.core.i18n import language
        assert language({{}}, "fr").gettext("Site built in %(s)s s.", s="1") != "Site built in 1 s."
        print(len(names))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(modules(tests=False))
