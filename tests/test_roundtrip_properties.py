"""Property tests: any title, summary, tag or testimonial name an owner writes
comes back exactly from every place the site shows it — HTML text and
attributes, JSON-LD, Atom, RSS, JSON Feed, oEmbed, the embed code and the
share URLs — and never adds an element, an attribute, a script or a comment.

Each example builds one small site with the kit's real build (two stories,
four tags, two testimonials: ten generated strings a build), then reads
the output back with real parsers: html5lib (as a browser tokenizes),
json, feedparser and ElementTree, urllib.parse. The page structure of every
HTML file is compared with a build of the same site written in plain words.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import tempfile
import textwrap
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import feedparser
import html5lib
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from comptoir.core.build import build
from comptoir.core.minimal import minimal_settings

ROOT = Path(__file__).resolve().parents[1]
SITE = "https://b.example"
SITENAME = "Test"
DATES = ("2025-03-01 08:00", "2025-03-02 08:00")
ATOM = "{http://www.w3.org/2005/Atom}"

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
    .filter(tag_slug)
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


# --- reading the output back ----------------------------------------------------


def parse_html(text: str):
    return html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)


def text_of(element) -> str:
    return "".join(element.itertext())


def squash(text: str) -> str:
    return " ".join(text.split())


def squash_ascii(text: str) -> str:
    """Runs of ASCII white space as one space (as HTML shows them); no-break
    spaces are text and stay."""
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip(" ")


def normal(text: str, lang: str) -> str:
    """French typography adds (no-break) spaces and turns ' into ’: compare
    French text without any spaces and with straight apostrophes."""
    if lang != "fr":
        return text
    return "".join(text.split()).replace("’", "'")


def signature(tree) -> list[tuple[str, tuple[str, ...]]]:
    """Every element and comment, with its attribute names, in order."""
    return [
        (el.tag if isinstance(el.tag, str) else "#comment", tuple(sorted(el.attrib)))
        for el in tree.iter()
    ]


UNSAFE_SCHEME = re.compile(r"^(?:javascript|vbscript|data):", re.I)
OWN_SCRIPT = re.compile(re.escape(SITE) + r"/theme/js/[\w.-]+\.js$")


def assert_nothing_breaks_out(path: Path, tree, raw: str) -> None:
    """No event handler, no script but ours, no unsafe URL; JSON-LD that parses."""
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (path, el.tag, name)
            if name in ("href", "src", "action", "formaction", "srcset", "poster"):
                assert not UNSAFE_SCHEME.match(re.sub(r"[\s\x00-\x1f]", "", value)), (path, value)
        if el.tag == "script":
            if el.get("type") == "application/ld+json":
                body = el.text or ""
                assert "</script" not in body.lower() and "<!--" not in body, path
                json.loads(body)
            else:
                assert OWN_SCRIPT.match(el.get("src", "")) and not el.text, (path, el.attrib)
    # The raw bytes agree: every <script the tokenizer saw is one we wrote.
    assert len(re.findall(r"<script\b", raw, re.I)) == sum(
        1 for el in tree.iter() if el.tag == "script"
    ), path


def page_key(path: Path, output: Path, tag_slugs: set[str]) -> str:
    """The page's address with tag slugs made generic, to pair it with the plain build's."""
    parts = ["<tag>" if p in tag_slugs else p for p in path.relative_to(output).parts]
    return "/".join(parts)


def site_shape(output: Path, tag_slugs: set[str]) -> dict[str, list]:
    """Every HTML page's structure, after checking it lets nothing out."""
    shapes: dict[str, list] = defaultdict(list)
    for path in sorted(output.rglob("*.html")):
        raw = path.read_text(encoding="utf-8")
        tree = parse_html(raw)
        assert_nothing_breaks_out(path, tree, raw)
        shapes[page_key(path, output, tag_slugs)].append(signature(tree))
    return {key: sorted(value) for key, value in shapes.items()}


PLAIN = {
    "titles": ["Plain title one", "Plain title two"],
    "tags": ["alpha", "beta", "gamma", "delta"],
    "names": ["Anne", "Bruno"],
}
# A summary that the safety filter empties leaves no summary paragraph on
# cards: the plain build empties the same ones, in the same way.
PLAIN_SUMMARIES = ("Pain plain summary one", "Pain plain summary two")
EMPTIED = "<script>alert(1)</script>"


