"""What the round-trip property test (test_roundtrip_properties.py)
generates, and the small site each example builds with it.

Titles, summaries, tags and testimonial names are drawn from pieces that
have broken out of one context or another somewhere, around a word with
letters; each example writes them into two stories with two tags each and
two testimonials, and builds that site with the kit's real build.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from hypothesis import strategies as st
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from comptoir.core.build import build
from comptoir.core.minimal import minimal_settings

ROOT = Path(__file__).resolve().parents[1]
SITE = "https://b.example"
SITENAME = "Test"
DATES = ("2025-03-01 08:00", "2025-03-02 08:00")

# Pieces that have broken out of one context or another somewhere: markup,
# entities, script and comment ends, CDATA ends, template syntax, URL
# syntax, Markdown syntax, French punctuation, bidi text and controls,
# no-break spaces, emoji sequences.
FRAGMENTS = [
    "<", ">", "&", '"', "'", "`", "/", "\\", "{", "}", "[", "]", "(", ")", "*", "_", "#",
    ":", ";", "!", "?", "«", "»", "’", "</script>", "</SCRIPT ", "<script>", "<!--", "-->",
    "]]>", "<![CDATA[", "<b>", "<img src=x onerror=alert(1)>", 'onload="x"', "javascript:",
    "%", "%20", "%2F", "%zz", "+", "=", "&amp;", "&lt;", "&#39;", "&#x3C;", "&nbsp;",
    "{{ 7*7 }}", "{% raw %}", "{#", "{static}/x", "{filename}", "${x}", "@", "~", "|",
    "\u00a0", "\u202f", "\u200f", "\u202e", "\u200d", "שלום", "مرحبا", "🥖", "👩‍🍳",
    # Line breaks to Unicode but not to a Markdown header (which splits at
    # "\n" only): pasted from word processors; U+2029 and U+0085 once
    # crashed the social card's text layout.
    "\u2028", "\u2029", "\x85",
    "é", "Œuf", "ß", "İ", " ", "pain", "Levain",
]  # fmt: skip
# Any printable character: no control or format character, nothing
# unassigned (the separators and U+0085 come in as FRAGMENTS above).
CHARS = st.characters(categories=("L", "M", "N", "P", "S", "Zs"))
PIECE = st.one_of(st.sampled_from(FRAGMENTS), st.text(CHARS, min_size=1, max_size=4))


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


# Titles and names need a letter: one word with letters goes somewhere among
# the pieces (so no draw is wasted on strings without one).
WORD = st.one_of(
    st.sampled_from(["pain", "Levain", "Œuf", "été", "שלום", "مرحبا", "İ", "ß"]),
    st.text(st.characters(categories=("L",)), min_size=1, max_size=3),
)


def _texts(max_pieces: int = 8, word: st.SearchStrategy[str] = WORD) -> st.SearchStrategy[str]:
    pieces = st.lists(PIECE, max_size=max_pieces // 2)
    return st.tuples(pieces, word, pieces).map(
        lambda parts: ("".join(parts[0]) + parts[1] + "".join(parts[2])).strip()
    )


TEXT = _texts()
# A summary Markdown leaves as it is: it must come back word for word. Any
# other summary must come back the same everywhere (as its rendered text).
INERT_CHARS = "abcdefghijklmnopqrstuvwxyzÉéèçœ 0123456789,.;:?'\"«»/%=@$~^|()’\u00a0\u202f🥖שלום"
INERT = st.text(st.sampled_from(INERT_CHARS), min_size=1, max_size=40).map(
    lambda s: "Pain " + s.strip()
)
SUMMARY = st.one_of(INERT, TEXT)
# "," separates tags; Pelican also splits a tag list on ";" when there is one.
TAG_SUBS = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]


def tag_slug(tag: str) -> str:
    return slugify(tag, regex_subs=TAG_SUBS)


# A tag also needs a letter or digit its address can keep (slugify keeps
# ASCII, and transliterates most scripts).
TAG = (
    _texts(5, st.one_of(WORD, st.text("abcxyz0123456789", min_size=1, max_size=3)))
    .map(lambda s: re.sub(r"[,;]", " ", s).strip())
    .filter(lambda tag: any(char.isalnum() for char in tag_slug(tag)))
)


def is_inert(summary: str) -> bool:
    return summary.startswith("Pain ") and all(c in INERT_CHARS for c in summary[5:])


# --- the site -----------------------------------------------------------------


def story_file(title: str, date: str, summary: str, tags: list[str], quote: str) -> str:
    return (
        f"Title: {title}\nDate: {date}\nSummary: {summary}\nTags: {', '.join(tags)}\n"
        f"Testimonials: {quote}\n\nA body in plain words.\n"
    )


def quote_file(name: str, date: str) -> str:
    return f"Name: {name}\nDate: {date}\nConsent: {date}\n\nTheir own words.\n"


def build_site(
    root: Path,
    lang: str,
    titles: list[str],
    summaries: list[str],
    tags: list[str],
    names: list[str],
) -> Path:
    """Write and build the site in ``root``; its output folder."""
    conf = minimal_settings(str(ROOT / "theme"), SITENAME) + textwrap.dedent(
        f"""
        SITEURL = {SITE!r}
        DEFAULT_LANG = {lang!r}
        """
    )
    (root / "pelicanconf.py").write_text(conf, encoding="utf-8")
    files = {}
    for n in (0, 1):
        files[f"content/stories/s{n}.md"] = story_file(
            titles[n], DATES[n], summaries[n], tags[2 * n : 2 * n + 2], f"q{n}"
        )
        files[f"content/testimonials/q{n}.md"] = quote_file(names[n], DATES[n])
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    # Not strict: length advice (a long title, a short summary) is `check`'s
    # business, not this test's; any error fails.
    result = build(root / "pelicanconf.py", strict=False)
    assert result.ok, [p.format() for p in result.problems]
    return root / "output"
