"""Comptoir: a Pelican kit for a small business's own storytelling media. This
package holds the core (``comptoir.core``) and the owner's tools
(``comptoir.tools``); the Pelican plugins live in ``plugins/``, installed as
``comptoir.plugins``. It owns :data:`PLUGINS`, the list the kit ships with,
and nothing else: no build state lives at the package level.
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
    "comptoir.plugins.letter",
    "comptoir.plugins.share",
    "comptoir.plugins.embeds",
    "comptoir.plugins.paths",
    "comptoir.plugins.sanitize",
    "comptoir.plugins.search",
    "comptoir.plugins.check",
    "comptoir.plugins.headers",
]