@functools.cache
def plain_shape(lang: str, emptied: tuple[bool, bool]) -> dict[str, list]:
    """The structure of the same site written in plain words (built once a
    language and set of emptied summaries)."""
    summaries = [
        EMPTIED if gone else text for gone, text in zip(emptied, PLAIN_SUMMARIES, strict=True)
    ]
    with tempfile.TemporaryDirectory(prefix="roundtrip-") as tmp:
        output = build_site(Path(tmp), lang, summaries=summaries, **PLAIN)
        return site_shape(output, set(PLAIN["tags"]))


def feed_entries(path: Path) -> tuple[feedparser.FeedParserDict, ET.Element]:
    data = path.read_bytes()
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
    return parsed, ET.fromstring(data)


# C1 controls as feedparser reads them: the Windows-1252 characters.
CP1252 = {
    c: bytes([c]).decode("cp1252") for c in range(0x80, 0xA0) if c not in b"\x81\x8d\x8f\x90\x9d"
}


def as_feedparser_reads(text: str) -> str:
    """feedparser "repairs" text that looks like UTF-8 read as Latin-1 ("Ã©"
    -> "é", so "Í»" comes back as "ͻ") and reads U+0085 as "…": a reader's
    guesses, not our output (ElementTree checks that exactly). It also strips
    the ends."""
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        text = text.encode("iso-8859-1").decode("utf-8")
    return text.translate(CP1252).strip()


def plain_fragment(fragment: str) -> str:
    """The text of an HTML fragment that must be text only (no element)."""
    tree = html5lib.parseFragment(fragment, treebuilder="etree", namespaceHTMLElements=False)
    assert not [el for el in tree.iter() if el is not tree], fragment
    return text_of(tree)


def share_values(href: str) -> list[str]:
    """The decoded parameter values of a share link (RFC 6068 for mailto)."""
    parts = urlsplit(href)
    assert parts.scheme in ("https", "mailto"), href
    assert not parts.fragment, href
    if parts.scheme == "mailto":
        assert parts.path == "", href
        return [unquote(pair.partition("=")[2], errors="strict") for pair in parts.query.split("&")]
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True, errors="strict")
    assert all(len(v) == 1 for v in query.values()), href
    return [v[0] for v in query.values()]


# --- the property ------------------------------------------------------------------


