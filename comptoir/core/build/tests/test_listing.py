"""One walk of a folder, by path with size, date and inode (build/listing.py)."""

from __future__ import annotations

import os
from pathlib import Path

from comptoir.core.build import listing


def tree(root: Path) -> None:
    (root / "a/b").mkdir(parents=True)
    (root / "index.html").write_text("accueil", encoding="utf-8")
    (root / "a/b/page.html").write_text("page", encoding="utf-8")
    (root / "elsewhere").mkdir()
    (root / "elsewhere/hidden.txt").write_text("x", encoding="utf-8")


def test_every_file_with_its_size_date_and_inode(tmp_path: Path) -> None:
    tree(tmp_path)
    os.symlink(tmp_path / "elsewhere", tmp_path / "a/linked")
    os.symlink(tmp_path / "nowhere", tmp_path / "a/broken")
    found = listing.files(tmp_path)
    assert sorted(found) == [
        "a/b/page.html",
        "a/broken",
        "a/linked",
        "elsewhere/hidden.txt",
        "index.html",
    ]
    stat = (tmp_path / "a/b/page.html").stat()
    assert found["a/b/page.html"] == (4, stat.st_mtime_ns, stat.st_ino)
    # A link to nothing is listed as the link itself.
    assert found["a/broken"][2] == os.lstat(tmp_path / "a/broken").st_ino
    assert sorted(listing.paths(tmp_path)) == sorted(found)
    assert listing.lines(found)[0] == f"a/b/page.html:4:{stat.st_mtime_ns}:{stat.st_ino}"


def test_the_listing_after_changes_is_a_new_walks(tmp_path: Path) -> None:
    tree(tmp_path)
    before = listing.files(tmp_path)
    (tmp_path / "index.html").unlink()
    (tmp_path / "a/b/page.html").write_text("une page plus longue", encoding="utf-8")
    (tmp_path / "a/new.html").write_text("nouvelle", encoding="utf-8")
    after = listing.after(before, tmp_path, ["index.html"], ["a/b/page.html", "a/new.html"])
    assert after == listing.files(tmp_path)
    assert "index.html" in before  # the listing given is left as it was
