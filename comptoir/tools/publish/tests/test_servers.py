"""The publish tests' servers really work, with the clients the kit uses.

Each test talks to a server of conftest.py as a publish would: ssh, rsync
and sftp with the throwaway key (or through an ssh-agent), ftplib over
plain FTP and over TLS verified against the server's own certificate,
boto3 against SeaweedFS, git push into a bare repository.
"""

from __future__ import annotations

import ftplib
import io
import os
import ssl
import subprocess
from pathlib import Path

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError

from comptoir.tools.publish.tests.servers import FTPServer, GitRemote, S3Server, SSHServer, keypair

TIMEOUT = 60


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run a client command, its output captured as text, no input."""
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=TIMEOUT,
        **kwargs,  # type: ignore[arg-type]
    )


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by relative path."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def small_site(folder: Path) -> Path:
    """A few files in a subfolder, like a tiny built site."""
    (folder / "stories").mkdir(parents=True)
    (folder / "index.html").write_text("<h1>Accueil</h1>\n", encoding="utf-8")
    (folder / "stories" / "pain.html").write_text("<p>Le pain</p>\n", encoding="utf-8")
    (folder / "style.css").write_bytes(b"body{margin:0}\n")
    return folder


def test_ssh_runs_a_command_with_the_key(ssh_server: SSHServer) -> None:
    done = run([*ssh_server.ssh_command, "echo", "ok"])
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"


def test_ssh_refuses_a_key_it_does_not_know(ssh_server: SSHServer, tmp_path: Path) -> None:
    stranger = keypair(tmp_path / "stranger", "stranger")
    command = [
        str(stranger) if part == str(ssh_server.key) else part for part in ssh_server.ssh_command
    ]
    done = run([*command, "true"])
    assert done.returncode == 255
    assert "Permission denied" in done.stderr


def test_ssh_takes_the_key_from_the_agent(ssh_server: SSHServer, agent_env: dict[str, str]) -> None:
    command = [
        "ssh",
        "-p",
        str(ssh_server.port),
        *ssh_server.options(identity=False),
        ssh_server.destination,
        "true",
    ]
    without = {k: v for k, v in os.environ.items() if k != "SSH_AUTH_SOCK"}
    assert run(command, env={**without, **agent_env}).returncode == 0
    refused = run(command, env=without)
    assert refused.returncode == 255, "logged in without the agent's key"


def test_sshd_comes_back_after_a_kill(ssh_server: SSHServer) -> None:
    ssh_server.kill()
    assert run([*ssh_server.ssh_command, "true"]).returncode == 255
    ssh_server.start()
    assert run([*ssh_server.ssh_command, "true"]).returncode == 0


def test_rsync_over_ssh_copies_a_folder(ssh_server: SSHServer, tmp_path: Path) -> None:
    site = small_site(tmp_path / "output")
    remote = ssh_server.root / "rsync-test"
    done = run(
        [
            "rsync",
            "-a",
            "-e",
            ssh_server.rsync_shell,
            f"{site}/",
            f"{ssh_server.destination}:{remote}/",
        ]
    )
    assert done.returncode == 0, done.stderr
    assert tree(remote) == tree(site)


def test_sftp_batch_uploads_renames_and_deletes(ssh_server: SSHServer, tmp_path: Path) -> None:
    site = small_site(tmp_path / "output")
    remote = ssh_server.root / "sftp-test"
    batch = tmp_path / "batch"
    batch.write_text(
        f"mkdir {remote}\n"
        f"put {site / 'index.html'} {remote}/index.html.part\n"
        f"rename {remote}/index.html.part {remote}/index.html\n"
        f"put {site / 'style.css'} {remote}/style.css\n"
        f"rm {remote}/style.css\n"
        f"ls {remote}\n"
    )
    done = run([*ssh_server.sftp_command, "-b", str(batch), ssh_server.destination])
    assert done.returncode == 0, done.stderr
    assert tree(remote) == {"index.html": (site / "index.html").read_bytes()}


def ftp_round_trip(ftp: ftplib.FTP, home: Path) -> None:
    """Upload under a temporary name, rename, list, read back and delete."""
    ftp.mkd("site")
    ftp.storbinary("STOR site/index.html.part", io.BytesIO(b"<h1>Accueil</h1>\n"))
    ftp.rename("site/index.html.part", "site/index.html")
    # Servers differ: pyftpdlib lists bare names, others "site/index.html".
    assert [name.rpartition("/")[2] for name in ftp.nlst("site")] == ["index.html"]
    assert (home / "site" / "index.html").read_bytes() == b"<h1>Accueil</h1>\n"
    back = io.BytesIO()
    ftp.retrbinary("RETR site/index.html", back.write)
    assert back.getvalue() == b"<h1>Accueil</h1>\n"
    ftp.delete("site/index.html")
    ftp.rmd("site")
    assert not (home / "site").exists()


def test_ftp_upload_rename_delete(ftp_server: FTPServer) -> None:
    with ftplib.FTP() as ftp:
        ftp.connect(ftp_server.host, ftp_server.port, timeout=TIMEOUT)
        ftp.login(ftp_server.user, ftp_server.password)
        ftp_round_trip(ftp, ftp_server.home)


def test_ftps_verified_against_its_certificate(ftps_server: FTPServer) -> None:
    assert ftps_server.cert is not None
    context = ssl.create_default_context(cafile=ftps_server.cert)
    context.verify_flags |= ssl.VERIFY_X509_STRICT
    with ftplib.FTP_TLS(context=context) as ftp:
        ftp.connect(ftps_server.host, ftps_server.port, timeout=TIMEOUT)
        ftp.login(ftps_server.user, ftps_server.password)  # AUTH TLS first
        ftp.prot_p()
        ftp_round_trip(ftp, ftps_server.home)


def test_ftps_is_refused_by_a_client_that_does_not_trust_it(ftps_server: FTPServer) -> None:
    with ftplib.FTP_TLS(context=ssl.create_default_context()) as ftp:
        ftp.connect(ftps_server.host, ftps_server.port, timeout=TIMEOUT)
        with pytest.raises(ssl.SSLCertVerificationError):
            ftp.auth()


def test_ftps_requires_tls(ftps_server: FTPServer) -> None:
    with ftplib.FTP() as ftp:
        ftp.connect(ftps_server.host, ftps_server.port, timeout=TIMEOUT)
        with pytest.raises(ftplib.error_perm, match="SSL/TLS required"):
            ftp.login(ftps_server.user, ftps_server.password)


def test_ftp_cut_midway_then_back(ftp_server: FTPServer) -> None:
    ftp_server.stop()
    ftp_server.start(cut_after_bytes=100_000)
    payload = os.urandom(300_000)
    with ftplib.FTP() as ftp:
        ftp.connect(ftp_server.host, ftp_server.port, timeout=TIMEOUT)
        ftp.login(ftp_server.user, ftp_server.password)
        with pytest.raises((OSError, EOFError, ftplib.Error)):
            ftp.storbinary("STOR big.bin", io.BytesIO(payload))
    assert ftp_server.wait() == 3  # the server died, as at a cut
    partial = (ftp_server.home / "big.bin").stat().st_size
    assert 100_000 <= partial < len(payload)
    ftp_server.start()
    with ftplib.FTP() as ftp:
        ftp.connect(ftp_server.host, ftp_server.port, timeout=TIMEOUT)
        ftp.login(ftp_server.user, ftp_server.password)
        ftp.storbinary("STOR big.bin", io.BytesIO(payload))
        ftp.delete("big.bin")


def test_s3_put_get_list_delete(s3_server: S3Server) -> None:
    s3 = s3_server.client()
    bucket = s3_server.new_bucket()
    s3.put_object(
        Bucket=bucket,
        Key="index.html",
        Body=b"<h1>Accueil</h1>",
        ContentType="text/html; charset=utf-8",
        CacheControl="max-age=300",
    )
    s3.put_object(Bucket=bucket, Key="theme/style.css", Body=b"body{}", ContentType="text/css")
    got = s3.get_object(Bucket=bucket, Key="index.html")
    assert got["Body"].read() == b"<h1>Accueil</h1>"
    assert got["ContentType"] == "text/html; charset=utf-8"
    assert got["CacheControl"] == "max-age=300"
    listed = s3.list_objects_v2(Bucket=bucket)["Contents"]
    assert sorted(item["Key"] for item in listed) == ["index.html", "theme/style.css"]
    s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "index.html"}]})
    s3.delete_object(Bucket=bucket, Key="theme/style.css")
    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0


def test_s3_keeps_its_objects_across_a_kill(s3_server: S3Server) -> None:
    s3 = s3_server.client()
    bucket = s3_server.new_bucket()
    s3.put_object(Bucket=bucket, Key="index.html", Body=b"old")
    s3_server.kill()
    with pytest.raises(EndpointConnectionError):
        s3.get_object(Bucket=bucket, Key="index.html")
    s3_server.start()
    assert s3.get_object(Bucket=bucket, Key="index.html")["Body"].read() == b"old"


def test_s3_refuses_a_wrong_secret(s3_server: S3Server) -> None:
    import boto3

    wrong = boto3.client(
        "s3",
        endpoint_url=s3_server.endpoint,
        aws_access_key_id=s3_server.access_key,
        aws_secret_access_key="not-the-secret",
        region_name=s3_server.region,
    )
    with pytest.raises(ClientError, match="SignatureDoesNotMatch"):
        wrong.list_objects_v2(Bucket=s3_server.bucket)


def test_git_push_to_the_bare_repository(git_remote: GitRemote, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    work = small_site(tmp_path / "work")
    for command in (
        ["init", "-q", "-b", "gh-pages"],
        ["add", "-A"],
        ["commit", "-q", "-m", "Site"],
        ["push", "-q", git_remote.url, "gh-pages"],
    ):
        done = run(["git", *command], cwd=work, env=env)
        assert done.returncode == 0, done.stderr
    assert "gh-pages" in git_remote.branches()
    shown = run(["git", "--git-dir", str(git_remote.path), "show", "gh-pages:index.html"])
    assert shown.stdout == "<h1>Accueil</h1>\n"
