"""Comptoir: a Pelican kit for a small business's own storytelling media.

This package holds the core (``comptoir.core``: settings, the problem report,
languages, the build driver and its context) and the owner's tools
(``comptoir.tools``: publish, bench, preview). The Pelican plugins live in
``plugins/``, installed as ``comptoir.plugins``; :data:`PLUGINS` lists the
ones the kit ships with. Their order does not matter: each plugin says which
others it runs after (see ``comptoir.core.plugin`` and ARCHITECTURE.md).
"""

PLUGINS = [
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
    "comptoir.plugins.check",
    "comptoir.plugins.headers",
]
