"""A gh-pages branch (GitHub Pages, or any host that serves a git branch).

Each publish is one commit on ``branch`` (default gh-pages) whose tree is
the built site, plus ``.nojekyll`` (GitHub Pages then serves the files as
they are, ``_headers`` and the like included) and ``CNAME``: from "cname",
else kept from the branch (GitHub writes it when the owner sets a custom
domain). Its parent is the branch's last commit, so the history shows what
each publish changed. The push moves the branch in one step on the server:
the old site or the new one, never a mix; a cut push changes nothing.

The commit is made with git's plumbing and a temporary index: the owner's
working tree, index, HEAD and branches are never touched. The objects go
into the project's repository (the one of the current folder), and the
fetched branch is kept under ``refs/comptoir/`` there, so the next publish
fetches and pushes only what changed; outside a repository, a temporary one
is used. Credentials are git's own (SSH agent, credential helper); git is
never allowed to prompt.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import weakref
from pathlib import Path
from typing import Any

from comptoir.core.i18n import N_

from .giterrors import failure
from .guards import PublishError
from .plan import Manifest, Plan

# Added to the site's files, never part of the plan.
EXTRAS = (".nojekyll", "CNAME")
DOMAIN = re.compile(
    r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)


class GhPagesTarget:
    """Publish as one commit on a branch of a git remote."""

    def __init__(self, publish: dict[str, Any]):
        if shutil.which("git") is None:
            raise PublishError(N_("git is not installed: install it to publish to a branch."))
        self.remote = str(publish["remote"])
        self.branch = str(publish.get("branch") or "gh-pages")
        self.cname = publish.get("cname")
        if self.cname is not None and not DOMAIN.match(str(self.cname)):
            raise PublishError(
                N_('"cname" must be a domain name alone, like "www.example.fr" (no https://).')
            )
        done = subprocess.run(
            ["git", "check-ref-format", "--branch", self.branch], capture_output=True
        )
        if done.returncode != 0 or self.branch.startswith("-"):
            raise PublishError(
                N_('"branch" is not a possible branch name: %(branch)s.'), branch=self.branch
            )
        self.ref = f"refs/comptoir/{self.branch}"
        self.git_dir, self.shallow = self._repository()
        self.fetch_url = self.push_url = self.remote
        if not self.shallow and self.remote in self._out("remote").split():
            # By URL: git then leaves the project's remote-tracking branches alone.
            self.fetch_url = self._out("remote", "get-url", self.remote)
            self.push_url = self._out("remote", "get-url", "--push", self.remote)
        self._tip: str | None = None
        self._fetched = False

    def _repository(self) -> tuple[str, bool]:
        """The project's git folder, or a temporary one (then fetched shallow)."""
        done = subprocess.run(
            ["git", "rev-parse", "--absolute-git-dir"], capture_output=True, text=True
        )
        if done.returncode == 0:
            return done.stdout.strip(), False
        folder = tempfile.mkdtemp(prefix="comptoir-gh-pages-")
        weakref.finalize(self, shutil.rmtree, folder, True)
        subprocess.run(["git", "init", "--quiet", "--bare", folder], check=True)
        return folder, True

    def _git(
        self,
        *args: str,
        data: str | bytes | None = None,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        check: bool = True,
    ) -> subprocess.CompletedProcess[bytes]:
        """git on ``git_dir``; with ``check``, its failure as a PublishError."""
        environ = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", **(env or {})}
        for name in ("GIT_DIR", "GIT_WORK_TREE"):
            environ.pop(name, None)
        done = subprocess.run(
            ["git", "--git-dir", self.git_dir, *args],
            input=data.encode() if isinstance(data, str) else data,
            capture_output=True,
            env=environ,
            cwd=cwd,
        )
        if check and done.returncode != 0:
            raise failure(self.remote, done.stderr.decode(errors="replace"))
        return done

    def _out(self, *args: str, **kwargs: Any) -> str:
        return self._git(*args, **kwargs).stdout.decode().strip()

    def live(self) -> Manifest:
        """The site on the branch now ({} before the first publish)."""
        tip = self._fetch()
        if tip is None:
            return {}
        listing = self._git("ls-tree", "-r", "-z", "--full-tree", tip).stdout
        blobs = {}
        for entry in listing.split(b"\0"):
            if not entry:
                continue
            info, path = entry.decode().split("\t", 1)
            _mode, kind, blob = info.split()
            if kind == "blob" and path not in EXTRAS:
                blobs[path] = blob
        return dict(sorted(self._sha256(blobs).items()))

    def publish(self, output: Path, local: Manifest, plan: Plan) -> None:
        tip = self._tip if self._fetched else self._fetch()
        for attempt in (1, 2):
            commit = self._commit(output, local, tip)
            if commit is None:
                return  # the branch already holds this very site
            # --no-verify: the project's pre-push hooks are for its code,
            # not for the built site.
            push = ["push", "--porcelain", "--no-verify", self.push_url]
            done = self._git(*push, f"{commit}:refs/heads/{self.branch}", check=False)
            said = (done.stdout + done.stderr).decode(errors="replace")
            if done.returncode == 0:
                self._git("update-ref", self.ref, commit)
                return
            if "[rejected]" not in said or attempt == 2:
                raise failure(self.remote, said)
            # Someone pushed to the branch meanwhile: the same site on top of theirs.
            tip = self._fetch()

    def _fetch(self) -> str | None:
        """Fetch the branch into ``refs/comptoir/``: its last commit, or None."""
        depth = ["--depth=1"] if self.shallow else []
        refspec = f"+refs/heads/{self.branch}:{self.ref}"
        fetch = ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", *depth]
        done = self._git(*fetch, self.fetch_url, refspec, check=False)
        self._fetched = True
        if done.returncode == 0:
            self._tip = self._out("rev-parse", "--verify", self.ref)
            return self._tip
        said = done.stderr.decode(errors="replace")
        if "couldn't find remote ref" not in said:
            raise failure(self.remote, said)
        self._git("update-ref", "-d", self.ref)  # a branch deleted since: start anew
        self._tip = None
        return None

    def _sha256(self, blobs: dict[str, str]) -> Manifest:
        """sha256 of each blob's bytes, streamed out of ``git cat-file``."""
        digests: dict[str, str] = {}
        args = ["git", "--git-dir", self.git_dir, "cat-file", "--batch"]
        with subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE) as cat:
            assert cat.stdin and cat.stdout
            for blob in sorted(set(blobs.values())):
                cat.stdin.write(f"{blob}\n".encode())
                cat.stdin.flush()
                size = int(cat.stdout.readline().split()[2])
                digest = hashlib.sha256()
                while size:
                    chunk = cat.stdout.read(min(size, 1 << 20))
                    digest.update(chunk)
                    size -= len(chunk)
                cat.stdout.read(1)  # the newline after the contents
                digests[blob] = digest.hexdigest()
            cat.stdin.close()
        return {path: digests[blob] for path, blob in blobs.items()}

    def _commit(self, output: Path, local: Manifest, tip: str | None) -> str | None:
        """The commit of ``output`` on top of ``tip``; None if its tree is tip's."""
        paths = list(local)
        # --no-filters: the bytes as built, whatever the project's attributes
        # or line-ending settings say.
        names = "".join(f"{path}\n" for path in paths)
        ids = self._out(
            "hash-object", "-w", "--no-filters", "--stdin-paths", data=names, cwd=output
        )
        entries = dict(zip(paths, ids.split(), strict=True))
        if ".nojekyll" not in entries:
            entries[".nojekyll"] = self._blob(b"")
        if "CNAME" not in entries and self.cname:
            entries["CNAME"] = self._blob(f"{self.cname}\n".encode())
        elif "CNAME" not in entries and tip:
            kept = self._git("rev-parse", "--verify", "--quiet", f"{tip}:CNAME", check=False)
            if kept.returncode == 0:
                entries["CNAME"] = kept.stdout.decode().strip()
        with tempfile.TemporaryDirectory() as folder:
            # A fresh index of our own: the project's index is never read or written.
            index = {"GIT_INDEX_FILE": str(Path(folder, "index"))}
            lines = "".join(f"100644 {blob}\t{path}\0" for path, blob in entries.items())
            self._git("update-index", "-z", "--add", "--index-info", data=lines, env=index)
            tree = self._out("write-tree", env=index)
        if tip and self._out("rev-parse", f"{tip}^{{tree}}") == tree:
            return None
        parent = ["-p", tip] if tip else []
        message = "Publish the site (Comptoir)\n"
        return self._out("commit-tree", tree, *parent, data=message, env=self._identity())

    def _identity(self) -> dict[str, str]:
        """Who signs the commit: the owner's git identity, or Comptoir when git has none."""
        if self._git("var", "GIT_COMMITTER_IDENT", check=False).returncode == 0:
            return {}
        names = {"NAME": "Comptoir", "EMAIL": "comptoir@localhost"}
        return {
            f"GIT_{who}_{key}": value
            for who in ("AUTHOR", "COMMITTER")
            for key, value in names.items()
        }

    def _blob(self, data: bytes) -> str:
        return self._out("hash-object", "-w", "--stdin", data=data)
