"""Every visible string is translated, and formats never need a system locale."""

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from comptoir.core.i18n.extract import templates
from comptoir.core.i18n.language import SUPPORTED, language

ROOT = Path(__file__).resolve().parents[4]
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]?\d*(?:\.\d+)?[sdfr]")


def catalogs():
    for folder, template in templates(ROOT).items():
        yield pytest.param(folder, template, id=folder.relative_to(ROOT).as_posix())


@pytest.mark.parametrize(("folder", "template"), list(catalogs()))
def test_every_message_has_a_french_translation_with_the_same_placeholders(
    folder: Path, template
) -> None:
    with (folder / "fr.po").open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    missing, broken = [], []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id)
        strings = entry.string if entry is not None else None
        if not entry or not strings or (isinstance(strings, tuple) and not all(strings)):
            missing.append(message.id)
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in strings if isinstance(strings, tuple) else (strings,):
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(ids[-1])):
                broken.append(message.id)
    assert missing == [], "run `invoke i18n` and translate these in fr.po"
    assert broken == []


@pytest.mark.parametrize("folder", [f for f, _ in templates(ROOT).items()])
def test_french_catalogs_use_french_typography(folder: Path) -> None:
    with (folder / "fr.po").open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    for message in catalog:
        for text in message.string if isinstance(message.string, tuple) else (message.string,):
            assert not re.search(r"\w'\w|\w [;!?]|[«] | [»]|\w :", text or ""), text


def test_dates_numbers_and_durations_come_from_babel() -> None:
    fr, en = language({}, "fr"), language({}, "en")
    assert fr.date(dt.date(2025, 9, 8)) == "8 septembre 2025"
    assert en.date(dt.date(2025, 9, 8)) == "September 8, 2025"
    assert fr.number(1100.5) == "1\u202f100,5"
    assert fr.duration(dt.timedelta(minutes=90)) == "1\u00a0h\u00a030\u00a0min"
    assert fr.duration(dt.timedelta(minutes=45)) == "45\u00a0min"
    assert set(SUPPORTED) == {"fr", "en"}
