"""Where the FTP login comes from: environment variables, else a .netrc
that only its owner can read; never the settings."""

from __future__ import annotations

import pytest

from comptoir.tools.publish.config import check_publish
from comptoir.tools.publish.credentials import ftp_credentials
from comptoir.tools.publish.guards import PublishError

HOST = "ftp.example.fr"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in ("COMPTOIR_FTP_USER", "COMPTOIR_FTP_PASSWORD", "NETRC"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()


def netrc(path, text: str, mode: int = 0o600):
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_environment_variables_come_first(monkeypatch, tmp_path) -> None:
    netrc(tmp_path / "home/.netrc", f"machine {HOST} login autre password autre\n")
    monkeypatch.setenv("COMPTOIR_FTP_USER", "boulange")
    monkeypatch.setenv("COMPTOIR_FTP_PASSWORD", "s3cret")
    found = ftp_credentials(HOST)
    assert (found.user, found.password) == ("boulange", "s3cret")
    assert "COMPTOIR_FTP_PASSWORD" in found.source
    assert "s3cret" not in repr(found)


def test_a_password_variable_needs_a_user(monkeypatch) -> None:
    monkeypatch.setenv("COMPTOIR_FTP_PASSWORD", "s3cret")
    with pytest.raises(PublishError, match="COMPTOIR_FTP_USER"):
        ftp_credentials(HOST)
    assert ftp_credentials(HOST, "boulange").user == "boulange"


def test_the_home_netrc_is_read(tmp_path) -> None:
    path = netrc(tmp_path / "home/.netrc", f"machine {HOST} login boulange password s3cret\n")
    found = ftp_credentials(HOST)
    assert (found.user, found.password, found.source) == ("boulange", "s3cret", str(path))


def test_netrc_names_another_file(monkeypatch, tmp_path) -> None:
    path = netrc(tmp_path / "ailleurs", f"machine {HOST} login boulange password s3cret\n")
    monkeypatch.setenv("NETRC", str(path))
    assert ftp_credentials(HOST).password == "s3cret"


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_a_netrc_others_can_read_is_refused(tmp_path, mode: int) -> None:
    path = netrc(tmp_path / "home/.netrc", f"machine {HOST} login b password s\n", mode)
    with pytest.raises(PublishError) as refused:
        ftp_credentials(HOST)
    message = str(refused.value)
    assert str(path) in message and f"chmod 600 {path}" in message
    assert f"{mode:04o}" in message


def test_a_stricter_netrc_is_fine(tmp_path) -> None:
    netrc(tmp_path / "home/.netrc", f"machine {HOST} login b password s\n", 0o400)
    assert ftp_credentials(HOST).password == "s"


def test_no_password_anywhere_says_where_to_put_it(tmp_path) -> None:
    with pytest.raises(PublishError) as missing:
        ftp_credentials(HOST)
    message = str(missing.value)
    assert "COMPTOIR_FTP_PASSWORD" in message and str(tmp_path / "home/.netrc") in message


def test_a_netrc_without_the_host_is_named(tmp_path) -> None:
    netrc(tmp_path / "home/.netrc", "machine ailleurs.fr login b password s\n")
    with pytest.raises(PublishError, match=HOST):
        ftp_credentials(HOST)


def test_the_user_in_publish_must_match_the_netrc_login(tmp_path) -> None:
    netrc(tmp_path / "home/.netrc", f"machine {HOST} login boulange password s\n")
    assert ftp_credentials(HOST, "boulange").user == "boulange"
    with pytest.raises(PublishError, match="patisserie"):
        ftp_credentials(HOST, "patisserie")


def test_a_password_in_the_settings_is_refused() -> None:
    config = {"target": "ftps", "host": HOST, "path": "/www", "password": "s3cret"}
    message, values = check_publish(config, {})
    assert "environment variable" in message and values == {"key": "password"}
    assert check_publish({"target": "ftps", "host": HOST, "path": "/www"}, {}) is None


def test_ftps_keys_are_checked() -> None:
    base = {"target": "ftps", "host": HOST, "path": "/www"}
    assert check_publish({**base, "plain_ftp": True, "cafile": "~/h.pem"}, {}) is None
    assert "plain_ftp" in check_publish({**base, "plain_ftp": "yes"}, {})
    assert "cafile" in check_publish({**base, "cafile": 1}, {})
