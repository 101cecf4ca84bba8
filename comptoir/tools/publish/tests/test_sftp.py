"""SFTP against a real OpenSSH server on loopback, with OpenSSH's own sftp
client and the key in a real ssh-agent: only changes sent, temporary names
renamed at the end, deletions, dry run, guard, a publish killed midway."""

from __future__ import annotations

import json

import pytest

from comptoir.tools.publish import publish
from comptoir.tools.publish.tests.staging import (
    a_deleted_story_goes_with_its_folder,
    a_second_publish_renames_only_what_changed,
    a_wrong_key_is_named,
    big_file,
    cut_publish,
    deleting_most_pages_needs_force,
    dry_run_changes_nothing,
    first_publish_puts_the_build_online,
    inodes,
    leftovers,
    outside_index,
    site_tree,
    story,
)


@pytest.fixture
def remote_site(ssh_site):
    """A site whose PUBLISH is SFTP into its own folder on the loopback sshd."""
    return ssh_site("sftp")


def test_first_publish_puts_the_build_online(remote_site) -> None:
    first_publish_puts_the_build_online(remote_site)
    manifest = json.loads((remote_site.remote / ".comptoir-manifest.json").read_text())
    assert manifest == site_tree(remote_site.output)


def test_a_second_publish_sends_only_what_changed(remote_site) -> None:
    lines = a_second_publish_renames_only_what_changed(remote_site)
    assert all(line.startswith("~ ") for line in outside_index(lines)), lines


def test_a_deleted_story_goes_with_its_folder(remote_site) -> None:
    a_deleted_story_goes_with_its_folder(remote_site)


def test_a_dry_run_changes_nothing_online(remote_site) -> None:
    dry_run_changes_nothing(remote_site, lambda: inodes(remote_site.remote))


def test_deleting_most_pages_needs_force(remote_site) -> None:
    deleting_most_pages_needs_force(remote_site, lambda: inodes(remote_site.remote))
    assert site_tree(remote_site.remote) == site_tree(remote_site.output)


def test_a_name_sftp_cannot_carry_is_refused(remote_site) -> None:
    remote_site.write({"content/images/plan[1].txt": "x"})
    done = publish(remote_site.settings)
    assert not done.ok and "plan[1].txt" in done.summary, done.summary
    assert not remote_site.remote.exists()


def test_wrong_key_is_named(remote_site, monkeypatch) -> None:
    a_wrong_key_is_named(remote_site, monkeypatch)


def test_a_killed_publish_leaves_the_old_site_whole_then_resumes(remote_site) -> None:
    assert publish(remote_site.settings).ok
    old = site_tree(remote_site.remote)
    big_file(remote_site, 120_000_000)
    remote_site.write({"content/stories/s0.md": story("s0", 0, "Nouvelle version.")})
    folder = remote_site.remote / "images"

    def arriving() -> bool:
        return any(p.stat().st_size > 0 for p in folder.glob(".gros.bin.*.comptoir-part"))

    # Kill sftp and all once the big file has started to arrive.
    cut_publish(remote_site.settings, arriving)
    part = next(folder.glob(".gros.bin.*.comptoir-part"), None)
    assert part is not None and 0 < part.stat().st_size < 120_000_000, "no transfer to cut"
    assert site_tree(remote_site.remote) == old
    # Proof that the next publish sends only the rest: a byte marked in the
    # half-sent file is still there once it is online.
    with part.open("r+b") as handle:
        first = handle.read(1)
        handle.seek(0)
        handle.write(bytes([first[0] ^ 0xFF]))
    done = publish(remote_site.settings)
    assert done.ok, done.summary
    assert leftovers(remote_site.remote) == []
    online = remote_site.remote / "images/gros.bin"
    with online.open("rb") as handle:
        assert handle.read(1) == bytes([first[0] ^ 0xFF])
    with online.open("r+b") as handle:
        handle.write(first)  # undo the mark: the rest must be the build's
    assert site_tree(remote_site.remote) == site_tree(remote_site.output)
