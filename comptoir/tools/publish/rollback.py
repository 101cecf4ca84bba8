"""``invoke rollback``: the release before the live one, back online."""

from __future__ import annotations

from pathlib import Path

from comptoir.core.build.driver import load_settings
from comptoir.core.i18n import N_, site_gettext
from comptoir.core.settings import apply

from .config import SETTINGS
from .guards import PublishError
from .rsync import RsyncTarget


def rollback(settings_file: Path) -> tuple[bool, str]:
    """Switch ``current`` back one release: (ok, message for the owner)."""
    settings = load_settings(Path(settings_file).resolve())
    problems = apply(settings, SETTINGS)
    if problems:
        return False, "\n".join(f"{key} — {message}" for key, message in problems)
    config = settings.get("PUBLISH") or {}
    if config.get("target") != "rsync" or config.get("mode", "releases") != "releases":
        message = N_('Rollback needs PUBLISH with "target": "rsync" in releases mode.')
        return False, site_gettext(settings, message)
    try:
        switched = RsyncTarget(config).rollback()
    except PublishError as error:
        return False, error.translated(settings)
    if switched is None:
        return False, site_gettext(settings, N_("There is no older release to go back to."))
    message = N_("Back online: release %(to)s (instead of %(from)s).")
    return True, site_gettext(settings, message, to=switched[1], **{"from": switched[0]})
