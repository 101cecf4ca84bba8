"""Comptoir's Pelican plugins, one concern per sub-package.

The folder is installed as the ``comptoir`` package (see pyproject.toml), so a
plugin is enabled in ``pelicanconf.py`` by its dotted name, e.g.
``"comptoir.plugins.typography"``. :data:`PLUGINS` is the list the kit ships with, in
the order they must register.
"""

PLUGINS = [
    "comptoir.core.settings",
    "comptoir.core.build",
    "comptoir.core.i18n",
    "comptoir.plugins.business",
    "comptoir.plugins.images",
    "comptoir.plugins.content",
    "comptoir.plugins.tutorials",
    "comptoir.plugins.testimonials",
    "comptoir.plugins.typography",
    "comptoir.plugins.navigation",
    "comptoir.plugins.cards",
    "comptoir.plugins.sitemap",
    "comptoir.plugins.structured",
    "comptoir.plugins.feeds",
    "comptoir.plugins.share",
    "comptoir.plugins.embeds",
    "comptoir.plugins.paths",
    "comptoir.plugins.sanitize",
    # After every plugin that writes pages: it checks what they wrote.
    "comptoir.plugins.check",
    "comptoir.tools.publish",
    # Last: it lists every file the others wrote.
    "comptoir.plugins.headers",
]
