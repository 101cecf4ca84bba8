"""The core: what every build and every tool stands on. It owns the settings'
declarations and checks, the problem report, languages, plugin declarations,
the artefacts cache and the build itself. It must not import a plugin or a
tool: the plugins are named in ``PLUGINS`` and loaded by name when a build
starts.
"""
