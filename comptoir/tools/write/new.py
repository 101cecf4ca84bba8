"""``invoke new``: start a file with today's date, a slug, a new Id and the keys to fill."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pelican.utils import slugify

from comptoir.core.i18n import N_, language

# Where each kind goes: the first folder of its *_PATHS setting, if set.
FOLDERS = {
    "story": ("STORY_PATHS", "stories"),
    "tutorial": ("TUTORIAL_PATHS", "tutorials"),
    "testimonial": ("TESTIMONIAL_PATHS", "testimonials"),
    "page": ("PAGE_PATHS", "pages"),
}

# Keys to fill in, per kind; empty values are for the owner to complete.
# The Id (the item's id in feeds) goes right under the title, where
# `invoke ids` puts it in older files.
HEADERS = {
    "story": (
        "Title: {title}\nId: {id}\nDate: {date}\nSummary: \nImage: \nImage_alt: \nTags: \n"
        "Status: draft\n"
    ),
    "tutorial": (
        "Title: {title}\nId: {id}\nDate: {date}\nSummary: \nKind: howto\nDuration: \n"
        "Yield: \nDifficulty: \nSupplies: \nTools: \nImage: \nImage_alt: \nTags: \n"
        "Status: draft\n"
    ),
    "testimonial": (
        "Name: {title}\nId: {id}\nDate: {date}\nConsent: \nRole: \nLocation: \nSource: \n"
        "Status: draft\n"
    ),
    "page": "Title: {title}\nId: {id}\nSlug: {slug}\nSummary: \n",
}
# The text to replace, in the site's language.
BODIES = {
    "story": N_("Write your story here."),
    "tutorial": N_("A short introduction.\n\n1. First step.\n2. Second step."),
    "testimonial": N_("The customer's words, exactly as they agreed to publish them."),
    "page": N_("Write the page here."),
}


class NewContentError(Exception):
    pass


def new_file(root: Path, settings: dict[str, Any], kind: str, title: str) -> Path:
    """Create the file and return its path; never overwrite one."""
    words = language(settings)
    if kind not in FOLDERS:
        raise NewContentError(
            words.gettext(
                "Unknown kind “%(kind)s”: write story, tutorial, testimonial or page.", kind=kind
            )
        )
    slug = slugify(title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    if not slug:
        raise NewContentError(words.gettext("The title needs at least one letter or digit."))
    setting, default = FOLDERS[kind]
    folder = Path(settings["PATH"]) / (settings.get(setting) or [default])[0]
    path = (root / folder / f"{slug}.md").resolve()
    if path.exists():
        raise NewContentError(
            words.gettext("%(path)s already exists: choose another title.", path=str(path))
        )
    now = dt.datetime.now(ZoneInfo(settings.get("TIMEZONE", "UTC")))
    header = HEADERS[kind].format(
        title=title, id=uuid.uuid4(), date=now.strftime("%Y-%m-%d %H:%M"), slug=slug
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{header}\n{words.gettext(BODIES[kind])}\n", encoding="utf-8")
    return path
