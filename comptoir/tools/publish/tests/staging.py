"""What the publish tests share: a small site, the remote tree as a visitor
sees it (the kit's own bookkeeping files left aside), a big file to cut a
transfer in, a publish killed midway, and the scenarios several targets go
through alike: every target (dry run, guard), the SSH ones (a wrong key),
and those that send file by file under temporary names into ``site.remote``
(FTP and SFTP: first publish, only changes renamed into place, deletions)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from comptoir.tools.publish import publish

SUMMARY = "Un résumé de la bonne longueur, qui dit bien de quoi parle cette histoire"
BOOKKEEPING = (".comptoir-manifest.json", ".comptoir-pending.json", ".comptoir-output")


def story(name: str, minute: int, body: str = "Du texte.", image: str = "") -> str:
    """A story that passes `invoke check` (each at its own minute, with a
    Summary of the right length), with a cover from content/images/ if named."""
    cover = f"Image: images/{image}\nImage_alt: Une photo.\n" if image else ""
    return (
        f"Title: Histoire {name}\nDate: 2025-03-01 08:{minute:02d}\n{cover}"
        f"Summary: {SUMMARY} ({name}).\n\n{body}\n"
    )


STORIES = {f"content/stories/s{n}.md": story(f"s{n}", n) for n in range(4)}


def site_tree(folder: Path) -> dict[str, str]:
    """Every file a visitor can reach under ``folder``, by path, with its hash."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in BOOKKEEPING and not p.name.endswith(".comptoir-part")
    }


def leftovers(folder: Path) -> list[str]:
    """The temporary files and journal a publish left behind."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.name.endswith(".comptoir-part") or p.name == ".comptoir-pending.json"
    )


def inodes(folder: Path) -> dict[str, int]:
    """Each file's inode: a file renamed into place gets a new one."""
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*")}


def over_ssh(ssh_server: Any, name: str, target: str, extra: str = "") -> tuple[str, Path]:
    """Settings publishing to ``target`` ("rsync" or "sftp") into a folder of
    its own on the loopback sshd, reached through an ssh config file as an
    owner's ``Host`` entry would be (the key comes from the agent):
    (the settings' text, the remote folder)."""
    remote = ssh_server.root / f"{target}-{name}"
    config = Path(f"{ssh_server.root}-{target}-{name}.ssh_config")
    config.write_text(
        f"Host comptoir-test\n  HostName {ssh_server.host}\n  Port {ssh_server.port}\n"
        f"  User {ssh_server.user}\n  UserKnownHostsFile {ssh_server.known_hosts}\n"
        "  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n",
        encoding="utf-8",
    )
    settings = (
        'SITEURL = "https://www.example.fr"\n'
        f'PUBLISH = {{"target": "{target}", "host": "comptoir-test", "path": "{remote}", '
        f'"ssh_config": "{config}"{extra}}}\n'
    )
    return settings, remote


def big_file(site: Any, size: int) -> Path:
    """``content/images/gros.bin`` of ``size`` random bytes: long enough to send
    that a test can cut the transfer midway."""
    path = site.root / "content/images/gros.bin"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(os.urandom(size))
    return path


def cut_publish(settings: Path, started: Callable[[], bool], timeout: float = 60) -> None:
    """Run a publish in its own process group and kill it all (ssh, rsync,
    git…) as soon as ``started()`` says the transfer is under way, as a
    closed laptop would."""
    code = f"from comptoir.tools.publish import publish; publish({str(settings)!r})"
    process = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    deadline = time.monotonic() + timeout
    while not started() and time.monotonic() < deadline:
        assert process.poll() is None, "the publish ended before it could be cut"
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def dry_run_changes_nothing(site: Any, online: Callable[[], object]) -> None:
    """After a publish and an edit, a dry run lists changes, says nothing
    changed online, and ``online()`` (a snapshot of the host) is the same."""
    assert publish(site.settings).ok
    before = online()
    site.write({"content/stories/s0.md": story("s0", 0, "Autre chose.")})
    dry = publish(site.settings, dry_run=True)
    assert dry.ok and dry.lines and "rien n’a changé en ligne" in dry.summary
    assert online() == before


def deleting_most_pages_needs_force(site: Any, online: Callable[[], object]) -> None:
    """Three of four stories gone: refused, host unchanged; then --force."""
    assert publish(site.settings).ok
    before = online()
    for n in (1, 2, 3):
        (site.root / f"content/stories/s{n}.md").unlink()
    refused = publish(site.settings)
    assert not refused.ok and "--force" in refused.summary
    assert online() == before
    assert publish(site.settings, force=True).ok


def first_publish_puts_the_build_online(site: Any) -> None:
    """The first publish says where the site is, and ``site.remote`` is the
    build with no temporary file left."""
    done = publish(site.settings)
    assert done.ok, [*done.lines, done.summary]
    assert done.summary.startswith("En ligne à https://www.example.fr/")
    assert site_tree(site.remote) == site_tree(site.output)
    assert leftovers(site.remote) == []


# Pagefind names its index chunks by their content (plugins/search): an
# edited text is a new chunk (+) and the old one gone (-), by design; every
# other file of the site keeps its name.
SEARCH_INDEX = "pagefind/"


def outside_index(lines: list[str]) -> list[str]:
    """A dry run's lines but the search index's."""
    return [line for line in lines if not line[2:].startswith(SEARCH_INDEX)]


def a_second_publish_renames_only_what_changed(site: Any) -> list[str]:
    """After an edit, the dry run lists the changed page and not the others,
    and the publish replaces exactly those (and the manifest): each file sent
    is a new file renamed into place, the others keep their inode. Returns
    the dry run's lines."""
    assert publish(site.settings).ok
    before = inodes(site.remote)
    site.write({"content/stories/s1.md": story("s1", 1, "Un texte corrigé.")})
    dry = publish(site.settings, dry_run=True)
    changed = {line[2:] for line in dry.lines if line.startswith("~ ")}
    assert "histoires/s1/index.html" in changed and "histoires/s2/index.html" not in changed
    assert publish(site.settings).ok
    after = inodes(site.remote)
    assert site_tree(site.remote) == site_tree(site.output)
    renamed = {path for path in after if path in before and after[path] != before[path]}
    assert renamed == changed | {".comptoir-manifest.json"}
    return dry.lines


def a_deleted_story_goes_with_its_folder(site: Any) -> None:
    """A story deleted from the content is deleted online, its folder too."""
    assert publish(site.settings).ok
    (site.root / "content/stories/s3.md").unlink()
    done = publish(site.settings)
    assert done.ok, done.summary
    assert not (site.remote / "histoires/s3").exists()
    assert site_tree(site.remote) == site_tree(site.output)


def a_wrong_key_is_named(site: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no key in an agent or in ~/.ssh, the publish fails and says the
    SSH key is the problem."""
    monkeypatch.delenv("SSH_AUTH_SOCK")
    monkeypatch.setenv("HOME", str(site.root))  # no ~/.ssh keys either
    done = publish(site.settings)
    assert not done.ok and "clé SSH" in done.summary, done.summary
