"""An item's id survives what owners do: rename a file (a new address), write
its date another way, move the site to https or to another domain. Readers
would otherwise show the item again as new."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

A = "{http://www.w3.org/2005/Atom}"
GIVEN = "5b0c7f1e-3d2a-4c8b-9e6f-1a2b3c4d5e6f"  # premiere-fournee.md's Id


def ids(output: Path) -> dict[str, str]:
    """Title -> id, the same in every format and every feed an item is in."""
    found: dict[str, set[str]] = {}
    for path in output.rglob("rss.xml"):
        for item in ET.parse(path).getroot().iter("item"):
            found.setdefault(item.findtext("title"), set()).add(item.findtext("guid"))
    for path in output.rglob("atom.xml"):
        for entry in ET.parse(path).getroot().iter(f"{A}entry"):
            found.setdefault(entry.findtext(f"{A}title"), set()).add(entry.findtext(f"{A}id"))
    for item in json.loads((output / "feed.json").read_text(encoding="utf-8"))["items"]:
        found.setdefault(item["title"], set()).add(item["id"])
    assert all(len(v) == 1 for v in found.values()), found
    return {title: v.pop() for title, v in found.items()}


def links(output: Path) -> set[str]:
    return {i.findtext("link") for i in ET.parse(output / "rss.xml").getroot().iter("item")}


def edit(path: Path, pattern: str, replacement: str) -> None:
    text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), flags=re.M)
    assert count == 1, pattern
    path.write_text(text, encoding="utf-8")


def test_ids_survive_a_rename_a_date_written_otherwise_and_a_new_domain(feeds_site) -> None:
    site = feeds_site(settings='SITEURL = "http://b.example"\n')
    assert site.build().ok
    before, old_links = ids(site.output), links(site.output)
    assert set(before) >= {"La première fournée", "D’où vient la farine", "Témoignage de Jo B."}

    stories = site.root / "content" / "stories"
    (stories / "la-farine.md").rename(stories / "farine-du-moulin.md")
    edit(stories / "premiere-fournee.md", r"la-farine\.md", "farine-du-moulin.md")
    edit(stories / "la-farine-en.md", r"^Slug: la-farine$", "Slug: farine-du-moulin")
    tutorial = site.root / "content" / "tutorials" / "baguette.md"
    edit(tutorial, r"^Date: 2025-02-20 16:00$", "Date: 20/02/2025 16:00")
    testimonial = site.root / "content" / "testimonials" / "jo.md"
    edit(testimonial, r"^Date: 2025-02-25 18:00$", "Date: 2025-02-25 18:00:00")

    for address in ("https://b.example", "https://www.autre-domaine.example"):
        result = site.build(SITEURL=address)
        assert result.ok, site.messages(result)
        assert ids(site.output) == before
    moved = links(site.output)
    assert "https://www.autre-domaine.example/histoires/farine-du-moulin/" in moved
    assert moved.isdisjoint(old_links)


def test_an_id_line_gives_the_id_in_any_form_it_is_written(feeds_site) -> None:
    site = feeds_site()
    assert site.build().ok
    assert ids(site.output)["La première fournée"] == f"urn:uuid:{GIVEN}"
    story = site.root / "content" / "stories" / "premiere-fournee.md"
    # As copied back from a feed, in capitals: the same item.
    edit(story, rf"^Id: {GIVEN}$", f"Id: urn:uuid:{GIVEN.upper()}")
    assert site.build().ok
    assert ids(site.output)["La première fournée"] == f"urn:uuid:{GIVEN}"


def test_an_id_line_added_later_replaces_the_fallback(feeds_site) -> None:
    """``invoke ids`` writes new Ids: the item becomes the one its Id says
    (documented: run it before the first publication)."""
    site = feeds_site()
    assert site.build().ok
    fallback = ids(site.output)["D’où vient la farine"]
    assert fallback.startswith("urn:uuid:") and GIVEN not in fallback
    story = site.root / "content" / "stories" / "la-farine.md"
    edit(story, r"^Title: (.*)$", "Title: \\1\nId: 0f6e2f55-33c9-4b7e-8a51-8d6f3f2a9c10")
    assert site.build().ok
    assert (
        ids(site.output)["D’où vient la farine"] == "urn:uuid:0f6e2f55-33c9-4b7e-8a51-8d6f3f2a9c10"
    )


def test_testimonials_without_id_from_one_day_get_an_id_each(feeds_site) -> None:
    """A guest book copied on one day: four quotes, no Id, one date. They
    build, each with its own id, the same on the next build; `invoke check`
    advises `invoke ids`, which writes down the very ids feeds show."""
    from comptoir.tools.write.ids import add_ids

    quotes = {
        f"content/testimonials/{name}.md": (
            f"Name: {name.capitalize()}\nDate: 2025-02-10\nConsent: 2025-02-10\n\n"
            f"Le pain de {name} était parfait.\n"
        )
        for name in ("anne", "bruno", "chloe", "denis")
    }
    site = feeds_site(quotes)
    result = site.build()
    assert result.ok, site.messages(result)
    titles = [f"Témoignage de {n}" for n in ("Anne", "Bruno", "Chloe", "Denis")]
    first = {t: i for t, i in ids(site.output).items() if t in titles}
    assert sorted(first) == titles and len(set(first.values())) == 4
    assert site.build().ok
    assert {t: i for t, i in ids(site.output).items() if t in first} == first

    checked = site.build(strict=False, COMPTOIR_CHECK=True)
    advice = [p for p in checked.problems if "invoke ids" in p.message]
    assert sorted(p.path for p in advice) == sorted(quotes)
    assert {(p.severity, p.key, p.line) for p in advice} == {("warning", "date", 2)}

    every = ids(site.output)
    settings = {"PATH": str(site.root / "content"), "DEFAULT_LANG": "fr"}
    added = add_ids(settings).added
    assert {str(site.root / name) for name in quotes} <= {str(path) for path in added}
    assert site.build().ok
    assert ids(site.output) == every
    checked = site.build(strict=False, COMPTOIR_CHECK=True)
    assert not [p for p in checked.problems if "invoke ids" in p.message]
