"""rsync over SSH against a real OpenSSH server on loopback: releases
switched atomically, only changes sent, deletions, dry run, guards, a cut
transfer, rollback. The key comes from a real ssh-agent, as on an owner's
machine."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from comptoir.publish import publish
from comptoir.publish.rollback import rollback

SUMMARY = "Un résumé de la bonne longueur, qui dit bien de quoi parle cette histoire"


def story(name: str, minute: int, body: str = "Du texte.") -> str:
    return (
        f"Title: Histoire {name}\nDate: 2025-03-01 08:{minute:02d}\n"
        f"Summary: {SUMMARY} ({name}).\n\n{body}\n"
    )


@pytest.fixture
def remote_site(make_site, ssh_server, agent_env, monkeypatch, request):
    """A site whose PUBLISH points at its own folder on the loopback sshd,
    reached through an ssh config file, with the key in the agent only."""
    monkeypatch.setenv("SSH_AUTH_SOCK", agent_env["SSH_AUTH_SOCK"])
    remote = ssh_server.root / request.node.name
    config = Path(str(ssh_server.root) + f"-{request.node.name}.ssh_config")
    config.write_text(
        f"Host comptoir-test\n  HostName {ssh_server.host}\n  Port {ssh_server.port}\n"
        f"  User {ssh_server.user}\n  UserKnownHostsFile {ssh_server.known_hosts}\n"
        "  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n",
        encoding="utf-8",
    )
    files = {f"content/stories/s{n}.md": story(f"s{n}", n) for n in range(4)}
    settings = (
        'SITEURL = "https://www.example.fr"\n'
        f'PUBLISH = {{"target": "rsync", "host": "comptoir-test", "path": "{remote}", '
        f'"ssh_config": "{config}", "keep": 3}}\n'
    )
    site = make_site(files, settings)
    site.remote = remote
    return site


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".comptoir-manifest.json"
    }


def live(site) -> Path:
    return (site.remote / "current").resolve()


def test_first_publish_puts_the_build_online(remote_site) -> None:
    done = publish(remote_site.settings)
    assert done.ok, [*done.lines, done.summary]
    assert done.summary.startswith("En ligne à https://www.example.fr/")
    assert (remote_site.remote / "current").is_symlink()
    assert tree(live(remote_site)) == tree(remote_site.output)


def test_a_second_publish_sends_only_what_changed(remote_site) -> None:
    assert publish(remote_site.settings).ok
    first = live(remote_site)
    remote_site.write({"content/stories/s1.md": story("s1", 1, "Un texte corrigé.")})
    dry = publish(remote_site.settings, dry_run=True)
    changed = {line[2:] for line in dry.lines}
    assert "histoires/s1/index.html" in changed
    assert "histoires/s2/index.html" not in changed
    assert all(line.startswith("~ ") for line in dry.lines), dry.lines
    assert publish(remote_site.settings).ok
    second = live(remote_site)
    assert second != first and tree(second) == tree(remote_site.output)
    # Unchanged files are the same file on disk as in the previous release.
    for name in ("histoires/s2/index.html", "theme/css/site.css"):
        assert (second / name).stat().st_ino == (first / name).stat().st_ino
    assert (second / "histoires/s1/index.html").stat().st_ino != (
        first / "histoires/s1/index.html"
    ).stat().st_ino


def test_a_deleted_story_goes_and_the_old_release_keeps_it(remote_site) -> None:
    assert publish(remote_site.settings).ok
    first = live(remote_site)
    (remote_site.root / "content/stories/s3.md").unlink()
    done = publish(remote_site.settings)
    assert done.ok, done.summary
    assert not (live(remote_site) / "histoires/s3/index.html").exists()
    assert (first / "histoires/s3/index.html").exists()


def test_a_dry_run_changes_nothing_online(remote_site) -> None:
    assert publish(remote_site.settings).ok
    before = tree(remote_site.remote)
    remote_site.write({"content/stories/s0.md": story("s0", 0, "Autre chose.")})
    dry = publish(remote_site.settings, dry_run=True)
    assert dry.ok and dry.lines and "rien n’a changé en ligne" in dry.summary
    assert tree(remote_site.remote) == before


def test_deleting_most_pages_needs_force(remote_site) -> None:
    assert publish(remote_site.settings).ok
    before = tree(remote_site.remote)
    for n in (1, 2, 3):
        (remote_site.root / f"content/stories/s{n}.md").unlink()
    refused = publish(remote_site.settings)
    assert not refused.ok and "--force" in refused.summary
    assert tree(remote_site.remote) == before
    assert publish(remote_site.settings, force=True).ok


def test_a_failed_build_publishes_nothing(remote_site) -> None:
    assert publish(remote_site.settings).ok
    before = tree(remote_site.remote)
    remote_site.write({"content/stories/s0.md": "Title: Sans date\n\nTexte.\n"})
    done = publish(remote_site.settings)
    assert not done.ok and any("s0.md" in line for line in done.lines)
    assert tree(remote_site.remote) == before


def test_releases_are_kept_then_pruned_and_rollback_goes_back(remote_site) -> None:
    for n in range(4):
        remote_site.write({"content/stories/s0.md": story("s0", 0, f"Version {n}.")})
        assert publish(remote_site.settings).ok
        time.sleep(1.1)  # releases are named by the second
    releases = sorted(os.listdir(remote_site.remote / "releases"))
    assert len(releases) == 3
    ok, message = rollback(remote_site.settings)
    assert ok, message
    assert live(remote_site).name == releases[1]
    assert "Version 2." in (live(remote_site) / "histoires/s0/index.html").read_text()


def test_wrong_key_is_named(remote_site, monkeypatch) -> None:
    monkeypatch.delenv("SSH_AUTH_SOCK")
    monkeypatch.setenv("HOME", str(remote_site.root))  # no ~/.ssh keys either
    done = publish(remote_site.settings)
    assert not done.ok and "clé SSH" in done.summary, done.summary


def test_a_cut_transfer_leaves_the_old_site_whole_then_completes(remote_site) -> None:
    assert publish(remote_site.settings).ok
    old = tree(live(remote_site))
    big = remote_site.root / "content/images/gros.bin"
    big.parent.mkdir(exist_ok=True)
    big.write_bytes(os.urandom(150_000_000))
    remote_site.write({"content/stories/s0.md": story("s0", 0, "Nouvelle version.")})
    code = f"from comptoir.publish import publish; publish({str(remote_site.settings)!r})"
    process = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    releases = remote_site.remote / "releases"
    deadline = time.monotonic() + 60
    # Cut as soon as the new release has started to arrive.
    while not list(releases.glob("*.partial/*")) and time.monotonic() < deadline:
        assert process.poll() is None, "the publish ended before it could be cut"
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert list(releases.glob("*.partial")), "no transfer to cut"
    assert tree(live(remote_site)) == old
    done = publish(remote_site.settings)
    assert done.ok, done.summary
    assert not list(releases.glob("*.partial"))
    assert tree(live(remote_site)) == tree(remote_site.output)
