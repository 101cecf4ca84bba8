"""gh-pages against real bare git repositories: the branch is the build
plus .nojekyll and CNAME, one commit per publish holding only the changes,
the owner's repository untouched, deletions and guards, someone else's
push meanwhile, owners' messages, and a push cut midway (the branch moves
in one step on the server: old site or new one)."""

from __future__ import annotations

import hashlib
import socket
import subprocess
from pathlib import Path

import pytest

from comptoir.tools.publish import PublishError, publish
from comptoir.tools.publish.ghpages import GhPagesTarget
from comptoir.tools.publish.plan import local_manifest, make_plan
from comptoir.tools.publish.tests.servers import GitRemote
from comptoir.tools.publish.tests.staging import (
    STORIES,
    big_file,
    cut_publish,
    outside_index,
    story,
)

FR = {"DEFAULT_LANG": "fr"}


def git(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def branch_files(remote: GitRemote, branch: str = "gh-pages") -> dict[str, str]:
    """path -> sha256 of every file of the branch on the remote."""
    listing = git("--git-dir", str(remote.path), "ls-tree", "-r", "--name-only", branch)
    return {
        path: hashlib.sha256(
            subprocess.run(
                ["git", "--git-dir", str(remote.path), "cat-file", "blob", f"{branch}:{path}"],
                capture_output=True,
                check=True,
            ).stdout
        ).hexdigest()
        for path in listing.splitlines()
    }


def built(site) -> dict[str, str]:
    return {
        p.relative_to(site.output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in site.output.rglob("*")
        if p.is_file() and p.name != ".comptoir-output"
    }


def tip(remote: GitRemote, branch: str = "gh-pages") -> str:
    return git("--git-dir", str(remote.path), "rev-parse", f"refs/heads/{branch}")


def assert_branch_is_the_build(site) -> None:
    """The gh-pages branch holds the build, and .nojekyll beside it."""
    files = branch_files(site.remote)
    files.pop(".nojekyll")
    assert files == built(site)


@pytest.fixture
def pages_site(make_site, tmp_path, monkeypatch):
    """A site in its own git repository (a commit, a staged and an unstaged
    change), whose remote ``origin`` is a fresh bare repository; the tests
    run from the project's folder, as `invoke publish` does."""
    remote = GitRemote(tmp_path / "remote")
    files = dict(STORIES)
    settings = 'SITEURL = "https://example.github.io/site"\n'
    site = make_site(files, settings + 'PUBLISH = {"target": "gh-pages", "remote": "origin"}\n')
    site.remote = remote
    (site.root / ".gitignore").write_text("/output/\n/cache/\n__pycache__/\n")
    for command in (
        ["init", "--quiet", "--initial-branch=main"],
        ["config", "user.name", "Owner"],
        ["config", "user.email", "owner@example.fr"],
        ["remote", "add", "origin", remote.url],
        ["add", "-A"],
        ["commit", "--quiet", "-m", "The site"],
    ):
        git(*command, cwd=site.root)
    site.write({"content/stories/s0.md": story("s0", 0, "Staged.")})
    git("add", "content/stories/s0.md", cwd=site.root)
    site.write({"content/stories/s0.md": story("s0", 0, "Staged, then edited.")})
    monkeypatch.chdir(site.root)
    monkeypatch.setenv("GIT_TERMINAL_PROMPT", "0")
    return site


def owner_state(root: Path) -> dict[str, str]:
    return {
        "head": git("rev-parse", "HEAD", cwd=root),
        "symbolic": git("symbolic-ref", "HEAD", cwd=root),
        "status": git("status", "--porcelain", cwd=root),
        "staged": git("diff", "--cached", cwd=root),
        "branches": git("branch", "--all", cwd=root),
        "index": hashlib.sha256((root / ".git/index").read_bytes()).hexdigest(),
        "tree": "\n".join(
            sorted(
                str(p)
                for p in root.rglob("*")
                if ".git" not in p.parts and "output" not in p.parts and "cache" not in p.parts
            )
        ),
    }


def test_first_publish_is_the_build_and_the_project_is_untouched(pages_site) -> None:
    before = owner_state(pages_site.root)
    done = publish(pages_site.settings)
    assert done.ok, done.summary
    files = branch_files(pages_site.remote)
    assert files.pop(".nojekyll") == hashlib.sha256(b"").hexdigest()
    assert files == built(pages_site)
    assert owner_state(pages_site.root) == before
    assert pages_site.remote.branches() == ["gh-pages"]


def test_a_second_publish_is_one_commit_with_only_the_changes(pages_site) -> None:
    assert publish(pages_site.settings).ok
    first = tip(pages_site.remote)
    pages_site.write({"content/stories/s1.md": story("s1", 1, "Un texte corrigé.")})
    dry = publish(pages_site.settings, dry_run=True)
    assert dry.ok and "rien n’a changé en ligne" in dry.summary
    assert tip(pages_site.remote) == first  # nothing pushed
    changed = {line[2:] for line in dry.lines}
    assert "histoires/s1/index.html" in changed and "histoires/s2/index.html" not in changed
    assert all(line.startswith("~ ") for line in outside_index(dry.lines)), dry.lines
    assert publish(pages_site.settings).ok
    second = tip(pages_site.remote)
    git_dir = str(pages_site.remote.path)
    assert git("--git-dir", git_dir, "rev-parse", f"{second}^") == first
    diff = git("--git-dir", git_dir, "diff", "--name-only", first, second)
    assert set(diff.splitlines()) == changed
    # Nothing changed since: no new commit.
    assert publish(pages_site.settings).ok
    assert tip(pages_site.remote) == second


def test_deletions_and_the_guard(pages_site) -> None:
    assert publish(pages_site.settings).ok
    (pages_site.root / "content/stories/s3.md").unlink()
    assert publish(pages_site.settings).ok
    files = branch_files(pages_site.remote)
    assert "histoires/s3/index.html" not in files and "histoires/s2/index.html" in files
    # Every story left: more than a quarter of the pages (search page included).
    for n in (0, 1, 2):
        (pages_site.root / f"content/stories/s{n}.md").unlink()
    before = tip(pages_site.remote)
    refused = publish(pages_site.settings)
    assert not refused.ok and "--force" in refused.summary
    assert tip(pages_site.remote) == before
    assert publish(pages_site.settings, force=True).ok
    assert_branch_is_the_build(pages_site)


def test_cname_is_kept_from_the_branch_or_set(make_site, tmp_path, monkeypatch) -> None:
    # The owner set a custom domain on GitHub, which committed a CNAME.
    remote = GitRemote(tmp_path / "remote")
    clone = tmp_path / "clone"
    git("clone", "--quiet", remote.url, str(clone))
    (clone / "CNAME").write_text("www.lesdeuxepis.fr\n")
    for command in (
        ["checkout", "--quiet", "-b", "gh-pages"],
        ["add", "CNAME"],
        ["-c", "user.name=GitHub", "-c", "user.email=gh@example.com", "commit", "-qm", "CNAME"],
        ["push", "--quiet", "origin", "gh-pages"],
    ):
        git(*command, cwd=clone)
    theirs = tip(remote)
    # A project that is not a git repository: the remote is a URL.
    files = {f"content/stories/s{n}.md": story(f"s{n}", n) for n in range(2)}
    publish_line = f'PUBLISH = {{"target": "gh-pages", "remote": "{remote.url}"}}\n'
    site = make_site(files, 'SITEURL = "https://www.lesdeuxepis.fr"\n' + publish_line)
    monkeypatch.chdir(tmp_path)
    done = publish(site.settings)
    assert done.ok, done.summary
    files = branch_files(remote)
    assert files.pop("CNAME") == hashlib.sha256(b"www.lesdeuxepis.fr\n").hexdigest()
    assert ".nojekyll" in files
    assert git("--git-dir", str(remote.path), "rev-parse", "gh-pages^") == theirs
    # "cname" in PUBLISH wins.
    site.settings.write_text(
        site.settings.read_text().replace('"}\n', '", "cname": "www.example.fr"}\n')
    )
    assert publish(site.settings).ok
    assert git("--git-dir", str(remote.path), "show", "gh-pages:CNAME") == "www.example.fr"


def test_someone_else_pushed_meanwhile(pages_site, tmp_path) -> None:
    assert publish(pages_site.settings).ok
    pages_site.write({"content/stories/s1.md": story("s1", 1, "Un texte corrigé.")})
    assert pages_site.build().ok
    target = GhPagesTarget({"target": "gh-pages", "remote": "origin"})
    local = local_manifest(pages_site.output)
    plan = make_plan(local, target.live(), pages_site.output)
    # Meanwhile, another computer publishes.
    clone = tmp_path / "other"
    git("clone", "--quiet", "--branch", "gh-pages", pages_site.remote.url, str(clone))
    (clone / "theirs.txt").write_text("theirs\n")
    git("add", "theirs.txt", cwd=clone)
    git("-c", "user.name=Other", "-c", "user.email=o@example.fr", "commit", "-qm", "x", cwd=clone)
    git("push", "--quiet", "origin", "gh-pages", cwd=clone)
    theirs = tip(pages_site.remote)
    target.publish(pages_site.output, local, plan)
    assert git("--git-dir", str(pages_site.remote.path), "rev-parse", "gh-pages^") == theirs
    assert_branch_is_the_build(pages_site)


def test_owner_messages(pages_site, ssh_server, monkeypatch) -> None:
    def message(remote: str) -> str:
        with pytest.raises(PublishError) as caught:
            GhPagesTarget({"target": "gh-pages", "remote": remote}).live()
        return caught.value.translated(FR)

    # A port held but not listening: refused, and no other test's server can
    # take it meanwhile (a merely free port could be, under xdist).
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        closed = held.getsockname()[1]
        assert "injoignable" in message(f"http://127.0.0.1:{closed}/site.git")
    assert "n’est pas un dépôt git" in message("upstream")  # no such remote
    assert "n’est pas un dépôt git" in message(f"file://{pages_site.root}/nothing.git")
    # A real SSH server that does not know this computer's key.
    monkeypatch.setenv(
        "GIT_SSH_COMMAND",
        f"ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o IdentityFile=/dev/null "
        f"-o UserKnownHostsFile={ssh_server.known_hosts} -o StrictHostKeyChecking=yes",
    )
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    url = f"ssh://{ssh_server.user}@{ssh_server.host}:{ssh_server.port}{pages_site.remote.path}"
    assert "a refusé cet ordinateur" in message(url)
    with pytest.raises(PublishError):
        GhPagesTarget({"target": "gh-pages", "remote": "origin", "cname": "https://x.fr/"})


def test_a_cut_push_leaves_the_old_site_then_the_next_publish_completes(pages_site) -> None:
    assert publish(pages_site.settings).ok
    old = tip(pages_site.remote)
    old_files = branch_files(pages_site.remote)
    big_file(pages_site, 40_000_000)
    pages_site.write({"content/stories/s0.md": story("s0", 0, "Nouvelle version.")})
    objects = pages_site.remote.path / "objects"
    # Cut once the server has started to receive the new objects.
    cut_publish(pages_site.settings, lambda: bool(list(objects.glob("tmp_objdir-incoming-*"))))
    assert tip(pages_site.remote) == old
    assert branch_files(pages_site.remote) == old_files
    done = publish(pages_site.settings)
    assert done.ok, done.summary
    assert_branch_is_the_build(pages_site)
