"""What can go wrong while a build patches the live site (patch.py, driver.py):
another build placing its site meanwhile, a patch that cannot be finished,
Ctrl-C at the end, a journal edited by hand, and a file whose size and date
alone would hide new bytes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from comptoir.core.build import patch
from comptoir.core.build.apart import build_apart

from .test_atomic import leftovers
from .test_patch import EXPECTED, OTHER, _sites, _tree
from .test_reuse import STORY, clean_digest, edit


def built_with_a_story_to_remove(site) -> None:
    """The example built with one more story, then a story edited."""
    site.write({OTHER: "Title: Éphémère\nDate: 2025-05-01\n\nTexte.\n"})
    assert site.build().ok
    edit(site, STORY, "## ", "Un ajout du jour, pour voir.\n\n## ")


def test_a_build_overtaken_by_another_leaves_the_other_ones_site(
    example_copy, digest, monkeypatch
) -> None:
    site = example_copy
    built_with_a_story_to_remove(site)
    real, calls = patch.exclusive, []

    @contextmanager
    def exclusive(output: Path):
        calls.append(output)
        if len(calls) == 2:
            # This build has read the live site and decided what to keep;
            # before it puts its own in place, the owner removes a story and
            # another build (a process of its own) puts its site in place.
            (site.root / OTHER).unlink()
            command = [sys.executable, "-m", "comptoir.core.build", "pelicanconf.py"]
            subprocess.run(command, cwd=site.root, check=True, capture_output=True)
        with real(output):
            yield

    monkeypatch.setattr(patch, "exclusive", exclusive)
    result = site.build()
    monkeypatch.undo()
    assert not result.ok
    assert "Une autre construction a mis son site dans" in "\n".join(site.messages(result))
    # The other build's site, whole: the removed story is gone from the
    # pages and from the feeds alike.
    assert not (site.output / "histoires/ephemere").exists()
    assert "ephemere" not in site.page("atom.xml")
    assert digest(site.output) == clean_digest(site, digest)
    assert leftovers(site) == []
    assert site.build().ok


def test_a_patch_that_cannot_be_finished_gives_way_to_a_whole_new_site(
    example_copy, digest, monkeypatch
) -> None:
    site = example_copy
    built_with_a_story_to_remove(site)
    (site.root / OTHER).unlink()
    real = os.unlink

    def unlink(path, *args, **kwargs) -> None:
        # The removed story's page cannot be removed (a folder left to
        # root by a build run with sudo...), build after build.
        if str(path).endswith("histoires/ephemere/index.html"):
            raise PermissionError(13, "Permission denied", str(path))
        real(path, *args, **kwargs)

    monkeypatch.setattr(patch.os, "unlink", unlink)
    failed = site.build()
    assert not failed.ok
    assert failed.summary.startswith("Échec de la construction") and "la prochaine" in (
        failed.summary
    )
    assert "Permission denied" in "\n".join(site.messages(failed))
    assert (site.output / patch.JOURNAL).is_file()
    # The next build cannot finish that journal either: it drops it, says
    # so, and swaps a whole new site in.
    again = site.build(strict=False)
    assert again.ok, site.messages(again)
    assert [(p.key, p.severity) for p in again.problems] == [("OUTPUT_PATH", "warning")]
    assert "n’a pas pu être mis à jour sur place" in "\n".join(site.messages(again))
    monkeypatch.undo()
    assert not (site.output / patch.JOURNAL).exists()
    assert digest(site.output) == clean_digest(site, digest)


def test_ctrl_c_once_the_site_is_in_place_only_stops(tmp_path: Path, monkeypatch) -> None:
    live, staging = _sites(tmp_path)

    def interrupted(old: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(patch, "remove_later", interrupted)
    with pytest.raises(KeyboardInterrupt):
        patch.apply(staging, live, {"kept/index.html"})
    assert _tree(live) == EXPECTED
    assert not (live / patch.JOURNAL).exists()


@pytest.mark.parametrize(
    "journal",
    [
        {},
        [],
        {"staging": "{output}", "moves": [], "removals": []},
        {"staging": "{staging}", "moves": [], "removals": ["../outside.txt"]},
        {"staging": "{staging}", "moves": [], "removals": ["{outside}"]},
        {"staging": "{staging}", "moves": "index.html", "removals": []},
    ],
)
def test_a_journal_not_written_by_a_build_is_dropped(tmp_path: Path, journal) -> None:
    live, staging = _sites(tmp_path)
    outside = tmp_path / "outside.txt"
    outside.write_text("the owner's file")
    text = json.dumps(journal)
    for name, value in (("output", live), ("staging", staging), ("outside", outside)):
        text = text.replace("{" + name + "}", str(value))
    (live / patch.JOURNAL).write_text(text)
    before = _tree(live)
    assert not patch.finish_pending(live)
    assert _tree(live) == {k: v for k, v in before.items() if k != patch.JOURNAL}
    assert outside.read_text() == "the owner's file"
    assert staging.is_dir()


def test_new_bytes_under_the_same_size_and_date_move_in(tmp_path: Path) -> None:
    live, staging = _sites(tmp_path)
    # A static file copied with its source's date, the source replaced by
    # one of the same length and date (cp -p, rsync -t, an unzip).
    (live / "same.css").write_text("body {}")
    (staging / "same.css").write_text("p    {}")
    stat = (live / "same.css").stat()
    os.utime(staging / "same.css", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    steps = patch.apply(staging, live, {"kept/index.html"})
    assert "same.css" in steps["moves"]
    assert (live / "same.css").read_text() == "p    {}"


def test_an_error_in_the_build_process_is_told(make_site, monkeypatch) -> None:
    site = make_site({"content/stories/un.md": "Title: Un\nDate: 2025-03-01\n\nTexte.\n"})

    def broken(*args, **kwargs):
        raise ValueError("a journal beyond repair")

    # The forked child inherits the patched function.
    monkeypatch.setattr("comptoir.core.build.apart.build", broken)
    result = build_apart(site.settings)
    assert not result.ok
    assert [p.format() for p in result.problems] == [
        "pelicanconf.py: La construction s’est arrêtée sur une erreur (ValueError: a journal "
        "beyond repair)\u00a0: le site précédent reste tel quel."
    ]
