"""Titles and texts that break naive feed writers: they come back exactly
from RSS, Atom and JSON Feed; a character XML cannot hold stops the build
with one French message naming the file, and the published site stays."""

from __future__ import annotations

import html
import json

import pytest

from comptoir.core.build.__main__ import main

PROD = 'SITEURL = "https://b.example"\n'
TITLE = "Pain & <levain> ]]> \"cuit\" 'ici' 🥖 </script> fin"
# As the site's own page shows it: Markdown's HTML after comptoir.plugins.sanitize,
# which drops the stray </script> end tag (a tag, in Markdown, not text).
BODY_MD = 'Un corps & <b>gras</b> ]]> "guillemets" 🥖 </script> &lt;i&gt; écrit 5 < 6'
BODY_HTML = '<p>Un corps &amp; <b>gras</b> ]]&gt; "guillemets" 🥖  &lt;i&gt; écrit 5 &lt; 6</p>'
SUMMARY = 'Un corps & gras ]]> "guillemets" 🥖 <i> écrit 5 < 6'
HOSTILE = {
    "content/stories/hostile.md": f"""
        Title: {TITLE}
        Date: 2025-04-01 08:00
        Author: Zoë « la boulangère » & fils
        Tags: pain & co, “levain”

        {BODY_MD}
        """
}


@pytest.fixture
def hostile(feeds_site):
    site = feeds_site(HOSTILE)
    result = site.build()
    assert result.ok, site.messages(result)
    return site


def test_rss_gives_back_title_text_summary_author_and_tags_exactly(hostile, read_feed) -> None:
    feed = read_feed(hostile.output / "rss.xml")
    assert feed.bozo == 0
    entry = feed.entries[0]
    assert entry.title == TITLE
    assert entry.content[0].value == BODY_HTML
    # RSS <description> is HTML to readers: the plain summary comes back as
    # its HTML form, whose text is the summary ("<i>" stays words).
    assert entry.summary_detail.type == "text/html"
    assert html_text(entry.summary) == SUMMARY
    assert entry.author == "Zoë « la boulangère » & fils"
    assert [t.term for t in entry.tags] == ["pain & co", "“levain”"]


def test_atom_gives_back_title_text_summary_author_and_tags_exactly(hostile, read_feed) -> None:
    feed = read_feed(hostile.output / "atom.xml")
    assert feed.bozo == 0
    entry = feed.entries[0]
    assert entry.title == TITLE and entry.title_detail.type == "text/plain"
    assert entry.content[0].value == BODY_HTML
    assert html_text(entry.summary) == SUMMARY
    assert entry.author == "Zoë « la boulangère » & fils"
    assert [t.term for t in entry.tags] == ["pain & co", "“levain”"]


def test_json_feed_gives_back_title_text_summary_author_and_tags_exactly(hostile) -> None:
    item = json.loads(hostile.page("feed.json"))["items"][0]
    assert item["title"] == TITLE
    assert item["content_html"] == BODY_HTML
    assert item["summary"] == SUMMARY
    assert item["authors"] == [{"name": "Zoë « la boulangère » & fils"}]
    assert item["tags"] == ["pain & co", "“levain”"]


def html_text(value: str) -> str:
    """What a reader shows of a bit of HTML made of text only."""
    assert "<" not in value
    return html.unescape(value)


CONTROL = {
    # Where the character is, the file's line in the message, and the key.
    "title": ("Title: Pain\x0b de mie\nDate: 2025-04-01 08:00\n\nCorps.\n", 1, "title — "),
    "text": ("Title: Pain\nDate: 2025-04-01 08:00\n\nUn\n\nCorps\x01 caché.\n", 6, ""),
    "testimonial": (
        "Name: Jo\x0c B.\nDate: 2025-04-01 08:00\nConsent: 2025-04-01\n\nBon.\n",
        1,
        "name — ",
    ),
}


@pytest.mark.parametrize("case", sorted(CONTROL))
def test_a_control_character_stops_the_build_with_one_message_naming_the_file(
    case: str, feeds_site, digest, capsys
) -> None:
    site = feeds_site()
    assert main([str(site.settings)]) == 0
    before = digest(site.output)
    capsys.readouterr()

    text, line, key = CONTROL[case]
    folder = "testimonials" if case == "testimonial" else "stories"
    (site.root / "content" / folder / "invisible.md").write_text(text, encoding="utf-8")
    assert main([str(site.settings)]) == 1
    err = capsys.readouterr().err
    where = f"content/{folder}/invisible.md:{line}: {key}"
    assert err.splitlines() == [
        f"{where}Ce texte contient un caractère invisible que les flux ne peuvent pas "
        f"transporter (U+{ord(next(c for c in text if ord(c) < 32 and c != chr(10))):04X})"
        "\u00a0: supprimez-le (retapez les mots qui l’entourent si votre éditeur ne le montre pas).",
        "Échec de la construction (erreurs\u00a0: 1, avertissements\u00a0: 0)\u00a0: le site "
        "précédent reste tel quel.",
    ]
    assert digest(site.output) == before
