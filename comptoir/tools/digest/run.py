"""``invoke digest``: preview the next letter, or send it (``--send``).

The preview writes each language's letter to ``digest/`` (HTML and text),
says who would get it and what it carries, sends nothing and records
nothing. ``--send`` connects first (bad settings change nothing), freezes
the edition's items in the ledger, then mails each recipient not yet
served, recording every accepted message at once (ledger.py).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from smtplib import SMTPServerDisconnected

from babel import Locale

from comptoir.core.artefacts import atomic_write
from comptoir.core.i18n import N_, Language, language

from .content import DigestError, Site, read_site, since, tracked
from .ledger import Edition, Ledger, locked
from .letter import render
from .mailer import connect, send, server_from
from .message import compose, subject, unsubscribe_mailto
from .model import Entry, Letter
from .recipients import COLUMNS, Recipient, Subscribers, read_subscribers

STATE = ".comptoir"  # beside pelicanconf.py: the ledger and its lock


@dataclass
class Done:
    """What a run did, told in the site's language (``lines``), and its exit."""

    ok: bool
    lines: list[str] = field(default_factory=list)


@dataclass
class Plan:
    """Who gets which entries (only those with something new)."""

    site: Site
    subscribers: Subscribers
    parcels: list[tuple[Recipient, list[Entry]]]


def _csv(site: Site, root: Path, environ: Mapping[str, str]) -> Path:
    return Path(environ.get("COMPTOIR_DIGEST_SUBSCRIBERS") or root / site.config.subscribers)


def _subscribers(site: Site, path: Path) -> Subscribers:
    return read_subscribers(path, site.languages, site.languages[0])


# Said when the subscribers' file is not there yet (preview), or stops --send.
NO_LIST = N_(
    'There is no subscribers file yet (%(file)s): make it with the columns %(columns)s (see the README, "Sending the letter").'
)


def _plan(site: Site, subscribers: Subscribers, ledger: Ledger, edition: Edition | None) -> Plan:
    parcels = []
    for recipient in subscribers.recipients:
        # Refused for good once (5xx): never retried; told at every run.
        if ledger.refused(recipient.email):
            subscribers.refused.append(recipient.line)
            continue
        entries = site.entries.get(recipient.lang, [])
        if edition is not None:
            if ledger.uncertain(recipient.email, edition):
                subscribers.uncertain.append(recipient.line)
            if ledger.served(recipient.email, edition):
                continue
            frozen = set(edition.items.get(recipient.lang, []))
            entries = [e for e in entries if e.id in frozen]
        found = since(entries, ledger.received(recipient.email), recipient.consent)
        if found:
            parcels.append((recipient, found))
    return Plan(site, subscribers, parcels)


class Letters:
    """Each distinct letter drawn once (language + entries), kept while used."""

    def __init__(self, site: Site, theme: Path, now: dt.datetime):
        self.site, self.theme, self.now = site, theme, now
        self._languages: dict[str, Language] = {}
        self._drawn: dict[tuple[str, tuple[str, ...]], tuple[str, str, str]] = {}

    def language(self, code: str) -> Language:
        if code not in self._languages:
            self._languages[code] = language(self.site.settings, code)
        return self._languages[code]

    def draw(self, code: str, entries: list[Entry]) -> tuple[str, str, str]:
        """(subject, html, text) of the letter carrying ``entries``."""
        key = (code, tuple(e.id for e in entries))
        if key not in self._drawn:
            # Most recipients share one letter; a few odd ones must not pile up.
            if len(self._drawn) > 8:
                self._drawn.clear()
            said = self.language(code)
            config, shop = self.site.config, self.site.shop
            title = subject(config, said, shop.name, self.now)
            shown = tuple(entries[: config.max_items])
            letter = Letter(
                code,
                title,
                shown,
                len(entries) - len(shown),
                tracked(shop.site),
                shop,
                unsubscribe_mailto(config, said),
            )
            html, text = render(letter, self.theme, said)
            self._drawn[key] = (title, html, text)
        return self._drawn[key]


