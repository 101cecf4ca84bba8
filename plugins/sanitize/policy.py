"""The allow-list: what a content file's HTML may contain, and nothing else.

It is exactly what the kit's own Markdown emits (pictures, steps, footnotes,
tables of contents, abbreviations, tables, code blocks) plus the plain
formatting tags an owner may write by hand. Every attribute not listed is
dropped, so ``attr_list`` can add ``class`` and ``id`` but never ``onclick``
or ``style``; links keep only the schemes below (or a relative address).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "picture",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "source",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
    ]
)
# Removed with everything inside them (the rest keep their text).
DROPPED = frozenset(
    ["script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"]
)
GENERIC = frozenset({"class", "id", "title", "lang", "dir"})
ATTRIBUTES = {
    "*": set(GENERIC),
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "source": {"srcset", "sizes", "type", "media", "width", "height"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "col": {"span"},
    "colgroup": {"span"},
    # Markdown writes a table column's alignment as style="text-align: …".
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
}
STYLE_PROPERTIES = {"text-align"}
SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
# What a browser ignores in a URL before reading its scheme.
_IGNORED = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def clean(html: str) -> str:
    """``html`` with everything outside the allow-list removed."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        # The owner's links stay as written (no target=_blank is ever added).
        link_rel=None,
    ).replace("&nbsp;", "\u00a0")  # as typography wrote it (same character)


def scheme_of(url: str) -> str | None:
    """The scheme a browser would read in ``url`` (entities already decoded)."""
    found = _SCHEME.match(_IGNORED.sub("", url).lower())
    return found.group(1) if found else None


class _Finder(HTMLParser):
    """Lists what :func:`clean` removes: ``(kind, name)`` pairs, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._inside: list[str] = []  # open dropped elements: their content goes too

    def _add(self, kind: str, name: str) -> None:
        if (kind, name) not in self.found:
            self.found.append((kind, name))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._inside:
            self._inside.append(tag)
            return
        if tag not in TAGS:
            self._add("element", tag)
            if tag in DROPPED:
                self._inside.append(tag)
            return
        allowed = GENERIC | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self._add("attribute", name)
            elif name in URL_ATTRIBUTES and value:
                scheme = scheme_of(value)
                if scheme and scheme not in SCHEMES:
                    self._add("link", scheme)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self._inside and tag not in DROPPED:
            self._inside.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._inside:
            while self._inside.pop() != tag:
                pass


def removed(html: str) -> list[tuple[str, str]]:
    """What :func:`clean` would take out of ``html``: elements, attributes, links."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found
