"""French typography on rendered HTML text, never inside code or URLs.

Rules (Imprimerie nationale usage, as French readers expect on screen):
narrow no-break space (U+202F) before ; ! ? and inside « », no-break space
(U+00A0) before : and between a number and its unit (280 °C, 500 g), and the
typographic apostrophe ’ in words.

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
_APOSTROPHE = re.compile(r"(?<=\w)'(?=[\w«])")
# Spaces (any kind) before ; ! ? become one narrow no-break space; a missing
# space after a word is added. Runs like ?! stay together.
_HIGH_PUNCT = re.compile(r"(?<=[\w»\)\]…’\"])[ \u00a0\u202f]*([;!?]+)(?=\s|$|[»)\]<\"'])")
_SPACED_HIGH = re.compile(r"[ \u00a0\u202f]+([;!?]+)")
# A colon after a word and followed by a space (not 10:30, not http:).
_COLON = re.compile(r"(?<=[\w»\)\]…’.%€])[ \u00a0\u202f]*:(?=\s|$)")
# A number and its unit stay on one line: "280 °C", "500 g", "45 min", "20 %".
_UNIT = r"(?:°[CF]|°|%|€|kcal|cal|kg|mg|g|cl|dl|ml|mL|l|L|km|cm|mm|m|min|h|s|kW|W)"
_NUMBER_UNIT = re.compile(rf"(?<=\d)[ \u00a0\u202f]+(?={_UNIT}(?!\w))")
_OPEN_GUILLEMET = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE_GUILLEMET = re.compile(r"[ \u00a0\u202f]*»")


# Characters the rules act on, and those that may start a protected token.
_TRIGGERS = re.compile(r"['’;:!?«»]|\d[ \u00a0\u202f]")
_MAYBE_PROTECTED = re.compile(r"[/@&]|www\.")
_DIGIT = re.compile(r"\d")


def french_text(text: str) -> str:
    """Apply the rules to plain text (a title, a summary without markup)."""
    # Fast paths: most text runs have nothing to change or nothing to protect.
    if not _TRIGGERS.search(text):
        return text
    if not _MAYBE_PROTECTED.search(text):
        return _rules(text)
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
    # Each rule only where its character is: a substring test costs little
    # next to a pattern tried at every position (a third of reading a story).
    if "'" in text:
        text = _APOSTROPHE.sub("’", text)
    if ";" in text or "!" in text or "?" in text:
        text = _SPACED_HIGH.sub(NNBSP + r"\1", text)
        text = _HIGH_PUNCT.sub(NNBSP + r"\1", text)
    if ":" in text:
        text = _COLON.sub(NBSP + ":", text)
    if _DIGIT.search(text):
        text = _NUMBER_UNIT.sub(NBSP, text)
    if "«" in text:
        text = _OPEN_GUILLEMET.sub("«" + NNBSP, text)
    if "»" in text:
        text = _CLOSE_GUILLEMET.sub(NNBSP + "»", text)
    return text


# Text runs separated only by these tags are one sentence: "d'<em>abord</em>",
# "<strong>vrai</strong> !" and "**Prix** : 3 €" need the letters on both sides.
INLINE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "dfn",
        "em",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
    }
)


class _Tokenizer(HTMLParser):
    """Split HTML into text runs (to typeset) and everything else (verbatim).

    ``tokens`` holds ``[kind, text]`` pairs: ``"text"`` (typeset), ``"code"``
    (text of code, pre and friends: never changed, but its letters are
    context for its neighbours), ``"inline"`` (an inline tag: the sentence
    goes on across it) or ``"break"`` (anything else: the sentence stops).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tokens: list[list[str]] = []
        self.skip_depth = 0

    def _add(self, kind: str, text: str) -> None:
        if kind == "text" and self.skip_depth:
            kind = "code"
        if kind in ("text", "code") and self.tokens and self.tokens[-1][0] == kind:
            self.tokens[-1][1] += text
        else:
            self.tokens.append([kind, text])

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._add("inline" if tag in INLINE_TAGS else "break", self.get_starttag_text() or "")
        if tag in SKIP_TAGS and tag not in VOID_TAGS:
            self.skip_depth += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._add("break", self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self._add("inline" if tag in INLINE_TAGS else "break", f"</{tag}>")
        if tag in SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data: str) -> None:
        self._add("text", data)

    # Entities stay as written but belong to the surrounding text run, so
    # "&laquo; mot &raquo;" is not split from its words.
    def handle_entityref(self, name: str) -> None:
        self._add("text", f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._add("text", f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self._add("break", f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._add("break", f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self._add("break", f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self._add("break", f"<![{data}]>")


def _edge(text: str, last: bool) -> str:
    """One character of context from a neighbouring run (none from an entity)."""
    if not text:
        return ""
    char = text[-1] if last else text[0]
    return "" if (char == ";" and last and "&" in text) or (char == "&" and not last) else char


def french_html(html: str) -> str:
    """Apply the rules to every text node of an HTML fragment.

    Each run is typeset with one character of its neighbours (across inline
    tags only) on each side, then those characters are cut off again: the
    rules see whole sentences, and tags are never moved or touched.
    """
    parser = _Tokenizer()
    parser.feed(html)
    parser.close()
    tokens = parser.tokens
    out: list[str] = []
    previous = ""  # the last typeset text of the current sentence
    for index, (kind, text) in enumerate(tokens):
        if kind != "text":
            out.append(text)
            if kind == "break":
                previous = ""
            elif kind == "code":
                previous = text
            continue
        following = ""
        for later_kind, later_text in tokens[index + 1 :]:
            if later_kind in ("text", "code"):
                following = later_text
                break
            if later_kind == "break":
                break
        before, after = _edge(previous, last=True), _edge(following, last=False)
        typeset = french_text(before + text + after)
        typeset = typeset[len(before) : len(typeset) - len(after)]
        out.append(typeset)
        previous = typeset
    return "".join(out)
