"""The one-shot commands build in a forked child (build/apart.py): the same
result comes back, nothing of the build stays in the calling process, and a
child that dies leaves the previous site and says so in the site's language."""

from __future__ import annotations

import sys

import pytest

from comptoir.core.build.apart import build_apart

STORY = {"content/stories/un.md": "Title: Un\nDate: 2025-03-01\n\nLe pain du jour.\n"}


def test_the_build_runs_apart_and_its_result_comes_back(make_site) -> None:
    site = make_site(STORY)
    # The settings are run where the build runs: here, never.
    sys.modules.pop("pelicanconf", None)
    result = build_apart(site.settings, strict=True)
    assert result.ok, [p.format() for p in result.problems]
    assert "pelicanconf" not in sys.modules
    assert result.output == site.output.resolve()
    assert result.summary.startswith("Site construit en ")
    assert result.build is None and result.settings == {}
    assert "Le pain du jour." in site.page("histoires/un/index.html")


def test_problems_come_back_from_the_child(make_site) -> None:
    site = make_site(STORY, settings="HOME_STORIES = 'quatre'\n")
    result = build_apart(site.settings, strict=True)
    assert not result.ok
    assert [p.key for p in result.errors] == ["HOME_STORIES"]
    assert result.errors[0].path == "pelicanconf.py"


def test_a_build_killed_leaves_the_site_and_says_why(make_site) -> None:
    site = make_site(STORY)
    assert build_apart(site.settings).ok
    before = site.page("histoires/un/index.html")
    # The settings file kills the process running it: the build's child.
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n")
    result = build_apart(site.settings)
    assert not result.ok
    assert [p.format() for p in result.problems] == [
        "pelicanconf.py: La construction s’est arrêtée avant la fin (SIGKILL), peut-être "
        "faute de mémoire\u00a0: le site précédent reste tel quel."
    ]
    assert site.page("histoires/un/index.html") == before


def test_a_killed_build_speaks_the_sites_language(make_site) -> None:
    site = make_site(STORY, settings="DEFAULT_LANG = 'en'\nimport os\nos._exit(3)\n")
    result = build_apart(site.settings)
    assert result.lang == "en"
    assert result.problems[0].message == (
        "The build stopped before its end (exit 3), perhaps for want of memory: "
        "the previous site is left as it was."
    )


def test_ctrl_c_leaves_the_site_and_nothing_beside_it(make_site, monkeypatch) -> None:
    from comptoir.core.build import __main__ as command
    from comptoir.core.build import driver

    site = make_site(STORY)
    assert build_apart(site.settings).ok
    before = site.page("histoires/un/index.html")

    class Interrupted:
        """Pelican, stopped by Ctrl-C half-way through a build."""

        def __init__(self, settings: dict) -> None:
            self.staging = settings["OUTPUT_PATH"]

        def run(self) -> None:
            assert (site.root / self.staging).is_dir()
            raise KeyboardInterrupt

    monkeypatch.setattr(driver, "Pelican", Interrupted)
    with pytest.raises(KeyboardInterrupt):
        driver.build(site.settings)
    assert sorted(p.name for p in site.root.iterdir() if p.name.startswith(".output")) == []
    assert site.page("histoires/un/index.html") == before
    # The command, building apart, stops the same way: exit 130, no traceback.
    (site.root / "content/stories/un.md").write_text(STORY["content/stories/un.md"] + "Revu.\n")
    assert command.main([str(site.settings)]) == 130
    assert sorted(p.name for p in site.root.iterdir() if p.name.startswith(".output")) == []
    assert site.page("histoires/un/index.html") == before
