"""Fitting a title into a box: the largest size at which it wraps into the
lines available, breaking long words where a reader would accept it.

French titles keep their no-break spaces (before « ; : ! ? », inside
guillemets): a line never breaks there. A word wider than the box (a long
compound, « anticonstitutionnellement ») breaks after one of its own hyphens
first, else with an added hyphen at the last letter that fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

ELLIPSIS = "…"


class Font(Protocol):
    def getlength(self, text: str) -> float: ...


@dataclass(frozen=True)
class Fitted:
    size: int
    lines: tuple[str, ...]


def _pieces(word: str, font: Font, width: float) -> list[str]:
    """``word`` cut into pieces that each fit ``width``."""
    pieces: list[str] = []
    current = ""
    # Segments end after the word's own hyphens: "Saint-", "Jean-", "de-", "Luz".
    for segment in re.findall(r"[^-]+-*|-+", word):
        if font.getlength(current + segment) <= width:
            current += segment
            continue
        if current:
            pieces.append(current)
            current = ""
        while font.getlength(segment) > width:
            cut = len(segment) - 1
            while cut > 1 and font.getlength(segment[:cut] + "-") > width:
                cut -= 1
            pieces.append(segment[:cut] + "-")
            segment = segment[cut:]
        current = segment
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, font: Font, width: float) -> list[str]:
    """Greedy wrapping at ordinary spaces only."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if not word:
            continue
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        pieces = _pieces(word, font, width)
        lines.extend(pieces[:-1])
        line = pieces[-1]
    if line:
        lines.append(line)
    return lines


def _shorten(line: str, font: Font, width: float) -> str:
    """``line`` cut at a word (else a letter) so that it ends with … and fits."""
    words = line.split(" ")
    while len(words) > 1 and font.getlength(" ".join(words) + ELLIPSIS) > width:
        words.pop()
    line = " ".join(words)
    while line and font.getlength(line + ELLIPSIS) > width:
        line = line[:-1]
    return line.rstrip(" ,;:-\u00a0\u202f") + ELLIPSIS


def fit(text: str, fonts: dict[int, Font], width: float, height: float, leading: float) -> Fitted:
    """The largest of ``fonts`` (size -> font) at which ``text`` fits in
    ``width`` × ``height``; at the smallest size, the last line that fits ends
    with an ellipsis."""
    text = " ".join(text.replace("\u2011", "-").split(" "))
    # Every line break Unicode has (the text layout engine fails on U+0085
    # and U+2029, which text pasted from a word processor may hold).
    text = re.sub(r"[\t\n\r\f\v\x1c-\x1e\x85\u2028\u2029]+", " ", text).strip()
    sizes = sorted(fonts, reverse=True)
    for size in sizes:
        lines = wrap(text, fonts[size], width)
        if len(lines) * size * leading <= height:
            return Fitted(size, tuple(lines))
    size = sizes[-1]
    room = max(1, int(height // (size * leading)))
    lines = wrap(text, fonts[size], width)
    kept = lines[:room]
    kept[-1] = _shorten(" ".join(lines[room - 1 :]), fonts[size], width)
    return Fitted(size, tuple(kept))
