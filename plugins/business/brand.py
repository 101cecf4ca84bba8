"""Brand colours: checked against WCAG contrast, with a dark-mode twin.

WCAG 2.2 AA asks 4.5:1 for body text. The owner picks colours for the light
theme; the dark theme's accent is derived by lightening the brand colour until
it reads on the dark background, so owners need not pick two palettes.
"""

from __future__ import annotations

import re

DARK_BACKGROUND = "#17120f"
DARK_TEXT = "#f2ebe4"
AA = 4.5
# Cards and panels are the background tinted with 6 % of the brand colour
# (--surface in site.css): text must read on those too.
SURFACE_MIX = 0.06
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


def is_colour(value: object) -> bool:
    return isinstance(value, str) and bool(_HEX.match(value))


def rgb(colour: str) -> tuple[int, int, int]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(colour: str, other: str, amount: float) -> str:
    pairs = zip(rgb(colour), rgb(other), strict=True)
    return "#" + "".join(f"{round(a + (b - a) * amount):02x}" for a, b in pairs)


def surface(background: str, primary: str) -> str:
    return mix(background, primary, SURFACE_MIX)


def readable_on(colour: str, background: str) -> str:
    """``colour`` moved towards white or black just enough to reach AA on
    ``background`` and on surfaces tinted with the result itself."""
    target = "#ffffff" if luminance(background) < 0.5 else "#000000"
    for step in range(0, 101, 2):
        candidate = mix(colour, target, step / 100)
        backs = (background, surface(background, candidate))
        if all(contrast(candidate, back) >= AA for back in backs):
            return candidate
    return target


def contrast_failures(brand: dict[str, str]) -> list[tuple[str, str, float]]:
    """The pairs of the owner's colours that read badly: (name, name, ratio)."""
    pairs = [("text", "background"), ("primary", "background"), ("on_primary", "primary")]
    failures = []
    for fore, back in pairs:
        backs = [brand[back]]
        if back == "background":
            backs.append(surface(brand["background"], brand["primary"]))
        ratio = min(contrast(brand[fore], colour) for colour in backs)
        if ratio < AA:
            failures.append((fore, back, ratio))
    return failures


def palette(brand: dict[str, str]) -> dict[str, str]:
    """CSS custom properties for light and dark themes."""
    return {
        "primary": brand["primary"],
        "on_primary": brand["on_primary"],
        "background": brand["background"],
        "text": brand["text"],
        "dark_background": DARK_BACKGROUND,
        "dark_text": DARK_TEXT,
        "dark_primary": readable_on(brand["primary"], DARK_BACKGROUND),
    }
