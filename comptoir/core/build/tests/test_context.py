"""One build, one context: nothing of a build outlives it in the process, and
the order of PLUGINS changes nothing."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

from pelican.plugins import signals

from comptoir import PLUGINS
from comptoir.core.build import build

# A second site, unlike the example in every way a leftover would show:
# English, its own brand and business, no logo, fewer plugins, drafts shown.
OTHER_SETTINGS = """
SITENAME = "Tabac de la Gare"
DEFAULT_LANG = "en"
TIMEZONE = "Europe/London"
BUSINESS = {"name": "Tabac de la Gare", "type": "Store", "description": "Papers; pipes!",
            "opening_hours": "lun-sam 6:30-20:00", "cta": {"label": "Find us", "url": "/"}}
BRAND = {"primary": "#0b4f6c", "on_primary": "#ffffff", "background": "#ffffff",
         "text": "#111111", "logo": ""}
PLUGINS = [p for p in PLUGINS if p not in ("comptoir.plugins.cards", "comptoir.plugins.embeds")]
"""
OTHER_FILES = {
    "content/stories/papers.md": (
        "Title: The morning papers: a story!\nDate: 2025-02-03 06:30\nTags: papers, mornings\n"
        "Summary: How the papers reach the counter before the first train leaves.\n\n"
        "The van comes at five; we sort by hand.\n"
    ),
    "content/stories/draft.md": "Title: Not yet\nDate: 2025-02-04\nStatus: draft\n\nSoon.\n",
    "content/testimonials/sam.md": (
        "Name: Sam\nDate: 2025-02-05\nConsent: 2025-02-05\n\nAlways the paper I want.\n"
    ),
    "content/pages/about.md": "Title: About\nSlug: about\n\nSince 1962.\n",
}


def other_site(make_site) -> Any:
    return make_site(OTHER_FILES, settings=textwrap.dedent(OTHER_SETTINGS))


def fresh_process(root: Path, *flags: str) -> Path:
    """Build ``root`` in a new Python process, as `invoke build` does."""
    done = subprocess.run(
        [sys.executable, "-m", "comptoir.core.build", "--strict", *flags, "pelicanconf.py"],
        cwd=root,
        env={**os.environ, "LC_ALL": "C"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return root / "output"


def test_two_sites_built_in_one_process_match_fresh_builds(
    make_site, tmp_path, digest, example_builder
) -> None:
    from conftest import copy_example

    example = copy_example(tmp_path / "one-process" / "example")
    assert build(example / "pelicanconf.py", strict=True).ok
    other = other_site(make_site)
    result = other.build(strict=True, COMPTOIR_PREVIEW=True)
    assert result.ok, other.messages(result)

    fresh_example = copy_example(tmp_path / "fresh" / "example")
    fresh_other = tmp_path / "fresh" / "other"
    fresh_other.mkdir()
    for name in ("pelicanconf.py", *OTHER_FILES):
        (fresh_other / name).parent.mkdir(parents=True, exist_ok=True)
        (fresh_other / name).write_bytes((other.root / name).read_bytes())
    assert digest(example / "output") == digest(fresh_process(fresh_example))
    assert digest(other.output) == digest(fresh_process(fresh_other, "--preview"))


def test_the_order_of_plugins_changes_nothing(tmp_path, digest) -> None:
    """Shuffled, PLUGINS is put in another order that keeps each plugin's
    ``after``: the site, and what the checks say of it, are the same."""
    from conftest import copy_example

    built = []
    orders = [
        list(PLUGINS),
        *(random.Random(seed).sample(PLUGINS, len(PLUGINS)) for seed in (1, 2)),
    ]
    assert len({tuple(order) for order in orders}) == 3
    for number, order in enumerate(orders):
        root = copy_example(tmp_path / f"order-{number}")
        settings = root / "pelicanconf.py"
        settings.write_text(
            settings.read_text(encoding="utf-8") + f"\nPLUGINS = {order!r}\n", encoding="utf-8"
        )
        result = build(settings, strict=True, check=True)
        assert result.ok, [p.format() for p in result.problems]
        built.append((digest(root / "output"), [p.format() for p in result.problems]))
    assert built[1] == built[0]
    assert built[2] == built[0]


def _receivers() -> dict[str, int]:
    found = {}
    for name in dir(signals):
        signal = getattr(signals, name)
        if hasattr(signal, "receivers"):
            found[name] = len(signal.receivers)
    return found


def test_a_build_leaves_no_handler_connected(make_site) -> None:
    before = _receivers()
    site = make_site({"content/stories/a.md": "Title: A\nDate: 2025-03-01\n\nText.\n"})
    assert site.build().ok
    assert _receivers() == before
    assert not site.build(BRAND={"primary": "red"}).ok  # stops at the settings
    assert _receivers() == before


def test_nothing_of_the_kit_is_left_in_the_settings(make_site) -> None:
    site = make_site({"content/stories/a.md": "Title: A\nDate: 2025-03-01\n\nText.\n"})
    result = site.build()
    assert result.ok
    kit_objects = {
        key: type(value).__qualname__
        for key, value in result.settings.items()
        if type(value).__module__.startswith("comptoir")
    }
    assert kit_objects == {}
    assert not [key for key in result.settings if key in ("COMPTOIR_REPORT", "COMPTOIR_IMAGES")]


def _module_state() -> dict[tuple[str, str], str]:
    """Every mutable container a kit module holds at its top level."""
    found = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("comptoir") or not isinstance(module, ModuleType):
            continue
        for attribute, value in vars(module).items():
            if isinstance(value, dict | list | set | bytearray) and not attribute.startswith("__"):
                found[(name, attribute)] = repr(value)
    return found


def test_a_build_changes_no_module_level_state(make_site, example_copy) -> None:
    assert example_copy.build().ok  # imports every module the kit uses
    before = _module_state()
    other = other_site(make_site)
    assert other.build(COMPTOIR_PREVIEW=True).ok
    assert example_copy.build().ok
    assert _module_state() == before
