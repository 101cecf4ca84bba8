"""schema.org structured data (JSON-LD), one ``@graph`` a page (see graph.py).
It owns the ``structured_data()`` template function: it reads the build's
settings and site-wide values and the item being rendered, and writes
nothing but the script the head includes; no Review or AggregateRating.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from markupsafe import Markup
from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.i18n.jinja import page_language
from comptoir.core.plugin import Plugin
from comptoir.plugins.search.page import SearchPages

from .graph import business_node, content_nodes, home_label, page_nodes, script

PLUGIN = Plugin("structured")


def _graph(build: Build, ctx: Any, path: str = "", name: str = "") -> Markup:
    settings = build.settings
    site = str(settings.get("SITEURL") or "").rstrip("/")
    lang = page_language(build, ctx).code
    graph = [
        {
            "@type": "WebSite",
            "@id": f"{site}/#website",
            "url": f"{site}/",
            "name": build.site.get("name"),
            "inLanguage": lang,
            "publisher": {"@id": f"{site}/#business"},
        },
        business_node(settings, build.site, site),
    ]
    searching = build.part(SearchPages).path() if settings.get("SEARCH") else ""
    if searching:
        # The search page reads its query from the address (search.js).
        graph[0]["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{site}/{searching}?q={{q}}"},
            "query-input": "required name=q",
        }
    item = ctx.get("article") or ctx.get("page")
    if item is not None:
        section = None
        kind = getattr(item, "comptoir_kind", None)
        if kind in ("story", "tutorial"):
            words = settings["COMPTOIR_SECTIONS"][settings["DEFAULT_LANG"]]
            word = words["stories" if kind == "story" else "tutorials"]
            translations = page_language(build, ctx).translations
            if kind == "story":
                label = translations.gettext("Stories")
            else:
                label = translations.gettext("Tutorials")
            section = (label, f"{site}/{word}/")
        graph += content_nodes(item, f"{site}/{item.url}", site, section, lang)
    else:
        graph += _list_nodes(build, ctx, site, path, name, lang)
    return Markup(script(graph))


def _list_nodes(
    build: Build, ctx: Any, site: str, path: str, name: Any, lang: str
) -> list[dict[str, Any]]:
    """The home page, a section, a tag, the tags or the testimonials: a
    CollectionPage with its breadcrumb."""
    # The template hands over the escaped title: back to text for the JSON.
    name = name.unescape() if isinstance(name, Markup) else str(name)
    home = (home_label(lang), f"{site}/")
    if not path:
        return page_nodes(f"{site}/", name, site, [(home[0], None)], lang)
    crumbs: list[tuple[str, str | None]] = [home]
    settings = build.settings
    if ctx.get("tag") is not None and settings.get("TAGS_URL"):
        label = page_language(build, ctx).translations.gettext("Tags")
        crumbs.append((label, f"{site}/{settings['TAGS_URL']}"))
        name = str(ctx["tag"])
    crumbs.append((name, None))
    return page_nodes(f"{site}/{path}", name, site, crumbs, lang, "CollectionPage")


def on_generator_init(build: Build, generator: Any) -> None:
    """Templates write ``{{ structured_data() }}`` in the head."""

    @pass_context
    def structured_data(ctx: Any, path: str = "", name: str = "") -> Markup:
        return _graph(build, ctx, path, name)

    generator.env.globals["structured_data"] = structured_data


def register(build: Build) -> None:
    build.connect(signals.generator_init, on_generator_init)
