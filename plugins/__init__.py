"""Comptoir's Pelican plugins, one concern per folder (``comptoir.plugins``).
Each owns its declaration (``PLUGIN``: settings, Markdown extensions, what it
derives for Pelican, which plugins it runs after) and its handlers, connected
by ``register(build)`` for one build at a time. A plugin imports the core
and other plugins, never a tool, and never talks to the network.
"""