def check_story(
    output: Path, lang: str, n: int, title: str, summary: str, tags: list[str], name: str
) -> tuple[str, str]:
    """Story ``s<n>``'s page, tag pages, embed code and oEmbed; returns its
    address and its summary as the page shows it."""

    def eq(shown: str, written: str) -> bool:
        return normal(shown, lang) == normal(written, lang)

    (path,) = [p for p in output.rglob(f"s{n}/index.html") if "embed" not in p.parts]
    url = f"{SITE}/{path.parent.relative_to(output).as_posix()}/"
    tree = parse_html(path.read_text(encoding="utf-8"))
    head = tree.find("head")

    assert eq(text_of(head.find("title")), f"{title} · {SITENAME}")
    (h1,) = tree.findall(".//article//h1")
    assert eq(text_of(h1), title)
    metas = {}
    for meta in head.iter("meta"):
        key = meta.get("name") or meta.get("property")
        metas.setdefault(key, []).append(meta.get("content"))
    for key in ("og:title", "og:image:alt"):
        assert metas[key] == [metas[key][0]] and eq(metas[key][0], title), key
    (description,) = metas["description"]
    assert metas["og:description"] == [description]
    # The summary's text: compared with white space runs as one space, as
    # each output collapses it its own way (no-break spaces included).
    shown = squash(description)
    if is_inert(summary):
        assert eq(shown, squash(summary)), (shown, summary)
    assert metas["article:tag"] == tags
    (oembed,) = head.findall(".//link[@type='application/json+oembed']")
    assert eq(oembed.get("title"), title)

    # JSON-LD: the page, the breadcrumb's last step and the story itself.
    (ld,) = [s for s in tree.iter("script") if s.get("type") == "application/ld+json"]
    nodes = {node["@type"]: node for node in json.loads(ld.text)["@graph"]}
    assert eq(nodes["WebPage"]["name"], title)
    assert eq(nodes["BreadcrumbList"]["itemListElement"][-1]["name"], title)
    posting = nodes["BlogPosting"]
    assert eq(posting["headline"], title)
    # (None if the safety filter emptied the summary. The meta description
    # turns no-break spaces into spaces; JSON-LD keeps them.)
    assert squash(posting.get("description", "")) == shown, (posting.get("description"), shown)
    assert posting["keywords"] == ", ".join(tags)

    # Tags link to their pages, each titled with the tag.
    (tag_row,) = [p for p in tree.iter("p") if p.get("class") == "tags"]
    links = tag_row.findall("a")
    assert [text_of(a) for a in links] == tags
    for tag, a in zip(tags, links, strict=True):
        assert a.get("href") == f"{SITE}/{urlsplit(a.get('href')).path.lstrip('/')}"
        tag_page = output / urlsplit(a.get("href")).path.lstrip("/") / "index.html"
        tag_tree = parse_html(tag_page.read_text(encoding="utf-8"))
        assert tag in text_of(tag_tree.find(".//h1"))
        assert tag in text_of(tag_tree.find(".//title"))
        cards = [text_of(h) for h in tag_tree.iter("h2") if h.get("class") == "card__title"]
        assert [normal(c, lang) for c in cards] == [normal(title, lang)]
        # Its feeds are named after it, and the list of all tags links to it.
        for feed in ("atom.xml", "rss.xml"):
            channel = ET.parse(tag_page.parent / feed).getroot()
            named = channel.findtext(f"{ATOM}title") or channel.findtext("channel/title")
            assert normal(named, lang).endswith(normal(tag, lang)), (named, tag)
        every = parse_html((tag_page.parent.parent / "index.html").read_text(encoding="utf-8"))
        assert (tag, a.get("href")) in [(text_of(x), x.get("href")) for x in every.iter("a")]

    # The testimonial it names, by its name.
    names = [text_of(s) for s in tree.iter("span") if s.get("class") == "testimonial__name"]
    assert [normal(x, lang) for x in names] == [normal(name, lang)]

    # Share links: https or mailto, each value decoding to the title and/or address.
    (share,) = [s for s in tree.iter("section") if s.get("class") == "share"]
    assert eq(share.get("data-share-title"), title)
    assert share.get("data-share-url") == url
    hrefs = [a.get("href") for a in share.iter("a")]
    assert len(hrefs) >= 8
    for href in hrefs:
        for value in share_values(href):
            assert value == url or eq(value, title) or eq(value, f"{title} {url}"), (href, value)
    assert any(eq(v, title) for href in hrefs for v in share_values(href))

    # The embed code is HTML as text: read as HTML, it gives the title back.
    (code,) = [t for t in tree.iter("textarea") if "embed-code__text" in t.get("class", "")]
    snippet = html5lib.parseFragment(
        text_of(code), treebuilder="etree", namespaceHTMLElements=False
    )
    # The title's link, the summary (if any is left), the link home, the script.
    paragraphs = ["p", "a", "p"] if shown else ["p", "a"]
    tags_seen = [str(el.tag) for el in snippet.iter()][1:]
    assert tags_seen == ["blockquote", *paragraphs, "p", "a", "script"], tags_seen
    quote = snippet.find("blockquote")
    assert eq(quote.get("data-title"), squash_ascii(f"{title} — {SITENAME}"))
    assert eq(text_of(quote.find("p/a")), squash_ascii(title))
    if shown:
        assert squash(text_of(quote.findall("p")[1])) == shown

    # oEmbed: the title, and an iframe whose title attribute is the title.
    (oembed_file,) = [p for p in output.rglob(f"embed/*/s{n}/oembed.json")]
    data = json.loads(oembed_file.read_text(encoding="utf-8"))
    assert eq(data["title"], title)
    frame = html5lib.parseFragment(data["html"], treebuilder="etree", namespaceHTMLElements=False)
    assert [str(el.tag) for el in frame.iter()][1:] == ["iframe"]
    assert eq(frame.find("iframe").get("title"), f"{title} — {SITENAME}")
    return url, shown


