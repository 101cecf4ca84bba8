"""The subscribers' CSV (``abonnes.csv`` by default, beside pelicanconf.py,
never under content/ and never published): who gets the letter, in which
language. Columns ``email,nom,langue,consentement,desinscrit``.

A line with a bad address or date stops everything (nothing is sent, the
line is named); a line without consent, or unsubscribed, is left out and
told; the same address twice is mailed once.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from comptoir.core.i18n import N_, OwnerError

COLUMNS = ("email", "nom", "langue", "consentement", "desinscrit")
ADDRESS = re.compile(r"[^@\s<>,;\"']+@[^@\s<>,;\"']+\.[^@\s<>,;\"'.]{2,}")


class SubscribersError(OwnerError):
    """A subscribers file that cannot be used: nothing is sent."""


@dataclass(frozen=True)
class Recipient:
    email: str  # as written, the key is ``email.lower()``
    name: str
    lang: str
    consent: dt.date
    line: int


@dataclass
class Subscribers:
    recipients: list[Recipient] = field(default_factory=list)
    no_consent: list[int] = field(default_factory=list)  # line numbers
    unsubscribed: list[int] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)  # by the server before (the ledger says)
    uncertain: list[int] = field(default_factory=list)  # cut while being mailed (the ledger says)


def _date(text: str, path: Path, line: int, column: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SubscribersError(
            N_(
                "%(file)s, line %(line)s: “%(value)s” in %(column)s is not a date: write it like 2026-12-04."
            ),
            file=str(path),
            line=line,
            value=text,
            column=column,
        ) from None


def read_subscribers(path: Path, languages: tuple[str, ...], default: str) -> Subscribers:
    """Every subscriber of ``path`` who may be mailed; an absent file is an
    empty list (the preview still shows the letter)."""
    found = Subscribers()
    if not path.is_file():
        return found
    seen: set[str] = set()
    gone: set[str] = set()  # unsubscribed on any line: never mailed again
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in ("email", "consentement") if c not in (reader.fieldnames or [])]
            if missing:
                raise SubscribersError(
                    N_("%(file)s, line 1: the columns must be %(columns)s (missing: %(missing)s)."),
                    file=str(path),
                    columns=",".join(COLUMNS),
                    missing=", ".join(missing),
                )
            for row in reader:
                line = reader.line_num
                email = (row.get("email") or "").strip()
                if not ADDRESS.fullmatch(email):
                    raise SubscribersError(
                        N_("%(file)s, line %(line)s: “%(value)s” is not an email address."),
                        file=str(path),
                        line=line,
                        value=email,
                    )
                lang = (row.get("langue") or "").strip().lower() or default
                if lang not in languages:
                    raise SubscribersError(
                        N_(
                            "%(file)s, line %(line)s: the language “%(value)s” is not one of the site's (%(known)s)."
                        ),
                        file=str(path),
                        line=line,
                        value=lang,
                        known=", ".join(languages),
                    )
                consent = _date(row.get("consentement") or "", path, line, "consentement")
                left = _date(row.get("desinscrit") or "", path, line, "desinscrit")
                if left is not None:
                    found.unsubscribed.append(line)
                    gone.add(email.lower())
                elif consent is None:
                    found.no_consent.append(line)
                elif email.lower() in seen:
                    found.duplicates.append(line)
                else:
                    seen.add(email.lower())
                    name = (row.get("nom") or "").strip()
                    found.recipients.append(Recipient(email, name, lang, consent, line))
    except UnicodeDecodeError:
        raise SubscribersError(
            N_("%(file)s is not UTF-8 text: save it as CSV UTF-8."), file=str(path)
        ) from None
    except csv.Error as error:
        raise SubscribersError(
            N_("%(file)s is not a readable CSV: %(reason)s"), file=str(path), reason=str(error)
        ) from None
    found.recipients = [r for r in found.recipients if r.email.lower() not in gone]
    return found
