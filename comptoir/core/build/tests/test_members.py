"""Tag, category and author lists that answer ``in`` from a set
(build/members.py): the same answers as a list, and Pelican gets them."""

from __future__ import annotations

import copy
import pickle

from comptoir.core.build.members import Members, index_taxonomies


class Story:
    """Like Pelican's Content: no ``__eq__``, so compared by identity."""


def test_members_answer_in_as_the_list_would() -> None:
    a, b, c, d = Story(), Story(), Story(), Story()
    members = Members([a, b])
    assert a in members and b in members and c not in members
    members.append(c)
    assert c in members
    members[0] = d
    assert a not in members and d in members
    del members[0]
    assert d not in members and list(members) == [b, c]
    members.remove(b)
    assert b not in members and members == [c]
    # Equal lists, so pages and fingerprints see what they saw before.
    assert Members([a, b]) == [a, b]


def test_members_copy_and_pickle_as_plain_lists() -> None:
    members = Members([1, 2])
    assert type(pickle.loads(pickle.dumps(members))) is list
    assert type(copy.deepcopy(members)) is list
    assert pickle.loads(pickle.dumps(members)) == [1, 2]


def test_a_generators_taxonomies_become_members() -> None:
    a, b = Story(), Story()

    class Generator:
        def __init__(self) -> None:
            self.tags = {"pain": [a, b], "levain": [b]}
            self.categories = [("recettes", [a])]
            self.authors = [("marie", [a, b])]

    generator = Generator()
    index_taxonomies(generator)
    assert all(type(v) is Members for v in generator.tags.values())
    assert generator.tags["levain"] == [b] and a not in generator.tags["levain"]
    assert [type(v) for _, v in generator.categories + generator.authors] == [Members, Members]
    assert generator.authors[0][0] == "marie" and generator.authors[0][1] == [a, b]


def test_the_example_build_lists_tags_as_members(example_copy) -> None:
    result = example_copy.build()
    assert result.ok, example_copy.messages(result)
    articles = next(g for g in result.build.generators if hasattr(g, "tags"))
    assert articles.tags and all(type(v) is Members for v in articles.tags.values())
    assert all(type(v) is Members for _, v in articles.categories)
