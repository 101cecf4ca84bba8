"""The core: what every build and every tool stands on.

Owns the settings' declarations and checks (``settings``), the problem report
(``report``), languages and translations (``i18n``), what a plugin declares
(``plugin``) and the build itself (``build``: the driver, its context, the
parallel writer, staging and swap). It imports no plugin and no tool: the
plugins are named in ``PLUGINS`` and loaded by name when a build starts.
"""
