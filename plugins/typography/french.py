"""French typography on rendered HTML text, never inside code or URLs.

Rules (Imprimerie nationale usage, as French readers expect on screen):
narrow no-break space (U+202F) before ; ! ? and inside « », no-break space
(U+00A0) before :, and the typographic apostrophe ’ in words.

Only text nodes change: tags and attributes are copied byte for byte, and
text inside code, pre, kbd, samp, var, script, style and textarea is left
alone, as are words that look like URLs, e-mail addresses or times.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

NNBSP = "\u202f"
NBSP = "\u00a0"
SKIP_TAGS = frozenset({"code", "pre", "kbd", "samp", "var", "script", "style", "textarea"})
VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)

# A "protected" token — URL, e-mail address, HTML entity — is never touched.
_PROTECTED = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S+|\S+@\S+\.\S+|&#?\w+;", re.I)
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
# Spaces (any kind) before ; ! ? become one narrow no-break space; a missing
# space after a word is added. Runs like ?! stay together.
_HIGH_PUNCT = re.compile(r"(?<=[\w»\)\]…’\"])[ \u00a0\u202f]*([;!?]+)(?=\s|$|[»)\]<\"'])")
_SPACED_HIGH = re.compile(r"[ \u00a0\u202f]+([;!?]+)")
# A colon after a word and followed by a space (not 10:30, not http:).
_COLON = re.compile(r"(?<=[\w»\)\]…’])[ \u00a0\u202f]*:(?=\s|$)")
_OPEN_GUILLEMET = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE_GUILLEMET = re.compile(r"[ \u00a0\u202f]*»")


def french_text(text: str) -> str:
    """Apply the rules to plain text (a title, a summary without markup)."""
    out = []
    last = 0
    for match in _PROTECTED.finditer(text):
        out.append(_rules(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_rules(text[last:]))
    return "".join(out)


def _rules(text: str) -> str:
    if not text:
        return text
    text = _APOSTROPHE.sub("’", text)
    text = _SPACED_HIGH.sub(NNBSP + r"\1", text)
    text = _HIGH_PUNCT.sub(NNBSP + r"\1", text)
    text = _COLON.sub(NBSP + ":", text)
    text = _OPEN_GUILLEMET.sub("«" + NNBSP, text)
    text = _CLOSE_GUILLEMET.sub(NNBSP + "»", text)
    return text


class _Typographer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skip_depth = 0
        self.pending: list[str] = []

    def _flush(self) -> None:
        if self.pending:
            text = "".join(self.pending)
            self.out.append(text if self.skip_depth else french_text(text))
            self.pending = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._flush()
        self.out.append(self.get_starttag_text() or "")
        if tag in SKIP_TAGS and tag not in VOID_TAGS:
            self.skip_depth += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._flush()
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        self.out.append(f"</{tag}>")
        if tag in SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data: str) -> None:
        self.pending.append(data)

    # Entities stay as written but belong to the surrounding text run, so
    # "&laquo; mot &raquo;" is not split from its words.
    def handle_entityref(self, name: str) -> None:
        self.pending.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.pending.append(f"&#{name};")

    def _raw(self, text: str) -> None:
        self._flush()
        self.out.append(text)

    def handle_comment(self, data: str) -> None:
        self._raw(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._raw(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self._raw(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self._raw(f"<![{data}]>")


def french_html(html: str) -> str:
    """Apply the rules to every text node of an HTML fragment."""
    parser = _Typographer()
    parser.feed(html)
    parser.close()
    parser._flush()
    return "".join(parser.out)
