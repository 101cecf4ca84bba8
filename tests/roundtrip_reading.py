"""How the round-trip property test reads a built site back, with real
parsers: html5lib (as a browser tokenizes), json, feedparser and
ElementTree, urllib.parse; and the structure of every HTML page, checked
to let nothing out and compared with a build of the same site written in
plain words.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import feedparser
import html5lib

from tests.roundtrip_site import SITE, build_site

ATOM = "{http://www.w3.org/2005/Atom}"


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
