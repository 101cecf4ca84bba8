"""A build after an edit brings the live site up to date in place (patch.py):
only what changed moves, what is gone goes, and a cut is finished later."""

from __future__ import annotations

import errno
import fcntl
import json
import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from comptoir.core.build import driver, patch
from comptoir.core.build.atomic import MARKER, MARKER_TEXT

from .test_atomic import leftovers
from .test_reuse import STORY, clean_digest, edit

OTHER = "content/stories/ephemere.md"


def test_an_edit_build_patches_the_live_site_in_place(example_copy, digest) -> None:
    site = example_copy
    site.write({OTHER: "Title: Éphémère\nDate: 2025-05-01\n\nTexte.\n"})
    assert site.build().ok
    folder = site.output.stat().st_ino
    page = site.output / "a-propos/index.html"
    before = page.stat()
    other = site.root / OTHER
    gone = site.output / "histoires/ephemere"
    assert gone.is_dir()
    edit(site, STORY, "## ", "Un ajout du jour, pour voir.\n\n## ")
    other.unlink()
    site.write({"content/stories/nouvelle.md": "Title: Nouvelle\nDate: 2025-05-02\n\nTexte.\n"})
    result = site.build()
    assert result.ok, site.messages(result)
    # The same folder, brought up to date: not a new one swapped in.
    assert site.output.stat().st_ino == folder
    after = page.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert "Un ajout du jour" in site.page("histoires/une-nuit-au-fournil/index.html")
    assert (site.output / "histoires/nouvelle/index.html").is_file()
    # The removed story's page, and its emptied folder.
    assert not gone.exists()
    assert not (site.output / patch.JOURNAL).exists()
    assert digest(site.output) == clean_digest(site, digest)
    assert leftovers(site) == []


def test_the_headers_list_the_pages_left_in_place(example_copy) -> None:
    site = example_copy
    assert site.build().ok
    edit(site, STORY, "## ", "Un ajout du jour, pour voir.\n\n## ")
    result = site.build()
    assert result.ok, site.messages(result)
    # Every page but the story was left in place, none in the staging folder.
    assert result.stats["pages_kept"] == len(result.build.writer.pages) - 1
    headers = site.page("_headers")
    clean = site.root / "clean"
    assert site.build(OUTPUT_PATH=str(clean), COMPTOIR_REUSE=False).ok
    assert headers == (clean / "_headers").read_text(encoding="utf-8")
    assert "\n/embed/*\n" in headers


def test_a_checked_build_still_swaps_a_whole_new_site(example_copy) -> None:
    # The checks read every page of the new site from the staging folder.
    assert example_copy.build().ok
    folder = example_copy.output.stat().st_ino
    result = driver.build(example_copy.settings, check=True)
    assert result.ok, example_copy.messages(result)
    assert example_copy.output.stat().st_ino != folder


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*") if p.is_file()}


def _sites(tmp_path: Path) -> tuple[Path, Path]:
    """A live site and a staging folder holding what a build made."""
    live, staging = tmp_path / "output", tmp_path / ".output.new-test"
    files = {
        MARKER: MARKER_TEXT,
        "index.html": "old home",
        "kept/index.html": "kept page",
        "same.css": "body {}",
        "gone/deep/index.html": "removed story",
        "was-a-file": "a file that becomes a folder",
    }
    made = {
        MARKER: MARKER_TEXT,
        "index.html": "new home",
        "same.css": "body {}",
        "new/index.html": "new story",
        "was-a-file/index.html": "now a folder",
    }
    for root, tree in ((live, files), (staging, made)):
        for rel, text in tree.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
    return live, staging


EXPECTED = {
    MARKER: MARKER_TEXT,
    "index.html": "new home",
    "kept/index.html": "kept page",
    "same.css": "body {}",
    "new/index.html": "new story",
    "was-a-file/index.html": "now a folder",
}


def test_the_plan_moves_what_changed_and_removes_what_is_gone(tmp_path: Path) -> None:
    live, staging = _sites(tmp_path)
    same = (live / "same.css").stat().st_ino
    steps = patch.apply(staging, live, {"kept/index.html"})
    assert sorted(steps["moves"]) == ["index.html", "new/index.html", "was-a-file/index.html"]
    assert sorted(steps["removals"]) == ["gone/deep/index.html", "was-a-file"]
    assert _tree(live) == EXPECTED
    assert not (live / "gone").exists()
    # The same bytes: the live file stays, with its date.
    assert (live / "same.css").stat().st_ino == same
    assert not staging.exists()


def _cut_after_one_move(staging: Path, live: Path) -> None:
    """Apply in a child killed (no handler runs) right after its first move."""

    def child() -> None:
        real = os.replace

        def replace(source, target) -> None:
            real(source, target)
            if str(source).startswith(str(staging)):
                os._exit(9)

        patch.os.replace = replace  # type: ignore[attr-defined]
        patch.apply(staging, live, {"kept/index.html"})
        os._exit(0)

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    process.join()
    assert process.exitcode == 9


def test_a_patch_cut_half_way_is_finished_by_the_next_build(tmp_path: Path) -> None:
    live, staging = _sites(tmp_path)
    _cut_after_one_move(staging, live)
    # Half done: the journal says what is left.
    assert (live / patch.JOURNAL).is_file()
    assert _tree(live) != EXPECTED
    assert patch.finish_pending(live)
    assert _tree(live) == EXPECTED
    assert not (live / "gone").exists()
    assert not patch.finish_pending(live)


