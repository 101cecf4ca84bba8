"""What the letter did, kept outside output/ (``.comptoir/digest.json``):
each edition (the items it carries, frozen when it starts) and, per
recipient, the feed ids received, the last Message-ID and any refusal.

Every event (a message about to go, accepted, deferred, refused) is one
line appended to ``digest.json.log`` and synced to disk before the next
message: a kill, a dropped connection or a 4xx leaves a record the next
``--send`` resumes from. Why a journal and not the whole file rewritten at
each message: that is quadratic (28 s of JSON at 1,000 readers). The
journal is folded into ``digest.json`` (written atomically) at the end of
a run and when the ledger is read; replaying it twice changes nothing.
A lock file makes a second ``--send`` refuse while one runs.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from comptoir.core.artefacts import atomic_write
from comptoir.core.i18n import N_, OwnerError

VERSION = 1


class LedgerError(OwnerError):
    """The ledger cannot be read or is in use: nothing is sent."""


@dataclass
class Edition:
    id: str
    started: str  # ISO time
    items: dict[str, list[str]]  # language -> feed ids, newest first
    finished: str | None = None


@dataclass
class Ledger:
    path: Path
    editions: list[Edition] = field(default_factory=list)
    recipients: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def journal(self) -> Path:
        return self.path.with_name(self.path.name + ".log")

    @classmethod
    def read(cls, path: Path) -> Ledger:
        ledger = cls(path)
        try:
            if path.is_file():
                data = json.loads(path.read_text(encoding="utf-8"))
                ledger.editions = [Edition(**e) for e in data["editions"]]
                ledger.recipients = dict(data["recipients"])
            if ledger.journal.is_file():
                for line in ledger.journal.read_text(encoding="utf-8").splitlines():
                    try:
                        event = json.loads(line)
                    except ValueError:
                        continue  # only the last line can be torn, by a kill mid-write
                    ledger._apply(event)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise LedgerError(
                N_(
                    "%(file)s cannot be read (%(reason)s): nothing is sent. Put back the copy from your backup."
                ),
                file=str(path),
                reason=str(error),
            ) from None
        return ledger

    def save(self) -> None:
        """Fold everything into ``digest.json`` (atomically), then empty the journal."""
        data = {
            "version": VERSION,
            "editions": [asdict(e) for e in self.editions],
            "recipients": self.recipients,
        }

        def write(path: str) -> None:
            # Streamed: a ledger of thousands of readers never sits in memory as one string.
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=1, sort_keys=True)

        atomic_write(self.path, write)
        self.journal.unlink(missing_ok=True)

    def _log(self, event: dict[str, Any]) -> None:
        self._apply(event)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.journal.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(event, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def _apply(self, event: dict[str, Any]) -> None:
        kind = event["event"]
        if kind == "edition":
            if not any(e.id == event["edition"]["id"] for e in self.editions):
                self.editions.append(Edition(**event["edition"]))
            return
        if kind == "finished":
            for edition in self.editions:
                if edition.id == event["id"]:
                    edition.finished = event["at"]
            return
        record = self.recipients.setdefault(event["email"], {})
        if kind == "pending":
            record["pending"] = {"edition": event["edition"], "message_id": event["message_id"]}
        elif kind == "sent":
            record["received"] = sorted(set(record.get("received", [])) | set(event["ids"]))
            record.update(edition=event["edition"], message_id=event["message_id"], at=event["at"])
            record.pop("refused", None)
            record.pop("pending", None)
        elif kind == "later":
            record.pop("pending", None)
        elif kind == "refused":
            record["refused"] = {k: event[k] for k in ("edition", "code", "reason", "at")}
            record.pop("pending", None)

    def open_edition(self) -> Edition | None:
        """The edition a previous ``--send`` started and did not finish."""
        return next((e for e in self.editions if e.finished is None), None)

    def start(self, items: dict[str, list[str]], now: dt.datetime) -> Edition:
        edition = Edition(f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(4)}", now.isoformat(), items)
        self._log({"event": "edition", "edition": asdict(edition)})
        return next(e for e in self.editions if e.id == edition.id)

    def finish(self, edition: Edition, now: dt.datetime) -> None:
        self._log({"event": "finished", "id": edition.id, "at": now.isoformat()})

    def received(self, email: str) -> set[str]:
        return set(self.recipients.get(email.lower(), {}).get("received", []))

    def refused(self, email: str) -> bool:
        """Refused for good (5xx) by the server once: never mailed again."""
        return "refused" in self.recipients.get(email.lower(), {})

    def served(self, email: str, edition: Edition) -> bool:
        """Already mailed this edition, refused for good (5xx) in it, or cut
        while being mailed (it may have arrived: never sent twice)."""
        record = self.recipients.get(email.lower(), {})
        done = (record.get(k, {}).get("edition") for k in ("refused", "pending"))
        return edition.id in (record.get("edition"), *done)

    def uncertain(self, email: str, edition: Edition) -> bool:
        """Cut between handing the message over and the server's answer."""
        return (
            self.recipients.get(email.lower(), {}).get("pending", {}).get("edition") == edition.id
        )

    def record_pending(self, email: str, edition: Edition, message_id: str) -> None:
        """Written before the message goes: after a kill right then, nobody
        knows whether it arrived, and the next run does not send it again."""
        self._log(
            {
                "event": "pending",
                "email": email.lower(),
                "edition": edition.id,
                "message_id": message_id,
            }
        )

    def record_sent(
        self, email: str, edition: Edition, ids: list[str], message_id: str, now: dt.datetime
    ) -> None:
        event = {"event": "sent", "email": email.lower(), "edition": edition.id, "ids": ids}
        self._log({**event, "message_id": message_id, "at": now.isoformat()})

    def record_later(self, email: str) -> None:
        """Not taken (4xx, or no answer before the connection fell): next run."""
        self._log({"event": "later", "email": email.lower()})

    def record_refused(
        self, email: str, edition: Edition, code: int, reason: str, now: dt.datetime
    ) -> None:
        event = {"event": "refused", "email": email.lower(), "edition": edition.id}
        self._log({**event, "code": code, "reason": reason, "at": now.isoformat()})


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """One ``--send`` at a time: a second one refuses while this one runs."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "digest.lock"
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LedgerError(
                N_(
                    "Another `invoke digest --send` is running (%(file)s is locked): wait for it to end."
                ),
                file=str(path),
            ) from None
        yield
    finally:
        os.close(handle)
