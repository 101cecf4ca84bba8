"""Parsers for the values owners write in metadata headers.

Each parser takes the raw text and returns a Python value, or raises
:class:`ValueProblem` with an English message (a gettext msgid) and values to
fill in; the reader turns it into a message naming the file, line and key.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from comptoir.core.i18n.errors import OwnerError


class ValueProblem(OwnerError):
    """A value in a metadata header that cannot be read."""


_DATE_FORMS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
)


def parse_date(raw: str) -> dt.datetime:
    """``2025-03-14 07:30``, ``2025-03-14`` or the French ``14/03/2025 07:30``.

    The result is naive: it is local time in the site's TIMEZONE, which
    Pelican attaches afterwards.
    """
    text = raw.strip()
    for form in _DATE_FORMS:
        try:
            return dt.datetime.strptime(text, form)
        except ValueError:
            continue
    raise ValueProblem(
        "“%(value)s” is not a date I can read: write it as YYYY-MM-DD HH:MM, "
        "for example 2025-03-14 07:30.",
        value=text,
    )


_ISO_DURATION = re.compile(r"^P(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?)?$", re.I)
_HUMAN_DURATION = re.compile(
    r"^(?:(?P<h>\d+)\s*(?:h|heures?|hours?|hrs?)\.?)?\s*"
    r"(?:(?P<m>\d+)\s*(?:min|minutes?|mn|m)?\.?)?$",
    re.I,
)


def parse_duration(raw: str) -> dt.timedelta:
    """``1 h 30``, ``1h30``, ``45 min``, ``2 h`` or ISO 8601 ``PT1H30M``."""
    text = raw.strip()
    iso = _ISO_DURATION.match(text)
    human = None if iso else _HUMAN_DURATION.match(text)
    match = iso or human
    if match and any(match.groupdict().values()):
        parts = {k: int(v) for k, v in match.groupdict().items() if v}
        value = dt.timedelta(
            days=parts.get("d", 0), hours=parts.get("h", 0), minutes=parts.get("m", 0)
        )
        if value > dt.timedelta(0):
            return value
    raise ValueProblem(
        "“%(value)s” is not a duration I can read: write for example 1 h 30, 45 min or PT1H30M.",
        value=text,
    )


def parse_rating(raw: str) -> int:
    text = raw.strip()
    if text.isdigit() and 1 <= int(text) <= 5:
        return int(text)
    raise ValueProblem("“%(value)s” is not a rating: write a whole number from 1 to 5.", value=text)


def parse_choice(raw: str, choices: tuple[str, ...]) -> str:
    text = raw.strip().lower()
    if text in choices:
        return text
    raise ValueProblem(
        "“%(value)s” is not allowed here: write one of %(choices)s.",
        value=raw.strip(),
        choices=", ".join(choices),
    )


def parse_list(raw: str, separator: str) -> list[str]:
    return [item.strip() for item in raw.split(separator) if item.strip()]


def parse_bool(raw: str) -> bool:
    text = raw.strip().lower()
    if text in ("true", "yes", "oui", "vrai", "1"):
        return True
    if text in ("false", "no", "non", "faux", "0"):
        return False
    raise ValueProblem("“%(value)s” is not yes or no: write true or false.", value=raw.strip())


# A UUID as written by `invoke new` and `invoke ids`; the URN form is what
# feeds show, so an owner who copies it back from a feed is understood too.
_UUID = re.compile(
    r"^(?:urn:uuid:)?(?P<uuid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$",
    re.I,
)


def parse_id(raw: str) -> str:
    """``0b5e4c1e-…`` (any case, ``urn:uuid:`` allowed) -> the bare UUID in lowercase."""
    text = raw.strip()
    match = _UUID.match(text)
    if match:
        return match.group("uuid").lower()
    raise ValueProblem(
        "“%(value)s” is not an Id: an Id is written by Comptoir, like "
        "0b5e4c1e-6a4f-4c2e-9a7d-3f1e2d4c5b6a. Delete this line, then run `invoke ids` "
        "to write a new one.",
        value=text,
    )


@dataclass(frozen=True)
class Video:
    """A video the reader may choose to load: provider, id and its page."""

    provider: str
    id: str
    url: str

    @property
    def embed_url(self) -> str:
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.id}?autoplay=1"
        return f"https://player.vimeo.com/video/{self.id}?autoplay=1&dnt=1"


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def parse_video(raw: str) -> Video:
    """A YouTube or Vimeo page URL; anything else is refused."""
    text = raw.strip()
    parts = urlsplit(text)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = ""
    if parts.scheme in ("http", "https"):
        if host == "youtube.com":
            if parts.path == "/watch":
                video_id = parse_qs(parts.query).get("v", [""])[0]
            elif parts.path.startswith(("/embed/", "/shorts/", "/live/")):
                video_id = parts.path.split("/")[2]
        elif host == "youtu.be":
            video_id = parts.path.lstrip("/")
        if video_id and _YOUTUBE_ID.match(video_id):
            return Video("youtube", video_id, f"https://www.youtube.com/watch?v={video_id}")
        if host in ("vimeo.com", "player.vimeo.com"):
            vimeo_id = parts.path.rstrip("/").rsplit("/", 1)[-1]
            if vimeo_id.isdigit():
                return Video("vimeo", vimeo_id, f"https://vimeo.com/{vimeo_id}")
    raise ValueProblem(
        "“%(value)s” is not a YouTube or Vimeo video address: copy the address of "
        "the video's page, for example https://www.youtube.com/watch?v=….",
        value=text,
    )