def check_feeds(
    output: Path, lang: str, stories: dict[str, tuple[str, str, list[str]]], names: list[str]
) -> None:
    """Atom and RSS (feedparser and ElementTree agree), and the JSON Feed;
    ``stories`` maps each story's address to (title, summary as shown, tags)."""

    def eq(shown: str, written: str) -> bool:
        return normal(shown, lang) == normal(written, lang)

    seen = defaultdict(int)
    feeds = [p for p in output.rglob("*.xml") if p.name in ("atom.xml", "rss.xml")]
    assert len(feeds) >= 12, feeds
    for path in feeds:
        parsed, root = feed_entries(path)
        xml_items = root.findall(f"{ATOM}entry") or root.findall("channel/item")
        assert len(parsed.entries) == len(xml_items), path
        for entry, item in zip(parsed.entries, xml_items, strict=True):
            title = item.findtext(f"{ATOM}title") or item.findtext("title")
            assert entry.title == as_feedparser_reads(title), path
            link = entry.link
            if link in stories:
                wanted, shown, tags = stories[link]
                seen[link] += 1
                assert eq(title, wanted), (path, title, wanted)
                summary = item.findtext(f"{ATOM}summary") or item.findtext("description")
                if shown:  # (else the feed shows the beginning of the text)
                    assert squash(plain_fragment(summary)) == shown, (path, summary, shown)
                # (feedparser maps an RSS category's text, not an Atom term.)
                terms = [as_feedparser_reads(t.term) for t in entry.tags]
                assert terms == [as_feedparser_reads(t) for t in tags], path
                terms = [c.get("term") for c in item.iter(f"{ATOM}category")]
                assert (terms or [c.text for c in item.iter("category")]) == tags, path
            else:
                # A testimonial: its author is the customer, by name.
                author = item.findtext(f"{ATOM}author/{ATOM}name") or item.findtext(
                    "{http://purl.org/dc/elements/1.1/}creator"
                )
                assert any(eq(author, x) for x in names), (path, author)
                assert any(normal(title, lang).endswith(normal(x, lang)) for x in names)
    # Each story is in the site, section and both of its tags' feeds, twice each.
    assert all(seen[link] >= 6 for link in stories), seen

    data = json.loads((output / "feed.json").read_text(encoding="utf-8"))
    by_url = {item["url"]: item for item in data["items"]}
    for link, (wanted, shown, tags) in stories.items():
        assert eq(by_url[link]["title"], wanted)
        assert squash(by_url[link].get("summary") or "") == shown
        assert by_url[link]["tags"] == tags


def check_testimonials(output: Path, lang: str, names: list[str]) -> None:
    """The wall, each testimonial's card, oEmbed and embed code, by name."""
    (wall,) = [
        p
        for p in output.rglob("index.html")
        if p.parent.name in ("testimonials", "temoignages") and "embed" not in p.parts
    ]
    tree = parse_html(wall.read_text(encoding="utf-8"))
    shown = [text_of(s) for s in tree.iter("span") if s.get("class") == "testimonial__name"]
    assert sorted(normal(x, lang) for x in shown) == sorted(normal(x, lang) for x in names)
    codes = {
        t.get("id").rsplit("-", 1)[-1]: t
        for t in tree.iter("textarea")
        if "embed-code__text" in t.get("class", "")
    }
    assert sorted(codes) == [f"q{n}" for n in range(len(names))]
    for n, name in enumerate(names):
        written = normal(squash_ascii(name), lang)
        (card,) = [p for p in output.rglob(f"embed/*/q{n}/index.html")]
        who = parse_html(card.read_text(encoding="utf-8")).find(".//figcaption/strong")
        assert normal(text_of(who), lang) == normal(name, lang)
        (oembed,) = [p for p in output.rglob(f"embed/*/q{n}/oembed.json")]
        data = json.loads(oembed.read_text(encoding="utf-8"))
        assert normal(data["author_name"], lang) == normal(name, lang)
        assert normal(data["title"], lang).endswith(normal(name, lang))
        snippet = html5lib.parseFragment(
            text_of(codes[f"q{n}"]), treebuilder="etree", namespaceHTMLElements=False
        )
        tags_seen = [str(el.tag) for el in snippet.iter()][1:]
        assert tags_seen == ["blockquote", "p", "p", "a", "script"], tags_seen
        quote = snippet.find("blockquote")
        assert normal(quote.get("data-title"), lang).endswith(written + normal(" — Test", lang))
        assert written in normal(text_of(quote), lang)


