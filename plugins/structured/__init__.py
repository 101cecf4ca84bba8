"""schema.org structured data (JSON-LD), one ``@graph`` a page (see graph.py)."""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from markupsafe import Markup
from pelican.plugins import signals

from comptoir.i18n.jinja import page_language

from .graph import business_node, content_nodes, script


def _graph(ctx: Any) -> Markup:
    settings = ctx.get("COMPTOIR_SETTINGS") or {}
    site = str(settings.get("SITEURL") or "").rstrip("/")
    lang = page_language(ctx).code
    graph = [
        {
            "@type": "WebSite",
            "@id": f"{site}/#website",
            "url": f"{site}/",
            "name": settings.get("SITENAME"),
            "inLanguage": lang,
            "publisher": {"@id": f"{site}/#business"},
        },
        business_node(settings, site),
    ]
    item = ctx.get("article") or ctx.get("page")
    if item is not None:
        section = None
        kind = getattr(item, "comptoir_kind", None)
        if kind in ("story", "tutorial"):
            words = settings["COMPTOIR_SECTIONS"][settings["DEFAULT_LANG"]]
            word = words["stories" if kind == "story" else "tutorials"]
            translations = page_language(ctx).translations
            if kind == "story":
                label = translations.gettext("Stories")
            else:
                label = translations.gettext("Tutorials")
            section = (label, f"{site}/{word}/")
        graph += content_nodes(item, f"{site}/{item.url}", site, section, lang)
    return Markup(script(graph))


def on_generator_init(generator: Any) -> None:
    """Templates write ``{{ structured_data() }}`` in the head."""
    generator.env.globals["structured_data"] = pass_context(_graph)


def register() -> None:
    signals.generator_init.connect(on_generator_init)
