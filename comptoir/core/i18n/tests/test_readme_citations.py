"""Every README section a message sends the owner to exists, in every language."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from comptoir.core.i18n.language import KIT_LOCALE_DIR, SUPPORTED

ROOT = Path(__file__).resolve().parents[4]
SPACE = "[ \u00a0\u202f]*"
# "see the README, "Putting the site online"", « … », or "README (Writing content)".
CITED = re.compile(
    rf'README,?{SPACE}(?:section{SPACE})?(?:"([^"]+)"|«{SPACE}(.+?){SPACE}»|\((?:section{SPACE})?([^)]+)\))'
)


def headings() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return {line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")}


def citations() -> dict[str, set[str]]:
    """Each cited section, with the messages citing it (msgids and translations)."""
    found: dict[str, set[str]] = {}
    for code in SUPPORTED:
        with (KIT_LOCALE_DIR / f"{code}.po").open("rb") as handle:
            catalog = read_po(handle, locale=code)
        for message in catalog:
            for text in (message.id, message.string):
                for match in CITED.finditer(" ".join(text) if isinstance(text, tuple) else text):
                    section = next(group for group in match.groups() if group)
                    found.setdefault(section, set()).add(f"{code}: {message.id!r}")
    return found


def test_every_cited_readme_section_exists() -> None:
    cited = citations()
    assert {"Putting the site online", "Writing content"} <= set(cited)
    missing = {
        section: sorted(where) for section, where in cited.items() if section not in headings()
    }
    assert missing == {}


def test_the_citation_finder_reads_each_form() -> None:
    texts = [
        "voir le README, « Mettre le site en ligne »",
        'see the README, "Putting the site online"',
        "in the README (Writing content), or",
    ]
    assert [next(g for g in CITED.search(t).groups() if g) for t in texts] == [
        "Mettre le site en ligne",
        "Putting the site online",
        "Writing content",
    ]
