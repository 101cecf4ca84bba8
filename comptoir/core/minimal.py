"""The smallest ``pelicanconf.py`` of a working Comptoir site.

Tests and the benchmark build throwaway sites with it; an owner's real file
is the commented example at the project's root.
"""

from __future__ import annotations

TEMPLATE = """\
from comptoir import PLUGINS
SITENAME = {name!r}
AUTHOR = {name!r}
PATH = "content"
OUTPUT_PATH = "output"
THEME = {theme!r}
DEFAULT_LANG = "fr"
TIMEZONE = "Europe/Paris"
STORY_PATHS = ["stories"]
TUTORIAL_PATHS = ["tutorials"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
SLUGIFY_SOURCE = "basename"
PLUGINS = list(PLUGINS)
BUSINESS = {{"name": {name!r}, "type": "Bakery", "description": "Une boulangerie d'essai.",
             "opening_hours": "lun-ven 7:00-19:00"}}
HOME_STORIES = 4
DIRECT_TEMPLATES = ["index", "tags", "404"]
PAGINATED_TEMPLATES = {{"category": None, "tag": None}}
JINJA_ENVIRONMENT = {{"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}}
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""


def minimal_settings(theme: str, name: str = "Test") -> str:
    """The text of a minimal settings file using ``theme``."""
    return TEMPLATE.format(theme=theme, name=name)
