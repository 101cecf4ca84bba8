"""The letter (email digest) on the site's side: it owns the ``DIGEST``
setting, checked once with every other setting (config.py), and the
"Receive the letter" block of the subscribe page (``letter_signup()`` in
templates): a mailto to the owner with the subject filled in, or a form
posting to the owner's list manager. No script, nothing from another host.
``invoke digest`` (comptoir/tools/digest) sends the letter itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.i18n import N_
from comptoir.core.plugin import Plugin
from comptoir.core.settings import Setting

from .config import SUBJECT, DigestConfig, check_digest, digest_config

__all__ = ["PLUGIN", "SUBJECT", "DigestConfig", "Signup", "digest_config", "register"]

SETTINGS = (
    Setting(
        "DIGEST",
        None,
        "The letter sent by `invoke digest` (None: no letter); see the README's"
        " “Sending the letter”.",
        check_digest,
    ),
)
PLUGIN = Plugin("letter", settings=SETTINGS)
# The subject of the mail a reader sends to ask for the letter.
ASK = N_("Please send me your letter")


@dataclass(frozen=True)
class Signup:
    """How a reader asks for the letter: a form (``action``) or a mail."""

    action: str | None  # the list manager's subscription form (https)
    mailto: str | None  # a mail to the owner, subject filled in


def signup(build: Build) -> Signup | None:
    """``letter_signup()`` in templates: None when the site has no letter."""
    config = digest_config(build.settings)
    if config is None:
        return None
    if config.signup_url:
        return Signup(action=config.signup_url, mailto=None)
    subject = build.language().gettext(ASK)
    return Signup(action=None, mailto=f"mailto:{config.owner}?subject={quote(subject)}")


def on_generator_init(build: Build, generator: Any) -> None:
    """Give templates ``letter_signup()``."""
    generator.env.globals["letter_signup"] = lambda: signup(build)


def register(build: Build) -> None:
    build.connect(signals.generator_init, on_generator_init)
