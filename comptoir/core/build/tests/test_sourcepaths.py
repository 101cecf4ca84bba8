"""Stories' relative paths worked out once a build (build/sourcepaths.py):
Pelican's answers, remembered only while the build runs."""

from __future__ import annotations

import pytest
from pelican.contents import Article, Content
from pelican.settings import DEFAULT_CONFIG

from comptoir.core.build.sourcepaths import once_per_build


def story(root: str, path: str | None) -> Article:
    settings = {"PATH": root, "ARTICLE_URL": "{slug}/", "ARTICLE_SAVE_AS": "{slug}/index.html"}
    return Article("Texte", {"title": "Un", "slug": "un"}, {**DEFAULT_CONFIG, **settings}, path)


def test_the_same_answers_as_pelicans(tmp_path) -> None:
    root = str(tmp_path / "content")
    cases = [
        (f"{root}/stories/un.md", None),
        (f"{root}/stories/un.md", f"{root}/images/pain.jpg"),
        (f"{root}/stories/un.md", "../dehors/x.md"),
        (None, None),
    ]
    expected = [story(root, path).get_relative_source_path(asked) for path, asked in cases]
    assert expected[:2] == ["stories/un.md", "images/pain.jpg"]
    with once_per_build():
        for _ in range(2):  # asked again: the same, remembered
            found = [story(root, path).get_relative_source_path(asked) for path, asked in cases]
            assert found == expected
        # Another content folder, the same file name: its own answer.
        other = str(tmp_path / "autre")
        assert story(other, f"{root}/stories/un.md").get_relative_source_path() == (
            "../content/stories/un.md"
        )


def test_put_back_after_a_build_even_a_failed_one() -> None:
    before = Content.get_relative_source_path
    with pytest.raises(RuntimeError), once_per_build():
        assert Content.get_relative_source_path is not before
        raise RuntimeError
    assert Content.get_relative_source_path is before
