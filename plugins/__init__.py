"""Comptoir's Pelican plugins, one concern per sub-package (``comptoir.plugins``)."""
