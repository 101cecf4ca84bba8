"""Comptoir's Pelican plugins, one concern per folder (``comptoir.plugins``).

Each plugin declares itself in ``PLUGIN`` (its settings, its Markdown
extensions, what it derives for Pelican, which plugins it runs after) and
connects its handlers in ``register(build)``, for one build at a time. A
plugin imports the core (``comptoir.core``) and other plugins, never a tool,
and never talks to the network: publishing and mailing are the tools' work.
"""
