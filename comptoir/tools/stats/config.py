"""``STATS_IGNORE`` in pelicanconf.py: the owner's own addresses (the shop,
home), whose visits are not counted; ``STATS_KEEP_LOGS_DAYS``: how long the
copies ``--fetch`` brings stay on this computer. Checked at start-up like
every setting."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

from comptoir.core.i18n import N_
from comptoir.core.settings import Setting, whole_number

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def networks(value: Iterable[str]) -> tuple[Network, ...]:
    """The networks of a checked ``STATS_IGNORE`` (an address is a /32 or /128)."""
    return tuple(ipaddress.ip_network(str(item).strip(), strict=False) for item in value)


def check_ignore(value: Any, _: dict[str, Any]) -> str | tuple[str, dict[str, Any]] | None:
    """A list of addresses or networks, like ["203.0.113.7", "2001:db8::/48"]."""
    if not isinstance(value, list | tuple) or any(not isinstance(v, str) for v in value):
        return N_('Write a list of addresses or networks, like ["203.0.113.7", "198.51.100.0/24"].')
    for item in value:
        try:
            ipaddress.ip_network(item.strip(), strict=False)
        except ValueError:
            return N_(
                "“%(value)s” is not an address or a network: write it like "
                '"203.0.113.7" or "198.51.100.0/24".'
            ), {"value": item}
    return None


# Raw logs hold addresses: the CNIL wants them kept briefly.
KEEP_LOGS_DAYS = 60


def check_days(value: Any, _: dict[str, Any]) -> str | None:
    """A whole number of days, 1 or more."""
    if whole_number(value):
        return None
    return N_("Write a whole number of days (1 or more), like 60.")


# `invoke stats`'s options, as `invoke --help stats` shows them (msgids).
OPTIONS = {
    "out": N_("the report's folder (default rapport/, never inside output/)"),
    "since": N_("first day counted, like 2026-11-01"),
    "until": N_("last day counted, like 2026-11-30"),
    "site": N_("the site's host when a log holds several (repeatable)"),
    "format": N_("the log format, when it is not detected (combined, caddy, s3…)"),
    "fetch": N_("first bring the logs from the server PUBLISH names"),
}

SETTINGS = (
    Setting(
        "STATS_IGNORE",
        [],
        "Addresses and networks whose visits `invoke stats` leaves out (yours).",
        check_ignore,
    ),
    Setting(
        "STATS_KEEP_LOGS_DAYS",
        KEEP_LOGS_DAYS,
        "Days the logs `invoke stats --fetch` brings are kept in .comptoir/logs/.",
        check_days,
    ),
)
