"""Stable feed ids: the ``Id`` key, ``invoke ids`` and ``invoke new``."""

from __future__ import annotations

import pytest

from comptoir.core.build.context import for_build
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
