"""Fingerprints of the attributes a page read of a story (fingerprint.py)."""

from __future__ import annotations

from comptoir.core.build.fingerprint import Fingerprints


class Story:
    """Enough of a story: attributes of its own, a property, a method."""

    def __init__(self, **own: object) -> None:
        vars(self).update(own)

    @property
    def url(self) -> str:
        return f"histoires/{vars(self).get('slug', '')}/"

    def get_content(self) -> str:
        return str(vars(self).get("content", ""))


def fingerprint(story: Story, *names: str) -> str:
    return Fingerprints().content(story, names)  # type: ignore[arg-type]


def test_an_attribute_read_counts_and_one_not_read_does_not() -> None:
    first = Story(title="Le four", content="<p>Pain</p>", slug="four")
    assert fingerprint(first, "title") != fingerprint(Story(title="Au four"), "title")
    assert fingerprint(first, "title") == fingerprint(Story(title="Le four", slug="x"), "title")


def test_a_property_counts_by_its_value() -> None:
    assert fingerprint(Story(slug="four"), "url") != fingerprint(Story(slug="pain"), "url")


def test_a_memoized_method_counts_as_the_value_it_serves() -> None:
    # get_content may answer from a cache: the content itself counts.
    one, other = Story(content="<p>Pain</p>"), Story(content="<p>Levain</p>")
    assert fingerprint(one, "get_content") != fingerprint(other, "get_content")
    assert fingerprint(one, "get_content") == fingerprint(one, "content")


def test_the_order_and_repeats_of_the_names_do_not_count() -> None:
    story = Story(title="Le four", summary="Chaud")
    assert fingerprint(story, "title", "summary") == fingerprint(story, "summary", "title", "title")


def test_the_build_wide_values_do_not_count() -> None:
    one = Story(title="Le four", settings={"A": 1}, _context={"x": 1})
    other = Story(title="Le four", settings={"A": 2}, _context={"x": 2})
    assert fingerprint(one, "title", "settings", "_context") == fingerprint(
        other, "title", "settings", "_context"
    )


def test_a_story_read_whole_counts_by_all_its_own() -> None:
    # vars(story) or a copy of it reads every attribute at once.
    one, other = Story(title="Le four", note="a"), Story(title="Le four", note="b")
    assert fingerprint(one, "__dict__") != fingerprint(other, "__dict__")
    assert fingerprint(one, "title") == fingerprint(other, "title")


def test_one_class_and_set_of_names_give_each_story_its_own_answer() -> None:
    # The plan of what to read is shared by class and names; values are not.
    prints = Fingerprints()
    first, second = Story(title="Le four"), Story(title="Au four")
    assert prints.content(first, ["title"]) != prints.content(second, ["title"])  # type: ignore[arg-type]
    third = Story()
    assert prints.content(third, ["title"]) == fingerprint(Story(), "title")  # type: ignore[arg-type]
