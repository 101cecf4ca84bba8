"""A build that would change nothing stops before it starts (build/uptodate.py):
on a copy of the example, what counts as a change and what a stopped build
leaves (every file as it was)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from comptoir.core.build import build, uptodate
from comptoir.core.build.reuse import code_roots

STORY = "content/stories/une-nuit-au-fournil.md"


def files_as_they_are(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file by inode, size and date: what "left as it was" means."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            found[str(path.relative_to(folder))] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return found


def again(site, **overrides):
    return build(site.settings, overrides=overrides or None, skip_unchanged=True)


def test_an_unchanged_site_is_not_built_again(example_copy) -> None:
    first = again(example_copy)
    assert first.ok and "unchanged" not in first.stats, example_copy.messages(first)
    before = files_as_they_are(example_copy.output)
    second = again(example_copy)
    assert second.ok and second.stats["unchanged"] is True
    assert second.summary.startswith("Rien n’a changé depuis la dernière construction")
    assert files_as_they_are(example_copy.output) == before
    # No staging folder is left beside the output (the first build's old
    # site may still be being removed in the background).
    assert [p.name for p in example_copy.root.iterdir() if p.name.startswith(".output.new-")] == []


def test_the_owners_command_says_so_in_the_sites_language(example_copy) -> None:
    command = [sys.executable, "-m", "comptoir.core.build", "pelicanconf.py"]
    runs = [
        subprocess.run(command, cwd=example_copy.root, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr
    assert runs[0].stdout.startswith("Site construit en")
    assert (
        runs[1]
        .stdout.strip()
        .startswith(
            f"Rien n’a changé depuis la dernière construction\u00a0: output{os.sep} est à jour ("
        )
    )


def test_an_edited_story_is_built(example_copy) -> None:
    assert again(example_copy).ok
    story = example_copy.root / STORY
    story.write_text(story.read_text(encoding="utf-8") + "\nUn ajout du soir.\n", "utf-8")
    result = again(example_copy)
    assert result.ok and "unchanged" not in result.stats
    assert "Un ajout du soir" in example_copy.page("histoires/une-nuit-au-fournil/index.html")
    # That build patched the live site and stamped it from the listing its
    # plan walked, brought up to date (build/listing.py): the same stamp as
    # a walk of the site now, so the next build has nothing to do.
    assert again(example_copy).stats["unchanged"]


def test_a_new_photo_or_setting_is_built(example_copy) -> None:
    assert again(example_copy).ok
    (example_copy.root / "content/images/nouvelle.txt").write_text("x", encoding="utf-8")
    assert "unchanged" not in again(example_copy).stats
    assert again(example_copy).stats["unchanged"]
    changed = again(example_copy, SITESUBTITLE="Boulangerie au levain")
    assert changed.ok and "unchanged" not in changed.stats


def test_an_output_file_changed_by_hand_is_made_again(example_copy) -> None:
    assert again(example_copy).ok
    page = example_copy.output / "histoires/une-nuit-au-fournil/index.html"
    made = page.read_bytes()
    page.write_text("abîmé", encoding="utf-8")
    result = again(example_copy)
    assert result.ok and "unchanged" not in result.stats
    assert page.read_bytes() == made
    (example_copy.output / "a-propos/index.html").unlink()
    assert "unchanged" not in again(example_copy).stats
    assert (example_copy.output / "a-propos/index.html").is_file()


def test_a_build_with_a_warning_runs_again_and_warns_again(example_copy) -> None:
    story = example_copy.root / STORY
    story.write_text(
        story.read_text(encoding="utf-8") + "\n[lien]({filename}/stories/nexiste-pas.md)\n",
        encoding="utf-8",
    )
    for _ in range(2):
        result = build(example_copy.settings, skip_unchanged=True)
        assert result.ok and "unchanged" not in result.stats
        assert any("nexiste-pas.md" in p.message for p in result.problems)


def test_callers_needing_the_build_in_memory_always_get_it(example_copy) -> None:
    assert again(example_copy).ok
    result = build(example_copy.settings)  # the digest, stats, livereload, publish
    assert result.ok and "unchanged" not in result.stats
    assert result.build is not None and result.build.generators


def test_a_story_scheduled_for_later_ends_the_stamp(example_copy) -> None:
    assert again(example_copy).ok
    found = uptodate.inputs("key", {"PATH": str(example_copy.root / "content")})
    settings = {"CACHE_PATH": str(example_copy.root / "cache")}
    stamp_file = next((example_copy.root / "cache").glob("uptodate-*.json"))
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    uptodate.save(found, settings, example_copy.output, [soon, soon + dt.timedelta(days=2)])
    assert json.loads(stamp_file.read_text("utf-8"))["until"] == soon.timestamp()
    assert uptodate.is_current(found, settings, example_copy.output)
    # Once the hour has come, the stamp no longer holds.
    saved = json.loads(stamp_file.read_text("utf-8"))
    stamp_file.write_text(json.dumps({**saved, "until": soon.timestamp() - 7200}), "utf-8")
    assert not uptodate.is_current(found, settings, example_copy.output)
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    uptodate.save(found, settings, example_copy.output, [past, None])
    assert json.loads(stamp_file.read_text("utf-8"))["until"] is None


def test_a_file_saved_while_building_leaves_no_stamp(example_copy) -> None:
    assert again(example_copy).ok
    found = uptodate.inputs("key", {"PATH": str(example_copy.root / "content")})
    settings = {"CACHE_PATH": str(example_copy.root / "cache")}
    story = example_copy.root / STORY
    story.write_text(story.read_text(encoding="utf-8") + "\nPendant.\n", "utf-8")
    uptodate.save(found, settings, example_copy.output, [])
    assert not list((example_copy.root / "cache").glob("uptodate-*.json"))


def test_the_kits_plugins_count_in_the_site_key() -> None:
    import comptoir.plugins

    roots = code_roots({"PLUGINS": []}, Path.cwd())
    assert Path(comptoir.plugins.__path__[0]) in roots
