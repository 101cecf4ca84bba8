"""The search index of the example site, queried by Pagefind's own
JavaScript in headless Chromium: stemming, several results, a draft or a
post not yet due never found, one index per language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# Pagefind's API, loaded as the search page will load it (an ES module
# from the site itself); the results' data, best first.
SEARCH = """async (query) => {
  const pagefind = await import("/pagefind/pagefind.js");
  const found = await pagefind.search(query);
  return Promise.all(found.results.slice(0, 20).map((r) => r.data()));
}"""


@pytest.fixture(scope="module")
def site(example_output: Path, serve) -> str:
    return serve(example_output)


def search(visit, origin: str, page: str, query: str) -> list[dict]:
    visit.page.goto(origin + page)
    return visit.page.evaluate(SEARCH, query)


def test_one_index_per_language(example_output: Path) -> None:
    entry = json.loads((example_output / "pagefind/pagefind-entry.json").read_text("utf-8"))
    assert set(entry["languages"]) == {"fr", "en"}
    assert entry["languages"]["en"]["page_count"] == 1  # the one English story
    # Stories, tutorials, testimonials and pages, public and due.
    assert entry["languages"]["fr"]["page_count"] >= 15


@pytest.mark.browser
def test_french_stemming_finds_the_plural(new_visit, site: str) -> None:
    with new_visit() as visit:
        found = search(visit, site, "/", "croissant")
        urls = {r["url"] for r in found}
        assert "/histoires/comment-tout-a-commence/" in urls
        assert "/histoires/la-rue-des-tanneurs/" in urls
        first = next(r for r in found if r["url"] == "/histoires/comment-tout-a-commence/")
        assert "<mark>croissants</mark>" in first["excerpt"]
        assert first["meta"]["kind"] == "Histoire"
        assert first["meta"]["image"].startswith("/")
        assert visit.errors == [] and visit.elsewhere == []


@pytest.mark.browser
def test_pain_finds_several_kinds(new_visit, site: str) -> None:
    with new_visit() as visit:
        found = search(visit, site, "/", "pain")
        assert len(found) >= 5
        assert {"Histoire", "Tutoriel"} <= {r["meta"]["kind"] for r in found}


@pytest.mark.browser
@pytest.mark.parametrize("query", ["salon de thé projet", "2099"])
def test_drafts_and_posts_not_yet_due_are_never_found(new_visit, site: str, query: str) -> None:
    with new_visit() as visit:
        found = search(visit, site, "/", query)
        urls = [r["url"] for r in found]
        assert not any("brouillon" in u or "a-paraitre" in u for u in urls), urls


@pytest.mark.browser
def test_an_english_page_searches_the_english_index(new_visit, site: str) -> None:
    with new_visit() as visit:
        found = search(visit, site, "/en/stories/le-moulin-de-la-bourbre/", "mill")
        assert [r["url"] for r in found] == ["/en/stories/le-moulin-de-la-bourbre/"]
