"""``invoke publish``: build strictly, check, compare with what is online,
guard, then hand the difference to the target."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from comptoir.core.build import Build, build
from comptoir.core.i18n import N_, language

from .config import SETTINGS
from .guards import PublishError, check_deletions, check_no_report, check_output
from .plan import Plan, local_manifest, make_plan
from .websub import changed_feeds, ping


@dataclass
class Published:
    """What a publish did (or, dry, would do), told in the site's language."""

    ok: bool
    lines: list[str] = field(default_factory=list)  # problems, or the dry-run's list
    summary: str = ""


# Target name -> "module:class" under comptoir.tools.publish, imported only when
# used (S3 needs boto3, which only S3 users install).
TARGETS = {
    "rsync": "rsync:RsyncTarget",
    "sftp": "sftp:SftpTarget",
    "ftps": "ftp:FtpTarget",
    "s3": "s3:S3Target",
    "gh-pages": "ghpages:GhPagesTarget",
}


def target_of(publish: dict[str, Any]) -> Any:
    """The object that talks to the host named by ``PUBLISH``: it has
    ``live() -> Manifest`` and ``publish(output, local, plan)``."""
    module, name = TARGETS[publish["target"]].split(":")
    try:
        found = importlib.import_module(f"comptoir.tools.publish.{module}")
    except ModuleNotFoundError as error:
        if not error.name or not error.name.startswith("comptoir.tools.publish"):
            raise
        raise PublishError(
            N_("The target %(target)s is not available yet: use rsync."),
            target=publish["target"],
        ) from error
    target: Callable[[dict[str, Any]], Any] = getattr(found, name)
    return target(publish)


def publish(settings_file: Path, *, dry_run: bool = False, force: bool = False) -> Published:
    """Build with ``settings_file`` (strict, checked) and put it online."""
    # PUBLISH and PUBLISH_MAX_DELETE are checked with every other setting.
    result = build(settings_file, strict=True, check=True, tools=SETTINGS)
    settings = result.settings
    if not result.ok:
        lines = [p.format() for p in result.problems]
        words = language(settings)
        return Published(
            False,
            lines,
            words.gettext(
                "Nothing was published: fix what is listed above (the site online is unchanged)."
            ),
        )
    try:
        assert result.build is not None  # a build that succeeded has started
        return _publish(result.build, Path(result.output), dry_run, force)
    except PublishError as error:
        return Published(False, [], error.translated(settings))


def _publish(build: Build, output: Path, dry_run: bool, force: bool) -> Published:
    settings = build.settings
    words = build.language()
    config = settings.get("PUBLISH")
    if not config:
        raise PublishError(
            N_(
                "Nowhere to publish to: set PUBLISH in publishconf.py (see the README, "
                '"Putting the site online").'
            )
        )
    check_output(output)
    check_no_report(output)
    target = target_of(config)
    local = local_manifest(output)
    plan = make_plan(local, target.live(), output)
    check_deletions(plan, float(settings.get("PUBLISH_MAX_DELETE", 0.25)), force)
    counts = _counts(words, plan)
    if dry_run:
        lines = [f"+ {p}" for p in plan.upload] + [f"~ {p}" for p in plan.replace]
        lines += [f"- {p}" for p in plan.delete]
        summary = words.gettext("Dry run, nothing changed online: %(counts)s.", counts=counts)
        return Published(True, lines, summary)
    target.publish(output, local, plan)
    url = str(settings.get("SITEURL") or "") + "/"
    summary = words.gettext("Online at %(url)s: %(counts)s.", url=url, counts=counts)
    hub, topics = settings.get("WEBSUB_HUB"), changed_feeds(build, plan)
    if hub and topics:
        # The site is online whatever the hub says: a failure is only told.
        failed = ping(hub, topics)
        summary += " " + (
            words.gettext("The WebSub hub was told of %(n)d feeds.", n=len(topics))
            if failed is None
            else words.gettext("The WebSub hub could not be told (%(why)s).", why=failed)
        )
    return Published(True, [], summary)


def _counts(words: Any, plan: Plan) -> str:
    return words.gettext(
        "%(sent)d files sent (%(size)s), %(deleted)d deleted, %(same)d unchanged",
        sent=len(plan.sent),
        size=_size(words, plan.bytes),
        deleted=len(plan.delete),
        same=plan.unchanged,
    )


def _size(words: Any, size: int) -> str:
    if size < 1_000_000:
        return words.gettext("%(n)s kB", n=words.number(round(size / 1000, 1)))
    return words.gettext("%(n)s MB", n=words.number(round(size / 1_000_000, 1)))
