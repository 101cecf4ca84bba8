"""Livereload's fast path: a story's text changed → only its page is rewritten."""

from __future__ import annotations

import gzip
import os

from PIL import Image

from comptoir.tools.preview.incremental import LiveSite

STORY = (
    "Title: {title}\nDate: 2025-03-0{day} 08:00\nSummary: Un résumé fixe.\nTags: pain\n\n{body}\n"
)


def site_with_stories(make_site):
    site = make_site(
        {
            "content/stories/un.md": STORY.format(title="Un", day=1, body="Premier texte."),
            "content/stories/deux.md": STORY.format(title="Deux", day=2, body="Second texte."),
        }
    )
    result = site.build()
    assert result.ok, site.messages(result)
    return site, LiveSite(result.build, result.output)


def stamps(site) -> dict[str, int]:
    return {
        str(p.relative_to(site.output)): p.stat().st_mtime_ns
        for p in site.output.rglob("*")
        if p.is_file()
    }


def test_a_text_edit_rewrites_only_that_page(make_site) -> None:
    site, live = site_with_stories(make_site)
    before = stamps(site)
    path = site.root / "content/stories/un.md"
    path.write_text(STORY.format(title="Un", day=1, body="Premier texte, revu !"))
    report = live.update(str(path))
    assert report is not None and not report.errors
    assert "revu\u202f!" in site.page("histoires/un/index.html")
    after = stamps(site)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {"histoires/un/index.html"}
    # Its neighbour link and related list still come from the full build.
    assert 'rel="next" href="/histoires/deux/"' in site.page("histoires/un/index.html")


def test_a_changed_title_needs_the_full_build(make_site) -> None:
    site, live = site_with_stories(make_site)
    path = site.root / "content/stories/un.md"
    path.write_text(STORY.format(title="Un, renommé", day=1, body="Premier texte."))
    assert live.update(str(path)) is None


def test_a_mistake_is_reported_and_nothing_is_written(make_site) -> None:
    site, live = site_with_stories(make_site)
    before = stamps(site)
    path = site.root / "content/stories/un.md"
    path.write_text(STORY.format(title="Un", day=1, body="x").replace("2025-03-01", "hier"))
    report = live.update(str(path))
    assert report is not None
    assert [(p.path, p.key) for p in report.errors] == [("content/stories/un.md", "date")]
    assert stamps(site) == before


def test_a_new_photo_in_the_text_is_published(make_site) -> None:
    site, live = site_with_stories(make_site)
    (site.root / "content/images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (700, 400), "tan").save(site.root / "content/images/pain.jpg")
    path = site.root / "content/stories/un.md"
    path.write_text(STORY.format(title="Un", day=1, body="![Le pain](../images/pain.jpg)"))
    report = live.update(str(path))
    assert report is not None and not report.errors
    page = site.page("histoires/un/index.html")
    names = [n for n in os.listdir(site.output / "media" / "images") if n.startswith("pain-")]
    assert names and all(f"/images/{n}" in page for n in names if n.endswith(".webp"))


def test_a_deleted_story_needs_the_full_build(make_site) -> None:
    site, live = site_with_stories(make_site)
    path = site.root / "content/stories/un.md"
    path.unlink()
    assert live.update(str(path)) is None


def indexed_text(site) -> str:
    """Every text the search index holds (Pagefind's fragments, gzip + JSON)."""
    return "".join(
        gzip.decompress(p.read_bytes()).decode("utf-8")
        for p in sorted((site.output / "pagefind/fragment").iterdir())
    )


def test_after_a_text_edit_the_search_index_catches_up(make_site) -> None:
    """The page is rewritten first (the browser reloads at once); then
    ``reindex`` (run after the reload by livereload) puts the new text in
    the index, swapped in whole."""
    site, live = site_with_stories(make_site)
    assert "brioche" not in indexed_text(site)
    path = site.root / "content/stories/un.md"
    path.write_text(STORY.format(title="Un", day=1, body="Premier texte, avec une brioche."))
    report = live.update(str(path))
    assert report is not None and not report.errors
    assert "brioche" not in indexed_text(site)  # the page first…
    assert live.reindex()
    assert "brioche" in indexed_text(site)  # …then the index
    assert not [p.name for p in site.output.iterdir() if p.name.startswith(".pagefind")]