# Who is not mailed this time, and why: (Subscribers attribute, what to say).
LEFT_OUT = (
    ("no_consent", N_("Not mailed, no date of consent: lines %(lines)s.")),
    ("unsubscribed", N_("Not mailed, unsubscribed: lines %(lines)s.")),
    (
        "refused",
        N_(
            "Not mailed, refused by the mail server before (see .comptoir/digest.json):"
            " lines %(lines)s. Fix or remove these addresses."
        ),
    ),
    (
        "uncertain",
        N_("Cut while being mailed, so perhaps received, not sent again: lines %(lines)s."),
    ),
    ("duplicates", N_("Mailed once, the same address again: lines %(lines)s.")),
)


def _who(plan: Plan, say: Language) -> list[str]:
    """The lines every run prints about the list."""
    by_lang: dict[str, int] = {}
    for recipient, _ in plan.parcels:
        by_lang[recipient.lang] = by_lang.get(recipient.lang, 0) + 1
    counts = ", ".join(
        f"{code}\u00a0: {n}" if say.code == "fr" else f"{code}: {n}"
        for code, n in sorted(by_lang.items())
    )
    lines = [
        say.ngettext(
            "%(num)s recipient would get the letter (%(langs)s).",
            "%(num)s recipients would get the letter (%(langs)s).",
            len(plan.parcels),
            langs=counts or "—",
        )
    ]
    for attribute, message in LEFT_OUT:
        found = getattr(plan.subscribers, attribute)
        if found:
            lines.append(say.gettext(message, lines=", ".join(map(str, found))))
    return lines


def _samples(plan: Plan) -> dict[str, list[Entry]]:
    """Per language, the letter most recipients get (or, with nobody yet,
    everything not carried by a letter already)."""
    letters: dict[tuple[str, tuple[str, ...]], list[Entry]] = {}
    counts: Counter[tuple[str, tuple[str, ...]]] = Counter()
    for recipient, entries in plan.parcels:
        key = (recipient.lang, tuple(e.id for e in entries))
        letters[key] = entries
        counts[key] += 1
    chosen: dict[str, list[Entry]] = {}
    for (code, ids), _ in counts.most_common():
        chosen.setdefault(code, letters[(code, ids)])
    return chosen


