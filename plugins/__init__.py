"""Comptoir's Pelican plugins, one concern per sub-package.

The folder is installed as the ``comptoir`` package (see pyproject.toml), so a
plugin is enabled in ``pelicanconf.py`` by its dotted name, e.g.
``"comptoir.typography"``. :data:`PLUGINS` is the list the kit ships with, in
the order they must register.
"""

PLUGINS = [
    "comptoir.settings",
    "comptoir.build",
    "comptoir.i18n",
    "comptoir.business",
    "comptoir.images",
    "comptoir.content",
    "comptoir.tutorials",
    "comptoir.testimonials",
    "comptoir.typography",
    "comptoir.navigation",
    "comptoir.cards",
    "comptoir.sitemap",
    "comptoir.structured",
    "comptoir.feeds",
    "comptoir.share",
    "comptoir.embeds",
    "comptoir.paths",
    "comptoir.sanitize",
    # After every plugin that writes pages: it checks what they wrote.
    "comptoir.check",
    "comptoir.publish",
    # Last: it lists every file the others wrote.
    "comptoir.headers",
]
