"""A bare git repository: the remote of a gh-pages publish (no server
process: git reaches it by a file:// URL)."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitRemote:
    """A bare git repository in tmp, the remote of a gh-pages publish."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "remote.git"
        subprocess.run(
            ["git", "init", "--quiet", "--bare", "--initial-branch=main", str(self.path)],
            check=True,
        )
        self.url = self.path.as_uri()

    def branches(self) -> list[str]:
        """The branches the repository holds."""
        refs = ["for-each-ref", "--format=%(refname:short)", "refs/heads"]
        output = subprocess.run(
            ["git", "--git-dir", str(self.path), *refs],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return output.split()
