"""rsync over SSH against a real OpenSSH server on loopback: releases
switched atomically, only changes sent, deletions, dry run, guards, a cut
transfer, rollback. The key comes from a real ssh-agent, as on an owner's
machine."""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from comptoir.tools.publish import publish
from comptoir.tools.publish.rollback import rollback
from comptoir.tools.publish.tests.staging import (
    a_wrong_key_is_named,
    big_file,
    cut_publish,
    deleting_most_pages_needs_force,
    dry_run_changes_nothing,
    outside_index,
    site_tree,
    story,
)


@pytest.fixture
def remote_site(ssh_site):
    """A site whose PUBLISH points at its own folder on the loopback sshd,
    reached through an ssh config file, with the key in the agent only
    (three releases kept)."""
    return ssh_site("rsync", ', "keep": 3')


def live(site) -> Path:
    return (site.remote / "current").resolve()


def test_first_publish_puts_the_build_online(remote_site) -> None:
    done = publish(remote_site.settings)
    assert done.ok, [*done.lines, done.summary]
    assert done.summary.startswith("En ligne à https://www.example.fr/")
    assert (remote_site.remote / "current").is_symlink()
    assert not (live(remote_site) / ".comptoir-output").exists()  # the local folder's mark
    assert site_tree(live(remote_site)) == site_tree(remote_site.output)


def test_a_second_publish_sends_only_what_changed(remote_site) -> None:
    assert publish(remote_site.settings).ok
    first = live(remote_site)
    remote_site.write({"content/stories/s1.md": story("s1", 1, "Un texte corrigé.")})
    dry = publish(remote_site.settings, dry_run=True)
    changed = {line[2:] for line in dry.lines}
    assert "histoires/s1/index.html" in changed
    assert "histoires/s2/index.html" not in changed
    assert all(line.startswith("~ ") for line in outside_index(dry.lines)), dry.lines
    assert publish(remote_site.settings).ok
    second = live(remote_site)
    assert second != first and site_tree(second) == site_tree(remote_site.output)
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
    dry_run_changes_nothing(remote_site, lambda: site_tree(remote_site.remote))


def test_deleting_most_pages_needs_force(remote_site) -> None:
    deleting_most_pages_needs_force(remote_site, lambda: site_tree(remote_site.remote))


def test_a_failed_build_publishes_nothing(remote_site) -> None:
    assert publish(remote_site.settings).ok
    before = site_tree(remote_site.remote)
    remote_site.write({"content/stories/s0.md": "Title: Sans date\n\nTexte.\n"})
    done = publish(remote_site.settings)
    assert not done.ok and any("s0.md" in line for line in done.lines)
    assert site_tree(remote_site.remote) == before


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
    a_wrong_key_is_named(remote_site, monkeypatch)


def test_a_cut_transfer_leaves_the_old_site_whole_then_completes(remote_site) -> None:
    assert publish(remote_site.settings).ok
    old = site_tree(live(remote_site))
    big_file(remote_site, 150_000_000)
    remote_site.write({"content/stories/s0.md": story("s0", 0, "Nouvelle version.")})
    releases = remote_site.remote / "releases"
    # Cut as soon as the new release has started to arrive.
    cut_publish(remote_site.settings, lambda: bool(list(releases.glob("*.partial/*"))))
    assert list(releases.glob("*.partial")), "no transfer to cut"
    assert site_tree(live(remote_site)) == old
    done = publish(remote_site.settings)
    assert done.ok, done.summary
    assert not list(releases.glob("*.partial"))
    assert site_tree(live(remote_site)) == site_tree(remote_site.output)


class _Hub(BaseHTTPRequestHandler):
    """A WebSub hub on loopback: records each publish notification."""

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        self.server.pings.append(parse_qs(self.rfile.read(length).decode()))  # type: ignore[attr-defined]
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_the_websub_hub_hears_of_changed_feeds_only(remote_site) -> None:
    hub = ThreadingHTTPServer(("127.0.0.1", 0), _Hub)
    hub.pings = []  # type: ignore[attr-defined]
    threading.Thread(target=hub.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{hub.server_address[1]}/"
    with remote_site.settings.open("a", encoding="utf-8") as settings:
        settings.write(f'WEBSUB_HUB = "{url}"\n')
    try:
        first = publish(remote_site.settings)
        pinged = {p["hub.url"][0] for p in hub.pings}  # type: ignore[attr-defined]
        assert first.ok and "Le hub WebSub a été prévenu" in first.summary, first.summary
        assert {p["hub.mode"][0] for p in hub.pings} == {"publish"}  # type: ignore[attr-defined]
        assert "https://www.example.fr/atom.xml" in pinged
        assert "https://www.example.fr/rss.xml" in pinged
        hub.pings.clear()  # type: ignore[attr-defined]
        assert publish(remote_site.settings).ok
        assert hub.pings == []  # type: ignore[attr-defined]
    finally:
        hub.shutdown()
        hub.server_close()
    # A hub that does not answer is told, and the site is online all the same.
    remote_site.write({"content/stories/s0.md": story("s0", 0, "Encore.")})
    done = publish(remote_site.settings)
    assert done.ok and "n’a pas pu être prévenu" in done.summary, done.summary


def test_plain_mode_updates_the_folder_itself(remote_site) -> None:
    text = remote_site.settings.read_text(encoding="utf-8")
    remote_site.settings.write_text(text.replace('"keep": 3', '"mode": "plain"'), "utf-8")
    assert publish(remote_site.settings).ok
    assert not (remote_site.remote / "current").exists()
    assert site_tree(remote_site.remote) == site_tree(remote_site.output)
    (remote_site.root / "content/stories/s3.md").unlink()
    assert publish(remote_site.settings).ok
    assert site_tree(remote_site.remote) == site_tree(remote_site.output)


def test_a_closed_port_is_named(remote_site, ssh_server) -> None:
    config = Path(str(ssh_server.root) + f"-{ssh_server.port}-closed.ssh_config")
    config.write_text("Host comptoir-test\n  HostName 127.0.0.1\n  Port 9\n", encoding="utf-8")
    text = remote_site.settings.read_text(encoding="utf-8")
    remote_site.settings.write_text(
        re.sub(r'"ssh_config": "[^"]*"', f'"ssh_config": "{config}"', text), "utf-8"
    )
    done = publish(remote_site.settings)
    assert not done.ok
    assert "refuse les connexions SSH sur ce port" in done.summary, done.summary


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 2 MB file system for the server's side (a tmpfs: mounting one needs
    root, as CI runs; elsewhere the test says why it cannot run)."""
    folder = tmp_path / "petit-disque"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.decode().strip()}")
    yield folder
    # Lazily: the server may still hold the folder open for a moment.
    subprocess.run(["umount", "--lazy", str(folder)], check=True)


def test_a_full_disk_is_named_and_the_site_stays(remote_site, small_disk) -> None:
    text = remote_site.settings.read_text(encoding="utf-8")
    remote = small_disk / "site"
    remote_site.settings.write_text(text.replace(str(remote_site.remote), str(remote)), "utf-8")
    remote_site.remote = remote
    assert publish(remote_site.settings).ok
    old = site_tree(live(remote_site))
    big_file(remote_site, 3_000_000)
    done = publish(remote_site.settings)
    assert not done.ok
    assert "Le disque du serveur est plein" in done.summary, done.summary
    assert site_tree(live(remote_site)) == old
