"""The header scan: a line Markdown would silently drop is an error."""

from comptoir.plugins.content.header import scan_header


def problems(text: str) -> list[tuple]:
    return [(line, key, values) for line, key, _, values in scan_header(text).problems]


def test_lines_and_empty_keys() -> None:
    header = scan_header("Title: Un\nImage:\nSummary: long\n    suite\n\nTexte : oui\n")
    assert header.lines == {"title": 1, "image": 2, "summary": 3}
    assert header.empty == {"image"}
    assert header.problems == []


def test_a_key_with_a_space_or_an_accent_is_refused_with_its_line() -> None:
    assert problems("Title: Un\nImage alt: photo\nStatus: draft\n\nx") == [
        (2, None, {"text": "Image alt:"})
    ]
    assert problems("Title: Un\nRésumé: court\n\nx") == [(2, None, {"text": "Résumé:"})]


def test_a_sentence_right_under_the_header_is_text() -> None:
    assert (
        problems("Title: Un\nDate: 2025-01-01\nIl était une fois, dans un fournil : rien.\n") == []
    )
    assert problems("Title: Un\nTexte sans ligne vide.\n") == []


def test_a_key_written_twice_names_both_lines() -> None:
    assert problems("Title: Un\nDate: 2025-01-01\ntitle: Deux\n") == [
        (3, "title", {"first": "1", "second": "3"})
    ]


def test_front_matter_fences_are_allowed() -> None:
    header = scan_header("---\nTitle: Un\n---\nTexte\n")
    assert header.lines == {"title": 2}


def test_only_line_feeds_end_a_line() -> None:
    """U+2028 and U+0085 (pasted from a word processor) stay inside a value,
    as Markdown reads them; CRLF files count lines like the others."""
    header = scan_header(
        "Title: Un\r\nTags: pain\u2028ß: x, levain\x85 seigle\r\nDate: 2025-01-01\n"
    )
    assert header.problems == []
    assert header.lines == {"title": 1, "tags": 2, "date": 3}


def test_the_property_case_builds(make_site) -> None:
    site = make_site(
        {"content/stories/a.md": "Title: Un\nDate: 2025-01-01\nTags: ķ*\u2028ß:*, 457:\n\nTexte.\n"}
    )
    result = site.build()
    assert result.ok, site.messages(result)
