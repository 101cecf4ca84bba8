"""Refuse two pieces of content that would be written to the same URL."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from comptoir.build.report import report_of
from comptoir.i18n import site_gettext

from .urls import url_key


def check_collisions(settings: dict[str, Any], contents: Iterable[Any]) -> None:
    """Report every item whose output path clashes with an earlier one."""
    report = report_of(settings)
    seen: dict[str, Any] = {}
    for item in contents:
        save_as = getattr(item, "save_as", "")
        if not save_as:
            continue
        key = url_key(save_as)
        first = seen.setdefault(key, item)
        if first is item:
            continue
        message = site_gettext(
            settings,
            "This would be published at the same address as %(other)s (/%(url)s): "
            "give one of them another Slug.",
            other=os.path.relpath(first.source_path, report.root),
            url=item.url,
        )
        report.add(item.source_path, message, key="slug", line=None)
