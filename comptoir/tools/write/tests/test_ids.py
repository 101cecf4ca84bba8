"""``invoke ids`` and ``invoke new``: an Id line written once, byte for byte,
the very id feeds already carry."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import uuid
from pathlib import Path

import pytest

from comptoir.plugins.content.ids import fallback_id
from comptoir.plugins.content.values import parse_id
from comptoir.tools.write.ids import add_ids, with_id
from comptoir.tools.write.new import new_file

UUID = "0b5e4c1e-6a4f-4c2e-9a7d-3f1e2d4c5b6a"


@pytest.mark.parametrize(
    ("kind", "before", "after"),
    [
        ("story", "Title: Un\nDate: x\n\nTexte\n", "Title: Un\nId: ID\nDate: x\n\nTexte\n"),
        (
            "page",
            "Slug: a\r\nTitle: A\r\n\r\nTexte\r\n",
            "Slug: a\r\nTitle: A\r\nId: ID\r\n\r\nTexte\r\n",
        ),
        ("story", "Title: Un\rDate: x\r\rT\r", "Title: Un\rId: ID\rDate: x\r\rT\r"),
        ("testimonial", "Date: x\nName: Anne\n\nBon.\n", "Date: x\nName: Anne\nId: ID\n\nBon.\n"),
        # A title continued on the next line: the Id goes after the whole title.
        (
            "story",
            "Title: Un\n    long titre\nDate: x\n",
            "Title: Un\n    long titre\nId: ID\nDate: x\n",
        ),
        ("story", "---\nTitle: Un\n---\nT\n", "---\nTitle: Un\nId: ID\n---\nT\n"),
        ("story", "Date: x\n\nTitle: pas une clé\n", "Id: ID\nDate: x\n\nTitle: pas une clé\n"),
        ("story", "---\nDate: x\n---\n", "---\nId: ID\nDate: x\n---\n"),
        ("story", "Title: Un", "Title: Un\nId: ID"),
        ("page", "Title: A\r\nId:  \r\nSlug: a\r\n", "Title: A\r\nId: ID\r\nSlug: a\r\n"),
        ("story", "", "Id: ID\n"),
    ],
)
def test_the_id_line_goes_under_the_title_and_nothing_else_changes(
    kind: str, before: str, after: str
) -> None:
    assert with_id(before, kind, "ID") == after


@pytest.mark.parametrize(
    "text",
    [
        f"Title: Un\nId: {UUID}\n\nx\n",
        f"Title: Un\nID: urn:uuid:{UUID}\n\nx\n",
        "Title: Un\nid: pas un uuid\n\nx\n",  # the build says what is wrong with it
        f"Title: Un\nId:\n    {UUID}\n\nx\n",
    ],
)
def test_a_file_with_an_id_is_left_alone(text: str) -> None:
    assert with_id(text, "story", "ID") is None


def settings_for(root: Path) -> dict:
    return {"PATH": str(root / "content"), "IGNORE_FILES": ["**/.*", ".#*"]}


def write(root: Path, name: str, data: bytes) -> Path:
    path = root / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_ids_are_added_byte_for_byte_once(tmp_path: Path) -> None:
    files = {
        "stories/un.md": "\ufeffTitle: Été\r\nDate: 2025-03-01\r\n\r\nDéjà.\r\n".encode(),
        "stories/un-en.md": b"Title: Summer\nSlug: un\nLang: en\nDate: 2025-03-01\n\nx\n",
        "testimonials/anne.md": "Name: Anne\nDate: 2025-03-01\n\nBon\u2028pain.\n".encode(),
        "pages/a-propos.md": f"Title: À propos\nId: {UUID}\n\nNous.\n".encode(),
        "tutorials/sub/levain.markdown": b"Title: Levain\n\n1. Un\n",
        "stories/latin1.md": "Title: Pâte\n\nx\n".encode("latin-1"),
        "stories/notes.txt": b"Title: pas du contenu\n",
        "stories/.#un.md": b"Title: fichier de verrou\n",
        "images/photo.md": b"Title: pas une histoire\n",
    }
    paths = {name: write(tmp_path, name, data) for name, data in files.items()}
    counter = itertools.count()
    outcome = add_ids(
        settings_for(tmp_path), lambda: f"{next(counter):08d}-0000-4000-8000-{0:012d}"
    )
    changed = [
        "stories/un-en.md",
        "stories/un.md",
        "testimonials/anne.md",
        "tutorials/sub/levain.markdown",
    ]
    assert outcome.added == [paths[name] for name in changed]
    assert outcome.unreadable == [paths["stories/latin1.md"]]
    ids = set()
    for name, data in files.items():
        now = paths[name].read_bytes()
        if name not in changed:
            assert now == data, name
            continue
        # Exactly one line more, and it is the only difference.
        line = next(row for row in now.splitlines(keepends=True) if row.startswith(b"Id: "))
        assert now.replace(line, b"", 1) == data
        ids.add(line.strip())
    assert len(ids) == len(changed)  # the translation has its own
    # A dated story, its translation and a testimonial get the id their feeds
    # already carried (nothing changes for readers); the undated file a new one.
    march = dt.datetime(2025, 3, 1)
    assert (
        paths["stories/un.md"]
        .read_bytes()
        .decode("utf-8")
        .startswith(f"\ufeffTitle: Été\r\nId: {fallback_id('story', 'fr', march)}\r\nDate: ")
    )
    assert f"Id: {fallback_id('story', 'en', march)}\n" in paths["stories/un-en.md"].read_text()
    assert f"Id: {fallback_id('testimonial', 'fr', march)}\n" in paths[
        "testimonials/anne.md"
    ].read_text(encoding="utf-8")
    assert re.search(
        "Id: [0-9]{8}-0000-4000-8000-0{12}\n",
        paths["tutorials/sub/levain.markdown"].read_text(encoding="utf-8"),
    )
    before = {name: path.read_bytes() for name, path in paths.items()}
    again = add_ids(settings_for(tmp_path))
    assert again.added == []
    assert {name: path.read_bytes() for name, path in paths.items()} == before


def test_ids_follow_the_folders_of_the_settings(tmp_path: Path) -> None:
    path = write(tmp_path, "blog/un.md", b"Title: Un\n\nx\n")
    write(tmp_path, "stories/deux.md", b"Title: Deux\n\nx\n")
    outcome = add_ids({**settings_for(tmp_path), "STORY_PATHS": ["blog"]})
    assert outcome.added == [path]
    assert parse_id(path.read_text().splitlines()[1].removeprefix("Id: ")) != ""


@pytest.mark.parametrize("kind", ["story", "tutorial", "testimonial", "page"])
def test_new_files_start_with_their_own_id(tmp_path: Path, kind: str) -> None:
    settings = {"PATH": "content", "TIMEZONE": "Europe/Paris", "DEFAULT_LANG": "fr"}
    first = new_file(tmp_path, settings, kind, "Un titre")
    second = new_file(tmp_path, settings, kind, "Un autre titre")
    found = []
    for path in (first, second):
        rows = path.read_text(encoding="utf-8").splitlines()
        assert rows[1].startswith("Id: ")
        value = parse_id(rows[1].removeprefix("Id: "))
        assert uuid.UUID(value).version == 4
        found.append(value)
    assert found[0] != found[1]
    assert add_ids(settings_for(tmp_path)).added == []


def test_writing_ids_down_changes_no_feed_id(make_site) -> None:
    """An owner who runs `invoke ids` on a site already in readers' feeds:
    every item keeps the id it had."""
    site = make_site(
        {
            "content/stories/un.md": "Title: Un\nDate: 2025-03-01 08:00\n\nx\n",
            "content/testimonials/anne.md": "Name: Anne\nDate: 2025-03-02\n"
            "Consent: 2025-03-02\n\nBon pain.\n",
        },
        'SITEURL = "https://b.example"\n',
    )

    def feed_ids() -> list[str]:
        result = site.build()
        assert result.ok, site.messages(result)
        feeds = sorted(site.output.rglob("atom.xml"))
        return sorted(
            set(
                re.findall(
                    r"<id>(urn:uuid:[^<]+)</id>",
                    "".join(path.read_text(encoding="utf-8") for path in feeds),
                )
            )
        )

    before = feed_ids()
    settings = {"PATH": str(site.root / "content"), "DEFAULT_LANG": "fr"}
    assert len(add_ids(settings).added) == 2
    assert "Id: " in (site.root / "content/stories/un.md").read_text()
    assert feed_ids() == before
