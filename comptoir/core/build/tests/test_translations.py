"""Pelican's grouping of translations, linear: the same result as Pelican's
own function, warnings included, for any mix of stories and translations."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import pelican.generators
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.log import LimitFilter
from pelican.utils import process_translations

from comptoir.core.build.translations import linear, linear_translations


@dataclass(eq=False)
class Item:
    """What Pelican's function reads of a story."""

    slug: str
    lang: str
    source_path: str
    metadata: dict[str, Any] = field(default_factory=dict)
    translations: list[Any] = field(default_factory=list)

    @property
    def in_default_lang(self) -> bool:
        return self.lang == "fr"


ITEM = st.tuples(
    st.sampled_from(["pain", "levain", "four", "seigle", "miche"]),
    st.sampled_from(["fr", "en", "de"]),
    st.sampled_from([None, "true", "false", "False"]),
)


def made(specs: list[tuple[str, str, str | None]]) -> list[Item]:
    items = []
    for number, (slug, lang, marked) in enumerate(specs):
        metadata = {} if marked is None else {"translation": marked}
        items.append(Item(slug, lang, f"stories/{number}.md", metadata))
    return items


def outcome(items: list[Item], result: tuple[list[Item], list[Item]]) -> tuple:
    """Everything by position in ``items``, comparable across two copies."""
    where = {id(item): n for n, item in enumerate(items)}
    index, translations = result
    return (
        [where[id(i)] for i in index],
        [where[id(i)] for i in translations],
        [[where[id(t)] for t in item.translations] for item in items],
    )


@settings(max_examples=200, deadline=None)
@given(specs=st.lists(ITEM, max_size=12))
def test_the_same_as_pelicans_own(specs) -> None:
    theirs, ours = made(specs), made(specs)
    forget_messages()
    handler = Recorder()
    logger = logging.getLogger("pelican.utils")
    logger.addHandler(handler)
    try:
        expected = outcome(theirs, process_translations(list(theirs), "slug"))
        said, handler.messages = handler.messages, []
        forget_messages()
        assert outcome(ours, linear_translations(list(ours), "slug")) == expected
        assert handler.messages == said
    finally:
        logger.removeHandler(handler)


def forget_messages() -> None:
    """Pelican's loggers drop a message seen before in the process."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


class Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_most_stories_never_reach_pelicans_scan(monkeypatch) -> None:
    seen: list[int] = []

    def counting(content_list, translation_id=None):
        seen.append(len(content_list))
        return process_translations(content_list, translation_id)

    monkeypatch.setattr("pelican.utils.process_translations", counting)
    items = made([(f"s{n}", "fr", None) for n in range(1000)] + [("s7", "en", None)])
    index, translations = linear_translations(items, "slug")
    assert len(index) == 1000 and [t.lang for t in translations] == ["en"]
    # Only the group with a translation went through the list scan.
    assert seen == [2]


def test_a_bad_translation_id_gets_pelicans_message() -> None:
    with pytest.raises(AttributeError, match="appear to be items without"):
        linear_translations(made([("pain", "fr", None)]), "nothing")


def test_an_id_that_cannot_be_hashed_is_grouped_as_pelican_does() -> None:
    items = made([("pain", "fr", None), ("pain", "en", None), ("four", "fr", None)])
    for item in items:
        item.metadata["group"] = [item.slug]  # a list: sortable, not hashable
        item.group = item.metadata["group"]
    index, translations = linear_translations(items, "group")
    assert [i.slug for i in index] == ["four", "pain"]
    assert [(t.slug, t.lang) for t in translations] == [("pain", "en")]


def test_put_back_after_a_build_even_a_failed_one() -> None:
    before = pelican.generators.process_translations
    with pytest.raises(RuntimeError), linear():
        assert pelican.generators.process_translations is linear_translations
        raise RuntimeError
    assert pelican.generators.process_translations is before
