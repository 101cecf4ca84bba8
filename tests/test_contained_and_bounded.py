"""Paths contained and bounded work (issue 6, parts 3 and 4).

Each hostile input gets one clear French message naming the file (and the
line), a failed build, the previous site byte for byte as it was, and
nothing created, changed or deleted outside the output folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from comptoir.core.build.__main__ import main

STORY = "content/stories/une-nuit-au-fournil.md"
SECRET = "Ceci ne doit jamais être publié.\n"
KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nfausse clé\n-----END OPENSSH PRIVATE KEY-----\n"
HEADER = """\
Title: Un fichier hostile
Date: 2025-05-01 08:00
Summary: Une histoire ajoutée par le test pour voir si le site résiste à ce fichier.

"""


def append(root: Path, text: str) -> None:
    """Add a paragraph at the end of the story."""
    path = root / STORY
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


def link(target: str) -> Callable[[Path], None]:
    return lambda root: append(root, f"Un lien : [le secret]({target}).")


def symlink(name: str) -> Callable[[Path], None]:
    """A file in content/images linking to a private file outside the project."""

    def make(root: Path) -> None:
        private = root.parent / "prive" / "id_ed25519"
        private.parent.mkdir(exist_ok=True)
        private.write_text(KEY, encoding="utf-8")
        os.symlink(private, root / "content" / "images" / name)

    return make


def story(body: str) -> Callable[[Path], None]:
    return lambda root: (root / "content/stories/hostile.md").write_text(
        HEADER + body, encoding="utf-8"
    )


CASES = {
    "static-outside-content": link("{static}/../secret.txt"),
    "attach-outside-content": link("{attach}../../secret.txt"),
    "filename-outside-content": link("{filename}../../secret.txt"),
    "static-far-outside-content": link("{static}/../../../../../../../../../etc/hostname"),
    "static-url-encoded-outside-content": link("{static}/%2e%2e/secret.txt"),
    "static-absolute-path": link("{static}//etc/passwd"),
    "image-outside-content": lambda root: append(root, "![Le secret]({static}/../secret.jpg)"),
    "raw-html-outside-content": lambda root: append(
        root, '<p><a href="{static}/../secret.txt">le secret</a></p>'
    ),
    "symlink-to-private-key": symlink("cle.pem"),
    "symlink-to-private-photo": symlink("photo.jpg"),
    "file-too-big": story(("Du pain, du levain et un four à bois. " * 25 + "\n\n") * 1200),
    "lists-nested-600-deep": story("".join("    " * i + "- x\n" for i in range(600))),
    "brackets-20000-open": story("[" * 20_000 + "\n"),
}


def outside_output(tmp: Path, output: Path) -> dict[str, bytes]:
    """Every file under ``tmp`` but the output (and the build's own cache)."""
    skip = (output, output.parent / "cache")
    return {
        str(path): path.read_bytes()
        for path in sorted(tmp.rglob("*"))
        if path.is_file() and not any(path.is_relative_to(s) for s in skip)
    }


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input_is_refused_by_name_and_touches_nothing(
    case: str, example_copy, digest, golden, capsys
) -> None:
    root = example_copy.root
    settings = str(example_copy.settings)
    for name in ("secret.txt", "secret.jpg"):
        (root / name).write_text(SECRET, encoding="utf-8")
    assert main([settings]) == 0
    before = digest(example_copy.output)
    capsys.readouterr()

    CASES[case](root)
    around = outside_output(root.parent, example_copy.output)

    assert main([settings]) == 1
    messages = capsys.readouterr().err
    golden(f"contained/{case}.txt", messages)
    assert digest(example_copy.output) == before
    assert len([line for line in messages.splitlines() if line.startswith("content/")]) == 1
    # Nothing written, changed or deleted anywhere else: the secret stays
    # where it was, and was copied nowhere.
    assert outside_output(root.parent, example_copy.output) == around
    copies = [p for p in root.parent.rglob("*") if p.is_file() and not p.is_symlink()]
    assert [p.name for p in copies if p.read_bytes() == KEY.encode()] in ([], ["id_ed25519"])
