"""Reading time counts words a reader sees; neighbours and related stories."""

import datetime as dt
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.plugins.navigation.reading import reading_minutes, word_count
from comptoir.plugins.navigation.related import link_neighbours, link_related


def test_words_are_counted_on_text_not_markup() -> None:
    html = (
        '<p class="very long class names here">Un <a href="https://example.org/a/b/c">pain</a>'
        " d’hier.</p><script>var ignored = 'many words in a script';</script>"
        '<img alt="not counted either" src="x.jpg">'
    )
    assert word_count(html) == 3


def test_reading_time_rounds_up_and_is_at_least_one_minute() -> None:
    assert reading_minutes("<p>court</p>", 230) == 1
    assert reading_minutes("<p>" + "mot " * 231 + "</p>", 230) == 2


def _article(slug, day, category="histoires", tags=()):
    tag_objs = [SimpleNamespace(slug=t) for t in tags]
    return SimpleNamespace(
        slug=slug, date=dt.datetime(2025, 1, day), category=category, tags=tag_objs
    )


def test_previous_and_next_stay_within_a_section() -> None:
    a, b, c = _article("a", 1), _article("b", 2), _article("c", 3)
    tuto = _article("t", 2, category="tutoriels")
    link_neighbours([c, tuto, a, b])
    assert (a.prev_article, a.next_article) == (None, b)
    assert (b.prev_article, b.next_article) == (a, c)
    assert (tuto.prev_article, tuto.next_article) == (None, None)


def test_related_prefers_more_shared_tags_then_newer() -> None:
    main = _article("main", 1, tags=("levain", "farine"))
    both = _article("both", 2, tags=("levain", "farine"))
    one_old = _article("one-old", 3, tags=("levain",))
    one_new = _article("one-new", 4, tags=("farine",))
    none = _article("none", 5, tags=("quartier",))
    link_related([main, both, one_old, one_new, none], limit=2)
    assert main.related_articles == [both, one_new]


def test_words_counted_in_markdown_match_the_html_count() -> None:
    from markdown import Markdown

    from comptoir.plugins.navigation.markdown_ext import WordsExtension

    md = Markdown(extensions=[WordsExtension()])
    md.comptoir_kind, md.comptoir_meta = "story", {}
    html = md.convert(
        "## Le pain d’hier\n\nUn *vrai* [pain](https://example.org/a/b) de l'an 2025.\n"
    )
    # Le, pain, d’hier, Un, vrai, pain, de, l'an, 2025 (elisions are one word).
    assert md.comptoir_meta["reading_words"] == word_count(html) == 9


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 28), st.sets(st.sampled_from("abcdef"), max_size=3)),
        max_size=40,
    ),
    st.integers(1, 4),
)
def test_related_is_what_comparing_every_pair_would_give(stories, limit) -> None:
    """Against the plain rule, every pair compared: most shared tags, then
    the newest, then the first listed; ties on the day included."""
    articles = [_article(f"s{i}", day, tags=sorted(tags)) for i, (day, tags) in enumerate(stories)]
    link_related(articles, limit)
    for article in articles:
        mine = {t.slug for t in article.tags}
        ranked = sorted(
            (
                (-len(mine & {t.slug for t in other.tags}), -other.date.toordinal(), index, other)
                for index, other in enumerate(articles)
                if other is not article and mine & {t.slug for t in other.tags}
            ),
            key=lambda row: row[:3],
        )
        assert article.related_articles == [row[3] for row in ranked[:limit]]