def test_ctrl_c_while_patching_finishes_first(tmp_path: Path, monkeypatch) -> None:
    live, staging = _sites(tmp_path)
    real = os.replace
    calls = []

    def replace(source, target) -> None:
        calls.append(source)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(source, target)

    monkeypatch.setattr(patch.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        patch.apply(staging, live, {"kept/index.html"})
    monkeypatch.undo()
    assert _tree(live) == EXPECTED
    assert not (live / patch.JOURNAL).exists()


def test_a_build_finishes_a_journal_left_by_a_cut_one(example_copy, digest) -> None:
    site = example_copy
    assert site.build().ok
    staging = site.root / ".output.new-cut"
    shutil.copytree(site.output, staging)
    (staging / "index.html").write_text("from the cut build")
    steps = {"staging": str(staging), "moves": ["index.html"], "removals": []}
    (site.output / patch.JOURNAL).write_text(json.dumps(steps))
    edit(site, STORY, "## ", "Un ajout du jour, pour voir.\n\n## ")
    result = site.build()
    assert result.ok, site.messages(result)
    assert not (site.output / patch.JOURNAL).exists()
    assert digest(site.output) == clean_digest(site, digest)
    assert leftovers(site) == []


def test_share_cards_already_in_place_stay_there(example_copy, digest) -> None:
    site = example_copy
    assert site.build().ok
    cards = sorted(p.relative_to(site.output).as_posix() for p in site.output.glob("social/*"))
    assert len(cards) > 10
    edit(site, STORY, "## ", "Un ajout du jour, pour voir.\n\n## ")
    result = site.build()
    assert result.ok, site.messages(result)
    # Not linked into the staging folder again: left in the live site.
    assert set(cards) <= result.build.kept_files
    assert digest(site.output) == clean_digest(site, digest)


def test_one_build_at_a_time_puts_its_site_in_place(example_copy, monkeypatch) -> None:
    site = example_copy
    assert site.build().ok
    real, held = patch.apply, []

    def apply(staging, output, *rest):
        # Another process, or livereload's own build, cannot take the lock now.
        other = os.open(output.parent, os.O_RDONLY)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(other)
        held.append(True)
        return real(staging, output, *rest)

    monkeypatch.setattr(patch, "apply", apply)
    edit(site, STORY, "## ", "Un ajout du jour, pour voir.\n\n## ")
    assert site.build().ok
    assert held == [True]


def test_a_failed_patch_keeps_what_its_journal_needs(example_copy, digest, monkeypatch) -> None:
    site = example_copy
    assert site.build().ok
    edit(site, STORY, "## ", "Un ajout du jour, pour voir.\n\n## ")
    real = os.replace

    def replace(source, target) -> None:
        if ".output.new-" in str(source) and ".output.new-" not in str(target):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(source, target)

    monkeypatch.setattr(patch.os, "replace", replace)
    result = site.build()
    monkeypatch.undo()
    assert not result.ok
    assert result.errors[0].key == "OUTPUT_PATH"
    assert "No space left" in result.errors[0].message
    # The journal, and the staging folder holding what it still has to move.
    steps = json.loads((site.output / patch.JOURNAL).read_text())
    assert Path(steps["staging"]).is_dir() and steps["moves"]
    again = site.build()
    assert again.ok, site.messages(again)
    assert not (site.output / patch.JOURNAL).exists()
    assert digest(site.output) == clean_digest(site, digest)
    assert leftovers(site) == []


def test_a_journal_edited_by_hand_is_dropped(tmp_path: Path) -> None:
    live, _staging = _sites(tmp_path)
    (live / patch.JOURNAL).write_text("{not json")
    assert not patch.finish_pending(live)
    assert not (live / patch.JOURNAL).exists()


def test_a_cached_artefact_with_the_live_bytes_moves_in_with_its_date(tmp_path: Path) -> None:
    live, staging = _sites(tmp_path)
    # The live copy of a share card, and the same bytes drawn again into an
    # emptied cache, linked into the staging folder.
    (live / "social").mkdir()
    (live / "social/card.jpg").write_bytes(b"card")
    os.utime(live / "social/card.jpg", ns=(1_000_000_000, 1_000_000_000))
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "card.jpg").write_bytes(b"card")
    (staging / "social").mkdir()
    os.link(cache / "card.jpg", staging / "social/card.jpg")
    steps = patch.apply(staging, live, {"kept/index.html"})
    assert "social/card.jpg" in steps["moves"]
    # Now the cache's own file, with the date the live copy had (rsync
    # passes over it): the next build finds the same file, unread.
    placed = (live / "social/card.jpg").stat()
    assert placed.st_ino == (cache / "card.jpg").stat().st_ino
    assert placed.st_mtime_ns == 1_000_000_000
    # A staged file of its own with the same bytes stays out (same.css).
    assert "same.css" not in steps["moves"]


def _part(name: str) -> str:
    """The part of the search index a file of ``pagefind/`` belongs to."""
    folder = name.split("/")[1]
    return folder if folder.startswith("part-") else "part-0"


def test_unchanged_parts_of_the_search_index_stay_in_place(example_copy, digest) -> None:
    site = example_copy
    settings = site.root / "pelicanconf.py"
    settings.write_text(settings.read_text("utf-8") + "\nSEARCH_PART_RECORDS = 3\n", "utf-8")
    assert site.build().ok
    index = [
        p.relative_to(site.output).as_posix()
        for p in (site.output / "pagefind").rglob("*")
        if p.is_file()
    ]
    parts = {_part(name) for name in index}
    assert len(parts) >= 4
    edit(site, STORY, "## ", "Un ajout du jour, pour voir.\n\n## ")
    result = site.build()
    assert result.ok, site.messages(result)
    # Every part but the edited story's stays where it is, not linked into
    # the staging folder again.
    whole = {
        part
        for part in parts
        if all(name in result.build.kept_files for name in index if _part(name) == part)
    }
    assert len(whole) == len(parts) - 1
    assert digest(site.output) == clean_digest(site, digest)
