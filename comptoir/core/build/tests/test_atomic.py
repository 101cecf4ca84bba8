"""A build is swapped in whole or not at all; clean only deletes our folders."""

import os
import time
from pathlib import Path

import pytest

from comptoir.core.build import RefusedError, atomic, clean
from comptoir.core.build.atomic import MARKER

STORY = "Title: Un\nDate: 2025-03-01\n\nTexte.\n"


def leftovers(site, wait: float = 30.0) -> list[str]:
    """The folders a build left beside the output, once the old site's
    removal (a process of its own, not waited for) had time to end."""
    deadline = time.monotonic() + wait
    while True:
        found = sorted(p.name for p in site.root.iterdir() if p.name.startswith(".output"))
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def test_success_replaces_the_output_and_leaves_no_staging(make_site) -> None:
    site = make_site({"content/stories/un.md": STORY})
    assert site.build().ok
    (site.output / "stale.html").write_text("from an older build")
    assert site.build().ok
    assert not (site.output / "stale.html").exists()
    assert (site.output / MARKER).is_file()
    assert leftovers(site) == []


def test_a_build_failing_half_way_leaves_the_previous_site_byte_identical(
    make_site, digest
) -> None:
    site = make_site({"content/stories/un.md": STORY})
    assert site.build().ok
    before = digest(site.output)
    # A template that crashes while pages are being written.
    site.write({"overrides/article.html": "{{ article.nothing.deeper }}"})
    overrides = [str(site.root / "overrides")]
    result = site.build(THEME_TEMPLATES_OVERRIDES=overrides)
    assert not result.ok
    assert "UndefinedError" in result.errors[0].message
    assert digest(site.output) == before
    assert leftovers(site) == []


def test_output_folder_not_made_by_comptoir_is_never_replaced(make_site) -> None:
    site = make_site({"content/stories/un.md": STORY})
    site.output.mkdir()
    (site.output / "thesis.odt").write_text("the owner's work")
    result = site.build()
    assert not result.ok
    assert result.errors[0].key == "OUTPUT_PATH"
    assert (site.output / "thesis.odt").read_text() == "the owner's work"
    with pytest.raises(RefusedError):
        clean(site.output, site.root)
    assert (site.output / "thesis.odt").exists()


def test_output_path_containing_the_project_is_refused(make_site) -> None:
    site = make_site({"content/stories/un.md": STORY})
    result = site.build(OUTPUT_PATH=str(site.root.parent))
    assert not result.ok
    with pytest.raises(RefusedError):
        clean(site.root, site.root)
    assert (site.root / "content/stories/un.md").exists()


def test_clean_deletes_our_output(make_site, tmp_path: Path) -> None:
    site = make_site({"content/stories/un.md": STORY})
    assert site.build().ok
    assert clean(site.output, site.root) is True
    assert not site.output.exists()
    assert clean(site.output, site.root) is False


def test_a_typo_in_the_settings_names_the_line_and_keeps_the_site(make_site, digest) -> None:
    site = make_site({"content/stories/un.md": STORY})
    assert site.build().ok
    before = digest(site.output)
    conf = site.settings.read_text()
    site.settings.write_text(conf + 'SITESUBTITLE = "Boulangerie\n')
    result = site.build()
    assert not result.ok and result.output is None
    [problem] = result.problems
    assert (problem.path, problem.line) == ("pelicanconf.py", conf.count("\n") + 1)
    assert problem.message.startswith("Python ne peut pas lire ce fichier\u00a0: SyntaxError")
    assert digest(site.output) == before


def test_clean_refuses_even_an_empty_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "output").mkdir()
    with pytest.raises(RefusedError):
        clean(tmp_path / "output", tmp_path)
    assert (tmp_path / "output").is_dir()


def test_the_output_folder_is_readable_by_a_web_server(make_site) -> None:
    """The swapped-in folder has the owner's umask, not mkdtemp's 0700: a
    server reading output/ directly (nginx as www-data) can serve it."""
    import os

    site = make_site({"content/stories/un.md": STORY})
    previous = os.umask(0o022)
    try:
        assert site.build().ok
    finally:
        os.umask(previous)
    assert site.output.stat().st_mode & 0o777 == 0o755


def test_files_whose_bytes_did_not_change_keep_their_dates(make_site) -> None:
    """After one story's text changes, exactly the files whose bytes changed
    get a new date; every other file keeps the one it had (rsync by size
    and date sends only the changes)."""
    site = make_site(
        {
            "content/stories/un.md": STORY,
            "content/stories/deux.md": "Title: Deux\nDate: 2025-03-02\n\nAutre texte.\n",
        }
    )
    assert site.build().ok
    past = 1_000_000_000  # 2001: surely not the time of the next build
    before = {}
    for path in site.output.rglob("*"):
        if path.is_file():
            os.utime(path, (past, past))
            before[path.relative_to(site.output)] = path.read_bytes()
    (site.root / "content/stories/un.md").write_text(STORY.replace("Texte.", "Texte revu."))
    assert site.build().ok
    changed, dated = set(), set()
    for path in site.output.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site.output)
        if before.get(rel) != path.read_bytes():
            changed.add(rel)
        if path.stat().st_mtime != past:
            dated.add(rel)
    assert Path("histoires/un/index.html") in changed
    assert Path("histoires/deux/index.html") not in dated
    assert dated == changed
    assert len(before) - len(changed) > 10  # most of the site kept its dates


def test_the_replaced_site_is_removed_and_its_linked_files_survive(tmp_path: Path) -> None:
    from comptoir.core.build.atomic import remove_later

    old = tmp_path / ".output.old-x"
    (old / "histoires").mkdir(parents=True)
    (old / "histoires" / "index.html").write_text("kept page")
    kept = tmp_path / "output" / "index.html"
    kept.parent.mkdir()
    os.link(old / "histoires" / "index.html", kept)
    remove_later(old)
    deadline = time.monotonic() + 30
    while old.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not old.exists()
    assert kept.read_text() == "kept page"


@pytest.mark.parametrize("stop", [1, 2])
def test_ctrl_c_between_the_two_renames_never_leaves_no_site(
    tmp_path: Path, monkeypatch, stop: int
) -> None:
    output, staging = tmp_path / "output", tmp_path / ".output.new-x"
    for folder, text in ((output, "old"), (staging, "new")):
        folder.mkdir()
        (folder / MARKER).write_text("")
        (folder / "index.html").write_text(text)
    real, calls = os.replace, []

    def replace(source, target) -> None:
        calls.append(source)
        real(source, target)
        if len(calls) == stop:  # Ctrl-C right after this rename
            raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        atomic.swap(staging, output, tmp_path / "project")
    monkeypatch.undo()
    # Stopped after the old site moved aside: it is put back. Stopped once
    # the new one was in: it stays.
    assert (output / "index.html").read_text() == ("old" if stop == 1 else "new")
