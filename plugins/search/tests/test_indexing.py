"""The index is written in a process of its own while the pages are
written: what goes wrong there fails the build like anything else, and the
previous site stays."""

from __future__ import annotations

import pytest

from comptoir.core.build.parallel import Forked
from comptoir.plugins.search.service import PagefindError

STORY = "Title: A\nDate: 2025-03-01\n\nUn texte sur le pain.\n"


def test_a_forked_work_gives_its_value_or_says_what_went_wrong() -> None:
    assert Forked(lambda: 6 * 7).result() == 42

    def fails() -> None:
        raise PagefindError("pagefind stopped: no space left")

    with pytest.raises(RuntimeError, match="PagefindError: pagefind stopped: no space left"):
        Forked(fails).result()


def test_pagefind_failing_while_pages_are_written_fails_the_build(
    make_site, monkeypatch, digest
) -> None:
    site = make_site({"content/stories/a.md": STORY})
    assert site.build().ok
    before = digest(site.output)

    def broken(found, folder, cache, *_) -> bool:
        raise PagefindError("pagefind stopped: out of memory")

    # The forked process inherits the patched function, as it inherits the build.
    monkeypatch.setattr("comptoir.plugins.search.write_kept_index", broken)
    result = site.build()
    assert not result.ok
    said = [p.format() for p in result.problems]
    assert any(
        "L’index de recherche n’a pas pu être écrit" in line and "out of memory" in line
        for line in said
    ), said
    assert not any("Traceback" in line for line in said)
    assert digest(site.output) == before
