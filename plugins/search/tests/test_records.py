"""What goes into the index, on small sites built in the test."""

from __future__ import annotations

import json

STORY = "Title: {title}\nDate: {date}\n{extra}\nUn texte sur le {word}.\n"


def pages(site) -> dict[str, int]:
    entry = json.loads((site.output / "pagefind/pagefind-entry.json").read_text("utf-8"))
    return {lang: value["page_count"] for lang, value in entry["languages"].items()}


def test_only_public_due_and_not_opted_out_content_is_indexed(make_site) -> None:
    site = make_site(
        {
            "content/stories/a.md": STORY.format(
                title="A", date="2025-03-01", extra="", word="pain"
            ),
            "content/stories/b.md": STORY.format(
                title="B", date="2025-03-02", extra="Search: no\n", word="levain"
            ),
            "content/stories/c.md": STORY.format(
                title="C", date="2025-03-03", extra="Status: draft\n", word="seigle"
            ),
            "content/stories/d.md": STORY.format(
                title="D", date="2099-01-01", extra="", word="blé"
            ),
        }
    )
    assert site.build().ok
    assert pages(site) == {"fr": 1}


def test_search_off_writes_no_index(make_site) -> None:
    site = make_site(
        {"content/stories/a.md": STORY.format(title="A", date="2025-03-01", extra="", word="pain")},
        "SEARCH = False\n",
    )
    assert site.build().ok
    assert not (site.output / "pagefind").exists()


def test_a_bad_search_key_names_the_file(make_site) -> None:
    site = make_site(
        {
            "content/stories/a.md": STORY.format(
                title="A", date="2025-03-01", extra="Search: peut-être\n", word="pain"
            )
        }
    )
    result = site.build()
    assert not result.ok
    assert any("a.md" in p.format() and "peut-être" in p.format() for p in result.problems)


def test_the_same_content_gives_the_same_index_bytes(make_site, digest) -> None:
    """Two builds, two runs of Pagefind: byte-identical (a publish sends
    only what changed; the languages Pagefind lists in a hash map's order
    are sorted, and kind and tags are meta, not its unordered filters)."""
    files = {
        f"content/stories/{name}.md": STORY.format(
            title=name, date="2025-03-01", extra=f"Tags: levain, {name}, fêtes\n", word=name
        )
        for name in ("pain", "brioche", "galette", "seigle")
    }
    files["content/stories/en.md"] = STORY.format(
        title="Bread", date="2025-03-01", extra="Lang: en\n", word="bread"
    )
    site = make_site(files)
    assert site.build().ok
    first = digest(site.output / "pagefind")
    for _ in range(3):
        assert site.build().ok
        assert digest(site.output / "pagefind") == first


def test_the_search_page_is_written_per_language_and_never_over_a_page(make_site) -> None:
    story = STORY.format(title="A", date="2025-03-01", extra="", word="pain")
    english = STORY.format(
        title="A en", date="2025-03-01", extra="Lang: en\nSlug: a\n", word="bread"
    )
    site = make_site({"content/stories/a.md": story, "content/stories/a-en.md": english})
    assert site.build().ok
    assert (site.output / "recherche/index.html").is_file()
    english_page = (site.output / "en/search/index.html").read_text("utf-8")
    assert '<html lang="en">' in english_page and "<h1>Search</h1>" in english_page
    clash = make_site(
        {"content/stories/a.md": story, "content/pages/r.md": "Title: R\nSlug: recherche\n\nT.\n"}
    )
    result = clash.build()
    assert not result.ok
    assert any(
        "r.md" in p.format() and "/recherche/ est celle de la page de recherche" in p.format()
        for p in result.problems
    ), [p.format() for p in result.problems]


def test_the_text_taken_while_reading_is_the_finished_contents_text(example_copy) -> None:
    """Every searchable item of the example: the text taken as Markdown
    finished the file is the text of its content as the pages show it
    (links filled in, images made), so search finds the same words."""
    from comptoir.core.i18n.text import plain_text
    from comptoir.plugins.content.lists import contents
    from comptoir.plugins.search.markdown_ext import SEARCH_TEXT
    from comptoir.plugins.search.records import searchable

    result = example_copy.build()
    assert result.ok, example_copy.messages(result)
    items = [c for c, state in contents(result.build.generators) if searchable(c, state)]
    assert len(items) >= 15
    for item in items:
        taken = getattr(item, SEARCH_TEXT)
        assert taken == plain_text(str(item.content)), item.source_path
    # Raw HTML in a story is found too (its text was put back before).
    assert any("<" in item._content and getattr(item, SEARCH_TEXT) for item in items)


def test_a_story_read_from_the_cache_keeps_its_text(make_site) -> None:
    """The text travels in Pelican's read cache: an unchanged story's text
    comes from it (a marker put in the cache shows up), not from its HTML."""
    import pickle

    from comptoir.plugins.content.readcache import FILE_PREFIX
    from comptoir.plugins.search.markdown_ext import SEARCH_TEXT

    site = make_site(
        {"content/stories/a.md": STORY.format(title="A", date="2025-03-01", extra="", word="pain")}
    )
    first = site.build()
    assert first.ok
    assert getattr(first.build.generators[0].articles[0], SEARCH_TEXT) == "Un texte sur le pain."
    caches = list((site.root / "cache").glob(f"{FILE_PREFIX}*/*.pickle"))
    assert caches
    for cache in caches:
        entries = pickle.loads(cache.read_bytes())
        for path, (key, content, flat, deltas) in entries.items():
            assert flat[SEARCH_TEXT] == "Un texte sur le pain."
            entries[path] = (key, content, {**flat, SEARCH_TEXT: "DEPUIS-LE-CACHE"}, deltas)
        cache.write_bytes(pickle.dumps(entries))
    again = site.build()
    assert again.ok
    assert getattr(again.build.generators[0].articles[0], SEARCH_TEXT) == "DEPUIS-LE-CACHE"
