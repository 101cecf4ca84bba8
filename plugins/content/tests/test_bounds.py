"""Bounded work: the checks made before Markdown reads a file."""

from __future__ import annotations

from comptoir.plugins.content.bounds import (
    MAX_NESTING,
    MAX_OPEN,
    TOO_DEEP,
    TOO_OPEN,
    check_max_bytes,
    check_nesting,
)


def test_ordinary_text_passes() -> None:
    text = "Title: x\n\n- a\n    - b\n        - c\n\n[![photo](a.jpg)](b) (voir [ici](c))\n"
    assert check_nesting(text) is None


def test_deep_lists_are_refused_at_their_line() -> None:
    text = "".join("    " * i + "- x\n" for i in range(MAX_NESTING + 5))
    assert check_nesting(text) == (MAX_NESTING + 1, TOO_DEEP, {"limit": MAX_NESTING})
    assert check_nesting("- " * 600 + "x\n")[1] == TOO_DEEP  # type: ignore[index]


def test_open_brackets_are_counted_per_paragraph() -> None:
    assert check_nesting("[" * (MAX_OPEN + 1))[1] == TOO_OPEN  # type: ignore[index]
    assert check_nesting(("[x " * (MAX_OPEN - 1) + "\n\n") * 50) is None
    assert check_nesting("\\[" * 1000) is None  # escaped: plain text


def test_the_size_setting_is_checked() -> None:
    assert check_max_bytes(2_000_000, {}) is None
    assert check_max_bytes("1 Mo", {}) is not None
    assert check_max_bytes(True, {}) is not None
