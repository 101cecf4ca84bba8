"""``DIGEST`` in pelicanconf.py: the letter's settings, checked once at
start-up with every other setting, and read back as a :class:`DigestConfig`
with the defaults filled from the business profile."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

from comptoir.core.i18n import N_

KEYS = (
    "from",
    "reply_to",
    "subject",
    "smtp",
    "rate",
    "max_items",
    "testimonials",
    "subscribers",
    "unsubscribe_url",
    "signup_url",
)
SECRET_WORDS = ("password", "passwd", "secret", "token")
SMTP_SCHEMES = ("smtp", "smtps")
# The default subject, a kit message: %(site)s and %(month)s ("décembre 2026").
SUBJECT = N_("News from %(site)s — %(month)s")
Problem = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class DigestConfig:
    sender: str  # "Name <address>"
    reply_to: str
    subject: str | dict[str, str] | None  # one, or one per language; None: the kit's
    smtp: str
    rate: float | None  # messages per minute
    max_items: int
    testimonials: bool
    subscribers: str
    unsubscribe_url: str | None
    signup_url: str | None
    owner: str  # the owner's address: unsubscribe by mail, signup by mail


def _is_address(text: str) -> bool:
    _, address = parseaddr(text)
    return bool(re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", address))


def _https(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme == "https" and bool(parts.hostname)


def _check_key(key: str, value: Any) -> Problem | None:
    if key in ("from", "reply_to") and not (isinstance(value, str) and _is_address(value)):
        return N_(
            '“%(key)s”: write an email address, like "Les Deux Épis <bonjour@example.fr>".'
        ), {"key": key}
    if key == "smtp":
        scheme = urlsplit(value).scheme if isinstance(value, str) else ""
        if scheme not in SMTP_SCHEMES or not urlsplit(value).hostname:
            return N_(
                '“%(key)s”: write the server\'s address, like "smtp://user@smtp.example.fr:587"'
                ' (STARTTLS) or "smtps://user@smtp.example.fr:465"; the password goes'
                " in the environment variable COMPTOIR_SMTP_PASSWORD, never here."
            ), {"key": key}
        if urlsplit(value).password:
            return N_(
                "“%(key)s”: no password here (this file is shared with the code): put it in the"
                " environment variable COMPTOIR_SMTP_PASSWORD."
            ), {"key": key}
    if key == "rate" and not (
        value is None
        or (isinstance(value, int | float) and not isinstance(value, bool) and value > 0)
    ):
        return N_(
            "“%(key)s”: write how many messages a minute your provider allows, like 30 (or None)."
        ), {"key": key}
    if key == "max_items" and not (
        isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 50
    ):
        return N_("“%(key)s”: write how many items a letter shows, from 1 to 50 (8 by default)."), {
            "key": key
        }
    if key == "testimonials" and not isinstance(value, bool):
        return N_("“%(key)s”: write True or False."), {"key": key}
    if key == "subject" and isinstance(value, dict):
        if not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
        ):
            return N_(
                '“%(key)s”: write one subject, or one per language like {"fr": "Les nouvelles — {month}", "en": "News — {month}"}.'
            ), {"key": key}
        return None
    if key in ("subject", "subscribers") and not (isinstance(value, str) and value.strip()):
        return N_("“%(key)s”: write some text between quotes."), {"key": key}
    if key in ("unsubscribe_url", "signup_url") and not (value is None or _https(value)):
        return N_("“%(key)s”: write an https:// address (or None)."), {"key": key}
    return None


def check_digest(value: Any, _: dict[str, Any]) -> Problem | None:
    """The check of ``DIGEST`` (None: the letter is not set up; only
    ``invoke digest`` refuses that)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        return N_(
            'Write a dict, like {"from": "Les Deux Épis <bonjour@example.fr>",'
            ' "smtp": "smtp://user@smtp.example.fr:587"}.'
        ), {}
    for key in value:
        if any(word in str(key).lower() for word in SECRET_WORDS):
            return N_(
                "“%(key)s” must not be written here (this file is shared with the code):"
                " put it in the environment variable COMPTOIR_SMTP_PASSWORD."
            ), {"key": key}
        if key not in KEYS:
            return N_("Unknown key “%(key)s”. Known keys: %(known)s."), {
                "key": key,
                "known": ", ".join(KEYS),
            }
    for key, item in value.items():
        found = _check_key(key, item)
        if found:
            return found
    return None


def digest_config(settings: dict[str, Any]) -> DigestConfig | None:
    """``DIGEST`` with its defaults (None when the site has no letter)."""
    value = settings.get("DIGEST")
    if value is None:
        return None
    business = settings.get("BUSINESS") or {}
    owner = str(business.get("email") or "")
    name = str(business.get("name") or settings.get("SITENAME") or "")
    sender = value.get("from") or (str(Address(name, addr_spec=owner)) if owner else "")
    return DigestConfig(
        sender=sender,
        reply_to=value.get("reply_to") or owner or parseaddr(sender)[1],
        subject=value.get("subject"),
        smtp=value.get("smtp", ""),
        rate=value.get("rate"),
        max_items=value.get("max_items", 8),
        testimonials=value.get("testimonials", False),
        subscribers=value.get("subscribers", "abonnes.csv"),
        unsubscribe_url=value.get("unsubscribe_url"),
        signup_url=value.get("signup_url"),
        owner=owner or parseaddr(sender)[1],
    )
