"""SFTP against a real OpenSSH server on loopback, with OpenSSH's own sftp
client and the key in a real ssh-agent: only changes sent, temporary names
renamed at the end, deletions, dry run, guard, a publish killed midway."""

from __future__ import annotations

import json

import pytest

from comptoir.tools.publish import publish
from comptoir.tools.publish.tests.staging import (
    STORIES,
    big_file,
    cut_publish,
    deleting_most_pages_needs_force,
    dry_run_changes_nothing,
    inodes,
    leftovers,
    over_ssh,
    site_tree,
    story,
)


@pytest.fixture
def remote_site(make_site, ssh_server, agent_env, monkeypatch, request):
    """A site whose PUBLISH is SFTP into its own folder on the loopback sshd."""
    monkeypatch.setenv("SSH_AUTH_SOCK", agent_env["SSH_AUTH_SOCK"])
    settings, remote = over_ssh(ssh_server, request.node.name, "sftp")
    site = make_site(STORIES, settings)
    site.remote = remote
    return site


def test_first_publish_puts_the_build_online(remote_site) -> None:
    done = publish(remote_site.settings)
    assert done.ok, [*done.lines, done.summary]
    assert done.summary.startswith("En ligne à https://www.example.fr/")
    assert site_tree(remote_site.remote) == site_tree(remote_site.output)
    assert leftovers(remote_site.remote) == []
    manifest = json.loads((remote_site.remote / ".comptoir-manifest.json").read_text())
    assert manifest == site_tree(remote_site.output)


def test_a_second_publish_sends_only_what_changed(remote_site) -> None:
    assert publish(remote_site.settings).ok
    before = inodes(remote_site.remote)
    remote_site.write({"content/stories/s1.md": story("s1", 1, "Un texte corrigé.")})
    dry = publish(remote_site.settings, dry_run=True)
    changed = {line[2:] for line in dry.lines}
    assert "histoires/s1/index.html" in changed and "histoires/s2/index.html" not in changed
    assert all(line.startswith("~ ") for line in dry.lines), dry.lines
    assert publish(remote_site.settings).ok
    after = inodes(remote_site.remote)
    assert site_tree(remote_site.remote) == site_tree(remote_site.output)
    # A file sent is a new file renamed into place; the others were not touched.
    renamed = {path for path in after if path in before and after[path] != before[path]}
    assert renamed == changed | {".comptoir-manifest.json"}


def test_a_deleted_story_goes_with_its_folder(remote_site) -> None:
    assert publish(remote_site.settings).ok
    (remote_site.root / "content/stories/s3.md").unlink()
    done = publish(remote_site.settings)
    assert done.ok, done.summary
    assert not (remote_site.remote / "histoires/s3").exists()
    assert site_tree(remote_site.remote) == site_tree(remote_site.output)


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
    monkeypatch.delenv("SSH_AUTH_SOCK")
    monkeypatch.setenv("HOME", str(remote_site.root))  # no ~/.ssh keys either
    done = publish(remote_site.settings)
    assert not done.ok and "clé SSH" in done.summary, done.summary


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
