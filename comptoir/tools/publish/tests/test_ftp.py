"""FTPS (and plain FTP when asked) against real pyftpdlib servers on
loopback: only changes sent, temporary names renamed at the end, deletions,
dry run, guard, a server that dies midway, and each misconfiguration named."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.filesystems import AbstractedFS
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer as Server

from comptoir.tools.publish import publish
from comptoir.tools.publish.tests.staging import (
    STORIES,
    a_deleted_story_goes_with_its_folder,
    a_second_publish_renames_only_what_changed,
    dry_run_changes_nothing,
    first_publish_puts_the_build_online,
    inodes,
    leftovers,
    site_tree,
    story,
)


def settings_for(server, name: str, **extra) -> str:
    config = {"target": "ftps", "host": server.host, "port": server.port, "path": f"/{name}"}
    if server.cert:
        config["cafile"] = str(server.cert)
    config.update(extra)
    return f'SITEURL = "https://www.example.fr"\nPUBLISH = {config!r}\n'


@pytest.fixture
def login(monkeypatch):
    def use(server, password: str | None = None) -> None:
        monkeypatch.setenv("COMPTOIR_FTP_USER", server.user)
        monkeypatch.setenv("COMPTOIR_FTP_PASSWORD", password or server.password)

    return use


@pytest.fixture
def remote_site(make_site, ftps_server, login, request):
    """A site whose PUBLISH is FTPS into its own folder on the loopback server."""
    login(ftps_server)
    site = make_site(STORIES, settings_for(ftps_server, request.node.name))
    site.remote = ftps_server.home / request.node.name
    return site


def test_first_publish_puts_the_build_online(remote_site) -> None:
    first_publish_puts_the_build_online(remote_site)


def test_a_second_publish_sends_only_what_changed(remote_site) -> None:
    a_second_publish_renames_only_what_changed(remote_site)


def test_a_deleted_story_goes_with_its_folder(remote_site) -> None:
    a_deleted_story_goes_with_its_folder(remote_site)


def test_a_dry_run_changes_nothing_online(remote_site) -> None:
    dry_run_changes_nothing(remote_site, lambda: inodes(remote_site.remote))


def test_deleting_most_pages_needs_force_and_never_outside_the_folder(remote_site) -> None:
    assert publish(remote_site.settings).ok
    # A manifest that lists a file outside the site's folder (tampered with,
    # or another tool's): that file is never touched.
    outside = remote_site.remote.parent / "voisin.html"
    outside.write_text("le site d’à côté")
    manifest = remote_site.remote / ".comptoir-manifest.json"
    manifest.write_text(manifest.read_text()[:-1] + ', "../voisin.html": "0"}')
    before = inodes(remote_site.remote)
    for n in (1, 2, 3):
        (remote_site.root / f"content/stories/s{n}.md").unlink()
    refused = publish(remote_site.settings)
    assert not refused.ok and "--force" in refused.summary
    assert inodes(remote_site.remote) == before
    assert publish(remote_site.settings, force=True).ok
    assert site_tree(remote_site.remote) == site_tree(remote_site.output)
    assert outside.read_text() == "le site d’à côté"


def cut_publish(site, server, size: int) -> bytes:
    """Publish a big new file with a server that dies after ``size`` bytes:
    the publish fails and the live site is the old one. Returns the big file."""
    assert publish(site.settings).ok
    old = site_tree(site.remote)
    data = os.urandom(3_000_000)
    (site.root / "content/images").mkdir(parents=True, exist_ok=True)
    (site.root / "content/images/gros.bin").write_bytes(data)
    site.write({"content/stories/s0.md": story("s0", 0, "Nouvelle version.")})
    server.stop()
    server.start(cut_after_bytes=size)
    done = publish(site.settings)
    assert not done.ok and "le site en ligne n’a pas changé" in done.summary, done.summary
    assert server.wait() == 3  # the server died midway
    server.start()
    assert site_tree(site.remote) == old
    return data


def test_a_cut_leaves_the_old_site_whole_then_the_rest_is_sent(remote_site, ftps_server) -> None:
    data = cut_publish(remote_site, ftps_server, 1_000_000)
    (part,) = (remote_site.remote / "images").glob(".gros.bin.*.comptoir-part")
    assert 0 < part.stat().st_size < len(data)
    # Proof that only the rest is sent: a byte marked in the half-sent
    # file is still there once online.
    with part.open("r+b") as handle:
        handle.write(bytes([data[0] ^ 0xFF]))
    done = publish(remote_site.settings)
    assert done.ok, done.summary
    online = (remote_site.remote / "images/gros.bin").read_bytes()
    assert online[0] == data[0] ^ 0xFF and online[1:] == data[1:]
    assert leftovers(remote_site.remote) == []


def test_after_a_cut_a_file_no_longer_wanted_is_cleaned(remote_site, ftps_server) -> None:
    cut_publish(remote_site, ftps_server, 1_000_000)
    assert leftovers(remote_site.remote)
    (remote_site.root / "content/images/gros.bin").unlink()
    done = publish(remote_site.settings)
    assert done.ok, done.summary
    assert leftovers(remote_site.remote) == []
    assert site_tree(remote_site.remote) == site_tree(remote_site.output)


def test_a_wrong_password_is_named(remote_site, ftps_server, login) -> None:
    login(ftps_server, password="pas-le-bon")
    done = publish(remote_site.settings)
    assert not done.ok
    assert "comptoir" in done.summary and "COMPTOIR_FTP_PASSWORD" in done.summary, done.summary


def test_an_untrusted_certificate_is_refused(make_site, ftps_server, login) -> None:
    login(ftps_server)
    site = make_site(STORIES, settings_for(ftps_server, "untrusted"))
    text = site.settings.read_text()
    site.settings.write_text(text.replace(f", 'cafile': '{ftps_server.cert}'", ""))
    done = publish(site.settings)
    assert not done.ok and "certificat" in done.summary and "cafile" in done.summary, done.summary
    site.settings.write_text(text.replace(str(ftps_server.cert), os.devnull))
    done = publish(site.settings)
    assert not done.ok and os.devnull in done.summary, done.summary
    assert not (ftps_server.home / "untrusted").exists()


def test_a_host_without_tls_is_named_and_plain_ftp_must_be_asked(
    make_site, ftp_server, login
) -> None:
    login(ftp_server)
    site = make_site(STORIES, settings_for(ftp_server, "plain"))
    done = publish(site.settings)
    assert not done.ok and "plain_ftp" in done.summary, done.summary
    assert not (ftp_server.home / "plain").exists()
    site.settings.write_text(
        site.settings.read_text().replace("'path': '/plain'", "'path': '/plain', 'plain_ftp': True")
    )
    done = publish(site.settings)
    assert done.ok, done.summary
    assert site_tree(ftp_server.home / "plain") == site_tree(site.output)


class NoOverwriteFS(AbstractedFS):
    """A server that, like some Windows ones, will not rename over a file."""

    def rename(self, src: str, dst: str) -> None:
        if os.path.exists(dst):
            raise OSError(errno.EEXIST, "file exists")
        super().rename(src, dst)


def test_a_server_that_will_not_rename_over_a_file(make_site, tmp_path, login) -> None:
    home = tmp_path / "home"
    home.mkdir()
    authorizer = DummyAuthorizer()
    authorizer.add_user("comptoir", "secret", str(home), perm="elradfmwMT")
    handler = type(
        "Handler", (FTPHandler,), {"authorizer": authorizer, "abstracted_fs": NoOverwriteFS}
    )
    server = Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.05}, daemon=True)
    thread.start()
    try:
        ftp = type("S", (), {"host": "127.0.0.1", "port": server.address[1], "cert": None})
        ftp.user, ftp.password = "comptoir", "secret"
        login(ftp)
        site = make_site(STORIES, settings_for(ftp, "site", plain_ftp=True))
        assert publish(site.settings).ok
        site.write({"content/stories/s1.md": story("s1", 1, "Un texte corrigé.")})
        done = publish(site.settings)
        assert done.ok, done.summary
        assert site_tree(home / "site") == site_tree(site.output)
        assert leftovers(home / "site") == []
    finally:
        server.close_all()
        thread.join(5)


def test_the_password_can_come_from_netrc(make_site, ftps_server, monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("COMPTOIR_FTP_USER", raising=False)
    monkeypatch.delenv("COMPTOIR_FTP_PASSWORD", raising=False)
    netrc = tmp_path / "netrc"
    netrc.write_text(
        f"machine {ftps_server.host} login {ftps_server.user} password {ftps_server.password}\n"
    )
    netrc.chmod(0o644)
    monkeypatch.setenv("NETRC", str(netrc))
    site = make_site(STORIES, settings_for(ftps_server, "netrc"))
    refused = publish(site.settings)
    assert not refused.ok and f"chmod 600 {netrc}" in refused.summary, refused.summary
    assert not (ftps_server.home / "netrc").exists()
    netrc.chmod(0o600)
    done = publish(site.settings)
    assert done.ok, done.summary
    assert site_tree(ftps_server.home / "netrc") == site_tree(site.output)


def test_the_site_folder_can_be_relative_to_the_login_folder(remote_site) -> None:
    text = remote_site.settings.read_text()
    name = remote_site.remote.name
    remote_site.settings.write_text(text.replace(f"'/{name}'", f"'www/{name}'"))
    assert publish(remote_site.settings).ok
    assert site_tree(Path(remote_site.remote.parent, "www", name)) == site_tree(remote_site.output)


def test_a_publish_without_changes_touches_nothing(remote_site) -> None:
    assert publish(remote_site.settings).ok
    before = inodes(remote_site.remote)
    done = publish(remote_site.settings)
    assert done.ok and " 0 (" in done.summary, done.summary  # 0 files sent
    assert inodes(remote_site.remote) == before
