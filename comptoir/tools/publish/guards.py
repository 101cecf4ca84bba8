"""What stops a publish before anything live changes (``--force`` overrides
the last two): no target, an empty build, a build that would take down a
large share of the pages live now."""

from __future__ import annotations

from pathlib import Path

from comptoir.core.i18n import N_
from comptoir.core.i18n.errors import OwnerError

from .plan import Plan


class PublishError(OwnerError):
    """A publish that cannot or must not go on; the live site is untouched."""


def check_output(output: Path) -> None:
    """A build with no home page is never published (an empty or half folder
    would replace the live site)."""
    if not (output / "index.html").is_file():
        raise PublishError(
            N_(
                "The built site in %(path)s has no home page (index.html): nothing is "
                "published; run `invoke build` and read its messages."
            ),
            path=str(output),
        )


# What `invoke stats` writes in its report's head (comptoir/tools/stats).
REPORT_MARKER = b'<meta name="generator" content="Comptoir stats">'


def check_no_report(output: Path) -> None:
    """A statistics report is for the owner only: a build that carries one
    (copied into content/, say) is never published."""
    for path in sorted(output.rglob("*")):
        if path.suffix not in (".html", ".json") or not path.is_file():
            continue
        if path.suffix == ".json" and path.name != "stats.json":
            continue
        with path.open("rb") as handle:
            # A page says so in its head; stats.json by its keys (small: read whole).
            found = handle.read() if path.suffix == ".json" else handle.read(4096)
        if REPORT_MARKER in found or (path.suffix == ".json" and b'"unparsed"' in found):
            raise PublishError(
                N_(
                    "%(path)s is a statistics report (`invoke stats`): it is for you only "
                    "and is never published. Move it out of the site's folders, then "
                    "publish again."
                ),
                path=str(path.relative_to(output)),
            )


def check_deletions(plan: Plan, max_share: float, force: bool) -> None:
    """Refuse to delete more than ``max_share`` of the pages live now."""
    if force or plan.live_pages == 0:
        return
    share = plan.deleted_pages / plan.live_pages
    if share > max_share:
        raise PublishError(
            N_(
                "This publish would delete %(deleted)d of the %(live)d pages online now, "
                "more than PUBLISH_MAX_DELETE allows (%(share)d %%): check the build, then "
                "run `invoke publish --force` if that is what you want."
            ),
            deleted=plan.deleted_pages,
            live=plan.live_pages,
            share=round(max_share * 100),
        )
