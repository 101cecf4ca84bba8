"""Settings of the example bakery site.

This is the file an owner edits: the business profile, the brand and a few
options. Everything is checked when the site is built; a mistake gives a
message naming the setting and what to write instead.
"""

from comptoir import PLUGINS as COMPTOIR_PLUGINS

# --- The business ---------------------------------------------------------
SITENAME = "Les Deux Épis"
SITESUBTITLE = "Boulangerie au levain, four à bois, Lyon 1er"
AUTHOR = "Camille Garnier"

BUSINESS = {
    "name": "Boulangerie Les Deux Épis",
    # The schema.org type: Bakery, Store, Restaurant, Organization…
    "type": "Bakery",
    "description": "Boulangerie au levain naturel et au four à bois, "
    "farines de meuniers de la région, au cœur des Pentes de la Croix-Rousse.",
    "address": {
        "street": "12 rue des Tanneurs",
        "postal_code": "69001",
        "city": "Lyon",
        "country": "FR",
    },
    "geo": {"latitude": 45.7701, "longitude": 4.8322},
    "phone": "04 65 71 12 34",
    "email": "bonjour@lesdeuxepis.example",
    # Written the French way: days then hours, groups separated by ";".
    "opening_hours": "mar-ven 7:00-13:30, 15:30-19:30; sam 7:00-19:00; dim 7:30-12:30",
    "price_range": "€",
    "siret": "123 456 789 00012",
    "social": [],
    # The call to action shown on every page.
    "cta": {"label": "Commander pour demain", "url": "/contact/"},
}

# --- The brand ------------------------------------------------------------
BRAND = {
    "primary": "#8a3b12",  # links, buttons
    "on_primary": "#ffffff",  # text on buttons
    "background": "#fffaf3",
    "text": "#2b1d14",
    "logo": "images/logo.svg",
    # A square mark for the browser tab and phone home screens (optional:
    # without it, the logo is centred on a square).
    "icon": "images/icon.svg",
}

# --- The letter (invoke digest; see the README, "Sending the letter") ------
DIGEST = {
    "from": "Les Deux Épis <bonjour@lesdeuxepis.example>",
    # One subject per language; {month} is the month in the reader's language.
    "subject": {
        "fr": "Les nouvelles des Deux Épis — {month}",
        "en": "News from Les Deux Épis — {month}",
    },
    # The password goes in the environment variable COMPTOIR_SMTP_PASSWORD.
    "smtp": "smtp://lettre@smtp.lesdeuxepis.example:587",
    "rate": 30,  # messages a minute, as the provider allows
}

# --- Language and time ----------------------------------------------------
DEFAULT_LANG = "fr"
TIMEZONE = "Europe/Paris"

# --- Where things are -----------------------------------------------------
PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
STORY_PATHS = ["stories"]
TUTORIAL_PATHS = ["tutorials"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
SLUGIFY_SOURCE = "basename"  # a file's name is its address

# --- Lists ----------------------------------------------------------------
DEFAULT_PAGINATION = 10
HOME_STORIES = 4

# --- Plugins (Comptoir's own; add yours after them) -----------------------
PLUGINS = list(COMPTOIR_PLUGINS)

# --- Development defaults (publishconf.py overrides them) ------------------
SITEURL = ""
RELATIVE_URLS = False
# Feeds come with Comptoir's feeds plugin (a later step), not Pelican's.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
FEED_ATOM = None
FEED_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None

DIRECT_TEMPLATES = ["index", "tags", "404"]
PAGINATED_TEMPLATES = {"category": None, "tag": None}
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}
