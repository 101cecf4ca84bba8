"""What ``invoke check`` prints: one line per finding, then a count."""

from __future__ import annotations

from dataclasses import dataclass

from comptoir.core.i18n import N_, language
from comptoir.core.report import Problem

LABELS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


@dataclass(frozen=True)
class Printed:
    lines: list[str]  # one per finding, ``path:line: label: key — message``
    summary: str
    exit_code: int  # 1 on errors, or on warnings when strict


def format_findings(
    problems: list[Problem], settings: dict, checked: int, strict: bool = False
) -> Printed:
    """Findings sorted by file and line, each with its severity in the site's
    language, and the summary count."""
    words = language(settings)
    ordered = sorted(problems, key=lambda p: (p.path, p.line or 0))
    lines = [_line(p, words.gettext(LABELS[p.severity])) for p in ordered]
    counts = {s: sum(p.severity == s for p in problems) for s in LABELS}
    parts = [
        words.ngettext(
            "%(count)d error", "%(count)d errors", counts["error"], count=counts["error"]
        ),
        words.ngettext(
            "%(count)d warning", "%(count)d warnings", counts["warning"], count=counts["warning"]
        ),
        words.ngettext("%(count)d info", "%(count)d infos", counts["info"], count=counts["info"]),
    ]
    summary = words.ngettext(
        "%(count)d file checked: %(counts)s.",
        "%(count)d files checked: %(counts)s.",
        checked,
        count=checked,
        counts=", ".join(parts),
    )
    if counts["error"] or counts["warning"]:
        summary += " " + words.gettext(
            "`invoke publish` puts the site online only once errors and warnings are fixed."
        )
    failed = counts["error"] > 0 or (strict and counts["warning"] > 0)
    return Printed(lines, summary, 1 if failed else 0)


def _line(problem: Problem, label: str) -> str:
    where = problem.path if problem.line is None else f"{problem.path}:{problem.line}"
    key = f"{problem.key.capitalize()} — " if problem.key else ""
    return f"{where}: {label}: {key}{problem.message}"
