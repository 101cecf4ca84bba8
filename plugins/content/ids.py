"""A content file's feed id when it has no ``Id:`` line.

Feed readers recognise an item by its id; an ``Id`` written in the file
survives a new slug, a new date format and a move to another domain, and
``invoke ids`` (comptoir.tools.write) writes one. Until then, an item's id
is worked out from what the owner wrote, as below.
"""

from __future__ import annotations

import datetime as dt
import uuid

# Fixed forever: changing it would change every fallback id.
NAMESPACE = uuid.UUID("6f1d3c52-8f7e-5a57-9a63-2c1b4b0d7e10")
FEED_KINDS = ("story", "tutorial", "testimonial")  # what feeds list


def fallback_id(kind: str, lang: str, date: dt.datetime) -> str:
    """The bare UUID of a file without ``Id``: from its kind, language and the
    naive wall-clock time, as the owner wrote it — neither the offset
    (TIMEZONE may change) nor the display form (14/03/2025 or 2025-03-14).
    ``invoke ids`` can write this very value, so that giving an Id to a file
    already in readers' feeds changes nothing for them."""
    written = date.replace(tzinfo=None).isoformat(timespec="seconds")
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{lang}:{written}"))