def preview(
    settings_file: Path,
    folder: Path,
    environ: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> tuple[Done, list[Path]]:
    """Write the next letter of each language into ``folder``; send nothing."""
    environ = os.environ if environ is None else environ
    now = now or dt.datetime.now(dt.UTC).astimezone()
    root = settings_file.resolve().parent
    site = read_site(settings_file)
    say = language(site.settings)
    ledger = Ledger.read(root / STATE / "digest.json")
    listed = _csv(site, root, environ)
    plan = _plan(site, _subscribers(site, listed), ledger, ledger.open_edition())
    letters = Letters(site, Path(site.settings["THEME"]), now)
    samples = _samples(plan)
    for code in site.languages:
        if code not in samples:
            carried = {i for e in ledger.editions for i in e.items.get(code, [])}
            fresh = [e for e in site.entries.get(code, []) if e.id not in carried]
            if fresh:
                samples[code] = fresh
    lines = _who(plan, say)
    if not listed.is_file():
        lines.insert(0, say.gettext(NO_LIST, file=str(listed), columns=",".join(COLUMNS)))
    written = []
    for code, entries in sorted(samples.items()):
        title, html, text = letters.draw(code, entries)
        for suffix, body in (("html", html), ("txt", text)):
            target = folder / f"lettre-{code}.{suffix}"
            atomic_write(target, lambda p, body=body: Path(p).write_text(body, encoding="utf-8"))
            written.append(target)
        name = Locale.parse(code).get_display_name(say.locale)
        lines.append(say.gettext("Letter in %(lang)s: “%(subject)s”", lang=name, subject=title))
        lines += [f"  • {e.title} ({say.date(e.date.date(), 'medium')})" for e in entries]
    if not samples:
        lines.append(say.gettext("Nothing new since the last letter: there is nothing to send."))
    lines.append(say.gettext("Nothing was sent. To send: invoke digest --send"))
    return Done(True, lines), written


def send_digest(
    settings_file: Path,
    environ: Mapping[str, str] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Done:
    """Mail the letter to everyone not yet served; see the module's doc."""
    environ = os.environ if environ is None else environ
    root = settings_file.resolve().parent
    site = read_site(settings_file)
    say = language(site.settings)
    listed = _csv(site, root, environ)
    if not listed.is_file():
        raise DigestError(NO_LIST, file=str(listed), columns=",".join(COLUMNS))
    subscribers = _subscribers(site, listed)
    with locked(root / STATE):
        ledger = Ledger.read(root / STATE / "digest.json")
        edition = ledger.open_edition()
        plan = _plan(site, subscribers, ledger, edition)
        if not plan.parcels:
            if edition is not None:
                ledger.finish(edition, dt.datetime.now(dt.UTC))
                ledger.save()
            return Done(
                True,
                [
                    *_who(plan, say),
                    say.gettext("Nothing new since the last letter: nothing was sent."),
                ],
            )
        server = server_from(site.config.smtp, environ)
        smtp = connect(server)  # before any record: bad settings change nothing
        now = dt.datetime.now(dt.UTC).astimezone()
        if edition is None:
            items = {code: [e.id for e in entries] for code, entries in site.entries.items()}
            edition = ledger.start(items, now)
            ledger.save()
        letters = Letters(site, Path(site.settings["THEME"]), now)
        try:
            done = _deliver(plan, ledger, edition, smtp, letters, say, sleep)
        finally:
            ledger.save()  # the journal folded into digest.json
        done.lines[:0] = _who(plan, say)[1:]  # who was left out, and why
        return done


def _deliver(
    plan: Plan, ledger: Ledger, edition: Edition, smtp, letters: Letters, say: Language, sleep
) -> Done:
    site = plan.site
    pause = 60 / site.config.rate if site.config.rate else 0
    sent, later, refused = 0, [], []
    try:
        for index, (recipient, entries) in enumerate(plan.parcels):
            if index and pause:
                sleep(pause)
            # Each mail leaves reference cycles (the email package's parsed
            # headers) that only the cycle collector frees: collecting now
            # and then keeps memory flat over thousands of readers.
            if index % 200 == 199:
                gc.collect()
            title, html, text = letters.draw(recipient.lang, entries)
            now = dt.datetime.now(dt.UTC).astimezone()
            message = compose(
                html=html,
                text=text,
                title=title,
                config=site.config,
                language=letters.language(recipient.lang),
                recipient=recipient,
                edition=edition.id,
                site=site.shop.site,
                shop=site.shop.name,
                now=now,
            )
            ledger.record_pending(recipient.email, edition, str(message["Message-ID"]))
            outcome = send(smtp, message, site.config.sender, recipient.email)
            if outcome.sent:
                ledger.record_sent(
                    recipient.email,
                    edition,
                    [e.id for e in entries],
                    str(message["Message-ID"]),
                    now,
                )
                sent += 1
            elif outcome.later:
                ledger.record_later(recipient.email)
                later.append(f"{recipient.email} ({outcome.code} {outcome.reason})")
            else:
                ledger.record_refused(recipient.email, edition, outcome.code, outcome.reason, now)
                refused.append(f"{recipient.email} ({outcome.code} {outcome.reason})")
    except SMTPServerDisconnected as error:
        # No "250" came back: by SMTP's rules the message was not taken, so
        # it goes again next time (unlike a kill, where nobody knows).
        ledger.record_later(recipient.email)
        left = len(plan.parcels) - sent - len(later) - len(refused)
        return Done(
            False,
            [
                say.ngettext("%(num)s letter sent.", "%(num)s letters sent.", sent),
                say.gettext(
                    "The mail server cut the connection (%(reason)s): %(left)s letters were not sent. Run `invoke digest --send` again: it sends only those, never twice.",
                    reason=str(error) or "—",
                    left=left,
                ),
            ],
        )
    finally:
        try:
            smtp.quit()
        except Exception:  # the connection may be gone already
            smtp.close()
    lines = [say.ngettext("%(num)s letter sent.", "%(num)s letters sent.", sent)]
    if refused:
        lines.append(
            say.gettext(
                "Refused for good by the server, not retried in this letter: %(who)s",
                who="; ".join(refused),
            )
        )
    if later:
        lines.append(
            say.gettext(
                "Not accepted for now, kept for the next `invoke digest --send`: %(who)s",
                who="; ".join(later),
            )
        )
    else:
        ledger.finish(edition, dt.datetime.now(dt.UTC))
    # Letters waiting for the next run are worth a failing exit (a scheduled
    # job shows it); refusals for good are told, not repeated.
    return Done(not later, lines)
