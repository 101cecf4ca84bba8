"""Each kind of bad input: one clear message naming the file, line and key, in
French, a non-zero exit, and the previous site left byte for byte as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from comptoir.core.build.__main__ import main

STORY = "content/stories/une-nuit-au-fournil.md"
TUTORIAL = "content/tutorials/pate-a-brioche-du-dimanche.md"
TESTIMONIAL = "content/testimonials/martine-l.md"
NEW_STORY = """\
Title: {title}
Date: 2025-05-01 08:00
{slug}Summary: Une histoire ajoutée par le test pour provoquer une collision d'adresses.

Un corps de texte.
"""


def new_story(title: str, slug: str = "") -> str:
    return NEW_STORY.format(title=title, slug=f"Slug: {slug}\n" if slug else "")


def edit(root: Path, name: str, pattern: str, replacement: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert count == 1, f"{pattern!r} not found in {name}"
    path.write_text(changed, encoding="utf-8")


def add(root: Path, name: str, text: str) -> None:
    (root / name).write_text(text, encoding="utf-8")


def id_line(root: Path, name: str) -> str:
    """The ``Id:`` line of a file, as a copy of it would carry it."""
    text = (root / name).read_text(encoding="utf-8")
    found = re.search(r"^Id: .*\n", text, flags=re.M)
    assert found, f"no Id in {name}"
    return found.group(0)


CASES = {
    "missing-title": lambda r: edit(r, STORY, r"^Title: .*\n", ""),
    "missing-date": lambda r: edit(r, STORY, r"^Date: .*\n", ""),
    "bad-date": lambda r: edit(r, STORY, r"^Date: .*$", "Date: 2025-13-45 06:00"),
    "bad-duration": lambda r: edit(r, TUTORIAL, r"^Duration: .*$", "Duration: une éternité"),
    "unknown-kind": lambda r: edit(r, TUTORIAL, r"^Kind: .*$", "Kind: recette"),
    "rating-out-of-range": lambda r: edit(r, TESTIMONIAL, r"^Rating: .*$", "Rating: 6"),
    "no-consent": lambda r: edit(r, TESTIMONIAL, r"^Consent: .*\n", ""),
    "unknown-testimonial": lambda r: edit(
        r, TUTORIAL, r"^Testimonials: .*$", "Testimonials: thomas-r, paul-inconnu"
    ),
    "key-with-a-space-hiding-a-draft-status": lambda r: edit(
        r, STORY, r"^Image_alt: (.*)$", "Image alt: \\1\nStatus: draft"
    ),
    "key-written-twice": lambda r: edit(r, STORY, r"^Author: .*$", "Title: Un autre titre"),
    "empty-title": lambda r: edit(r, STORY, r"^Title: .*$", "Title:"),
    "slug-unfit-for-an-address": lambda r: edit(r, STORY, r"^Slug: .*$", "Slug: Une nuit"),
    "bad-id": lambda r: edit(r, STORY, r"^Id: .*$", "Id: 1234"),
    # A file started by copying another keeps its Id: feed readers would take
    # the two for one item.
    "same-id": lambda r: add(
        r, "content/stories/copie.md", id_line(r, STORY) + new_story("Copie", slug="copie")
    ),
    "unknown-template": lambda r: edit(
        r, "content/pages/faq.md", r"^Template: .*$", "Template: foire-aux-questions"
    ),
    "same-url": lambda r: add(
        r, "content/stories/doublon.md", new_story("Doublon", slug="une-nuit-au-fournil")
    ),
    # File names become addresses: these differ only by capitals, or by how
    # "é" is encoded (one code point or two, as macOS writes file names).
    "same-url-case-folded": lambda r: add(
        r, "content/stories/Une-Nuit-Au-Fournil.md", new_story("Doublon")
    ),
    "same-url-unicode": lambda r: (
        add(r, "content/stories/caf\u00e9.md", new_story("A")),
        add(r, "content/stories/cafe\u0301.md", new_story("B")),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_clearly_and_loses_nothing(
    case: str, example_copy, digest, golden, capsys
) -> None:
    settings = str(example_copy.settings)
    assert main([settings]) == 0
    before = digest(example_copy.output)
    capsys.readouterr()

    CASES[case](example_copy.root)

    assert main([settings]) == 1
    messages = capsys.readouterr().err
    golden(f"bad_input/{case}.txt", messages)
    assert digest(example_copy.output) == before
    assert len([line for line in messages.splitlines() if line.startswith("content/")]) == 1
