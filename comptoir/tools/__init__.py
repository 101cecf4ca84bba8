"""The owner's tools that act after a build: publish, bench, preview."""
