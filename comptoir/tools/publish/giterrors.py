"""What git printed, in the owner's words (remote unreachable, not a
repository, access refused, someone else pushed)."""

from __future__ import annotations

from comptoir.core.i18n import N_

from .guards import PublishError

# (what git prints, what the owner reads): first match wins.
_FAILURES = (
    (
        ("Permission denied", "Authentication failed", "terminal prompts disabled", " 403"),
        N_(
            "%(remote)s refused this computer: check that `git push` to it works by hand "
            "(an SSH key in the agent, or a token in git's credential helper)."
        ),
    ),
    (
        ("does not appear to be a git repository", "not found", "No such remote"),
        N_(
            '%(remote)s is not a git repository this computer knows: check "remote" in '
            "PUBLISH (a URL, or the name of one of the project's remotes, like origin)."
        ),
    ),
    (
        (
            "unable to access",
            "Could not resolve",
            "Connection refused",
            "timed out",
            "Could not read from remote",
            "Connection reset",
            "unexpected disconnect",
        ),
        N_(
            '%(remote)s cannot be reached: check your connection and "remote" in PUBLISH '
            "(nothing was changed online)."
        ),
    ),
)


def failure(remote: str, said: str) -> PublishError:
    """The owner's message for what git printed."""
    for needles, message in _FAILURES:
        if any(needle.lower() in said.lower() for needle in needles):
            return PublishError(message, remote=remote)
    if "[rejected]" in said:
        return PublishError(
            N_("Someone else updated %(remote)s meanwhile: run `invoke publish` again."),
            remote=remote,
        )
    lines = [line for line in said.strip().splitlines() if line.strip()]
    return PublishError(
        N_("git answered with an error, and the site online is unchanged: %(detail)s"),
        detail=lines[-1] if lines else "?",
    )
