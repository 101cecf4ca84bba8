"""What the SFTP and FTPS tests share: a small site, and the remote tree as
a visitor sees it (the kit's own bookkeeping files left aside)."""

from __future__ import annotations

import hashlib
from pathlib import Path

SUMMARY = "Un résumé de la bonne longueur, qui dit bien de quoi parle cette histoire"
BOOKKEEPING = (".comptoir-manifest.json", ".comptoir-pending.json", ".comptoir-output")


def story(name: str, minute: int, body: str = "Du texte.") -> str:
    return (
        f"Title: Histoire {name}\nDate: 2025-03-01 08:{minute:02d}\n"
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
