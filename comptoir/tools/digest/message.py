"""One letter as an email: multipart/alternative (text, then HTML), UTF-8,
and the headers a list needs (RFC 2369 List-Unsubscribe, RFC 8058 one-click
when the owner has an https address for it, RFC 2919 List-Id). Only the
headers differ from one recipient to the next."""

from __future__ import annotations

import datetime as dt
import hashlib
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from urllib.parse import quote, urlsplit

from babel.dates import format_date

from comptoir.core.i18n import N_, Language
from comptoir.plugins.letter import SUBJECT, DigestConfig

from .recipients import Recipient

# The subject of the mail that asks to stop the letter.
STOP = N_("Unsubscribe")


def subject(config: DigestConfig, language: Language, shop: str, now: dt.datetime) -> str:
    """The owner's subject for this language ({site}, {month}, {date} filled
    in), or the kit's when the owner wrote none for it."""
    month = format_date(now.date(), "MMMM y", locale=language.locale)
    chosen = config.subject
    if isinstance(chosen, dict):
        chosen = chosen.get(language.code)
    if chosen is None:
        return language.gettext(SUBJECT, site=shop, month=month)
    day = language.date(now.date(), "long")
    return chosen.replace("{site}", shop).replace("{month}", month).replace("{date}", day)


def unsubscribe_mailto(config: DigestConfig, language: Language) -> str:
    return f"mailto:{config.owner}?subject={quote(language.gettext(STOP))}"


def message_id(edition: str, email: str, host: str) -> str:
    """Unique per recipient and edition, and the same on a retry of it."""
    who = hashlib.sha256(email.lower().encode()).hexdigest()[:16]
    return f"<{edition}.{who}@{host}>"


def compose(
    *,
    html: str,
    text: str,
    title: str,
    config: DigestConfig,
    language: Language,
    recipient: Recipient,
    edition: str,
    site: str,
    shop: str,
    now: dt.datetime,
) -> EmailMessage:
    host = urlsplit(site).hostname or "localhost"
    message = EmailMessage(policy=SMTP)
    message["Subject"] = title
    name, address = parseaddr(config.sender)
    message["From"] = str(Address(name, addr_spec=address))
    message["To"] = str(Address(recipient.name, addr_spec=recipient.email))
    message["Reply-To"] = config.reply_to
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(edition, recipient.email, host)
    message["List-Id"] = f"{shop} <lettre.{host}>"
    stop = [f"<{unsubscribe_mailto(config, language)}>"]
    if config.unsubscribe_url:
        # One click must know who: "{email}" in the owner's address is the recipient.
        one_click = config.unsubscribe_url.replace("{email}", quote(recipient.email, safe="@"))
        stop.append(f"<{one_click}>")
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["List-Unsubscribe"] = ", ".join(stop)
    message.set_content(text, charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    return message
