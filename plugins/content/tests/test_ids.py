"""Stable feed ids: the ``Id`` key, ``invoke ids`` and ``invoke new``."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import uuid
from pathlib import Path

import pytest

from comptoir.core.build.context import for_build
from comptoir.plugins.content.ids import add_ids, fallback_id, with_id
from comptoir.plugins.content.new import new_file
from comptoir.plugins.content.reader import ComptoirMarkdownReader
from comptoir.plugins.content.values import ValueProblem, parse_id

UUID = "0b5e4c1e-6a4f-4c2e-9a7d-3f1e2d4c5b6a"
OTHER = "7c9e6679-7425-40de-944b-e07fc1f90ae7"


def story(title: str, extra: str = "", day: int = 1) -> str:
    return f"Title: {title}\n{extra}Date: 2025-03-{day:02d} 08:00\n\nTexte de {title}.\n"


# --- the key ---------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", [UUID, UUID.upper(), f"urn:uuid:{UUID}", f"URN:UUID:{UUID.upper()}", f"  {UUID} "]
)
def test_an_id_is_read_as_a_bare_lowercase_uuid(raw: str) -> None:
    assert parse_id(raw) == UUID


@pytest.mark.parametrize(
    "raw",
    [
        "12345",
        UUID.replace("-", ""),
        f"{{{UUID}}}",
        UUID[:-1] + "g",
        f"uuid:{UUID}",
        f"{UUID}x",
        "une-nuit-au-fournil",
    ],
)
def test_anything_else_is_refused_naming_the_value(raw: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_id(raw)
    assert caught.value.values == {"value": raw.strip()}
    assert "invoke ids" in caught.value.message


def test_the_id_reaches_the_metadata_normalised(make_site) -> None:
    site = make_site({"content/stories/un.md": story("Un", f"Id: urn:uuid:{UUID.upper()}\n")})
    result = site.build()
    assert result.ok, site.messages(result)
    reader = for_build(ComptoirMarkdownReader, result.build)(result.settings)
    _, metadata = reader.read(str(site.root / "content/stories/un.md"))
    assert metadata["id"] == UUID


def test_a_bad_id_names_file_line_and_key_in_french(make_site) -> None:
    site = make_site({"content/stories/un.md": story("Un", "Id: 42\n")})
    result = site.build()
    assert site.messages(result) == [
        "content/stories/un.md:2: id — «\u202f42\u202f» n’est pas un Id\u00a0: un Id est écrit"
        " par Comptoir, par exemple 0b5e4c1e-6a4f-4c2e-9a7d-3f1e2d4c5b6a. Supprimez cette"
        " ligne, puis lancez `invoke ids` pour en écrire un nouveau."
    ]


def test_two_files_with_one_id_are_refused_naming_both(make_site) -> None:
    site = make_site(
        {
            "content/stories/un.md": story("Un", f"Id: {UUID}\n"),
            "content/tutorials/copie.md": story("Copie", f"Id: {UUID.upper()}\n", day=2),
            "content/pages/autre.md": f"Title: Autre\nId: {OTHER}\n\nx\n",
        }
    )
    result = site.build()
    assert site.messages(result) == [
        "content/stories/un.md:2: id — Ce fichier a le même Id que content/tutorials/copie.md"
        "\u00a0: chaque fichier a besoin du sien, traductions comprises. Supprimez la ligne Id"
        " de la copie, puis lancez `invoke ids` pour lui en donner un nouveau."
    ]


def test_a_translation_needs_its_own_id(make_site) -> None:
    english = story("One", f"Id: {UUID}\nSlug: un\nLang: en\nTranslation: true\n")
    site = make_site(
        {"content/stories/un.md": story("Un", f"Id: {UUID}\n"), "content/stories/un-en.md": english}
    )
    assert [p.key for p in site.build().errors] == ["id"]
    (site.root / "content/stories/un-en.md").write_text(english.replace(UUID, OTHER))
    result = site.build()
    assert result.ok, site.messages(result)


def test_a_draft_sharing_an_id_waits_until_it_is_published(make_site) -> None:
    site = make_site(
        {
            "content/stories/un.md": story("Un", f"Id: {UUID}\n"),
            "content/stories/brouillon.md": story("Brouillon", f"Id: {UUID}\nStatus: draft\n"),
        }
    )
    result = site.build()
    assert result.ok and result.problems == []


# --- invoke ids ---------------------------------------------------------------


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
