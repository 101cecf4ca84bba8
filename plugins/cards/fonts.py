"""The card fonts without their hinting instructions, for drawing.

Why: FreeType runs a TrueType font's hinting program for every glyph it
draws (``TT_RunIns``), and Pillow cannot tell it not to. At a card's sizes
(26 to 68 px) hinting changes nothing one can see, yet it was half the time
of drawing a title: a whole card took 3.5 ms of CPU with Lato as shipped,
2.8 ms without its hinting (20 % of every cold build's cards).

fontTools' subsetter drops hinting properly, TrueType instructions and CFF
hints alike, and keeps every glyph, feature and name: a font rewriter of
our own would have to know both formats. The copy is made once per font
file and kept in the cards' cache.
"""

from __future__ import annotations

from pathlib import Path

from comptoir.core.artefacts import atomic_write


def unhinted(source: str, target: Path) -> bool:
    """Write ``source`` without hinting to ``target``; False (and nothing
    written) when fontTools cannot read the font: the cards then use it as
    it is, only slower."""
    # Imported here: only a build that draws cards with a font not yet
    # rewritten needs it (0.08 s).
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.hinting = False
    options.layout_features = ["*"]  # ligatures and kerning, as the font has them
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.glyph_names = True
    options.legacy_kern = True  # Pillow's basic layout reads the kern table
    options.notdef_outline = True  # what a missing character is compared to
    options.recalc_timestamp = False
    try:
        font = TTFont(source, recalcTimestamp=False, lazy=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(glyphs=font.getGlyphOrder())
        subsetter.subset(font)
        atomic_write(target, font.save)
    except Exception:  # fontTools raises many kinds on a font it cannot read
        return False
    return True