DANGER = [
    "</script><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "]]><x>",
    "{{ 7*7 }}",
    "{% raw %}",
    "javascript:alert(1)",
]


# CI sees the same 30 generated examples every run (derandomize): a landing
# must not hang on which strings chance picked. To look for new failures,
# run with COMPTOIR_EXPLORE=1 (random, 300 examples), then pin what it finds
# as an @example below.
EXPLORE = os.environ.get("COMPTOIR_EXPLORE") == "1"


# No shrinking: one example is a whole build (about a second), so shrinking a
# failure takes Hypothesis's full five minutes; the failing example it prints
# is short already (seven strings of a few pieces).
@settings(
    max_examples=300 if EXPLORE else 30,
    derandomize=not EXPLORE,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    lang=st.sampled_from(["en", "fr"]),
    titles=st.lists(TEXT, min_size=2, max_size=2, unique=True),
    summaries=st.lists(SUMMARY, min_size=2, max_size=2),
    tags=st.lists(TAG, min_size=4, max_size=4, unique_by=tag_slug),
    names=st.lists(TEXT, min_size=2, max_size=2),
)
@example(
    lang="en",
    titles=[DANGER[0], DANGER[1]],
    summaries=[DANGER[2] + " " + DANGER[5], DANGER[3] + " " + DANGER[4]],
    tags=[f"{c}{d}" for c, d in zip("abcd", DANGER[:4], strict=True)],
    names=[DANGER[5], DANGER[2]],
)
@example(
    lang="fr",
    titles=[f"{DANGER[3]} {DANGER[4]} : l'été !", "javascript:alert(1) « ]]><x> »"],
    summaries=[DANGER[0], DANGER[1] + " [x](javascript:alert(1))"],
    tags=[f"{c}{d}" for c, d in zip("abcd", DANGER[2:], strict=True)],
    names=[DANGER[0], DANGER[1]],
)
@example(
    lang="fr",
    titles=["Pain\u2029de mie", "Pain\x85 « bio » ! \u2028x"],
    summaries=["Pain\u2028de mie &amp; co", "&lt;b&gt; l'été"],
    tags=["pain\u2029bio", "b\x85c", "l'été", "d"],
    names=["Anne\u2029B.", "Bruno\x85C."],
)
# Found in CI: U+2028 inside a tag, before a colon, read as a new header line.
@example(
    lang="fr",
    titles=["È뉲A㣌\u200dtueÈĥ&#x3C;ð<", "<![CDATA[÷±øVİ<b>"],
    summaries=["Pain u", "שלום"],
    tags=["שלוםܙ", "ķ*\u2028ß:*", "457:", "{{ 7*7 }}ß"],
    names=["å§êLevainĔ¯7Pø", 'x𐛻¦Ă~=Üⵖµ晔onload="x"'],
)
def test_any_text_round_trips_and_nothing_breaks_out(
    lang: str, titles: list[str], summaries: list[str], tags: list[str], names: list[str]
) -> None:
    with tempfile.TemporaryDirectory(prefix="roundtrip-") as tmp:
        output = build_site(Path(tmp), lang, titles, summaries, tags, names)
        stories = {}
        for n in (0, 1):
            mine = tags[2 * n : 2 * n + 2]
            url, shown = check_story(output, lang, n, titles[n], summaries[n], mine, names[n])
            stories[url] = (titles[n], shown, mine)
        check_feeds(output, lang, stories, names)
        check_testimonials(output, lang, names)
        # Same elements, attributes, scripts and comments as in plain words.
        emptied = tuple(not shown for _, shown, _ in stories.values())
        assert site_shape(output, {tag_slug(t) for t in tags}) == plain_shape(lang, emptied)
