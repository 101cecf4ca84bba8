"""The search page, one per language the site publishes in: ``recherche/``
on a French site, ``search/`` on an English one, ``en/search/`` for its
English stories (as their own addresses are ``en/…``). The form's query is
in the address (``?q=croissant``); search.js asks Pagefind and shows the
results. Without JavaScript the page lists the titles by kind and the tags
(the archive), so nothing becomes unreachable.

Templates get ``search_path()``: the search page of the language being
rendered (the header's field and icon), or "" when search is off.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from jinja2 import pass_context
from pelican.generators import Generator

from comptoir.core.build.context import for_build
from comptoir.core.i18n import N_
from comptoir.core.i18n.jinja import page_language
from comptoir.plugins.content.lists import address_taken, contents

from .parts import bundles, split
from .records import KINDS, Record, records

if TYPE_CHECKING:
    from comptoir.core.build import Build

PAGE_WORDS = {"fr": "recherche", "en": "search"}
# The no-JS archive lists this many titles of each kind, newest first, then
# links to the kind's own pages: a site of 5,000 stories would otherwise
# send every reader of the search page half a megabyte of titles.
ARCHIVE_TITLES = 100
# Each kind's heading in the archive (msgids, in the page's language).
PLURALS = {
    "story": N_("Stories"),
    "tutorial": N_("Tutorials"),
    "testimonial": N_("Testimonials"),
    "page": N_("Pages"),
}


def base_path(settings: dict[str, Any]) -> str:
    """The site's path on its host ("" or "/boutique"), as the index uses it."""
    return urlsplit(str(settings.get("SITEURL") or "")).path.rstrip("/")


@dataclass
class SearchPages:
    """The search pages and the records of one build (a part of the build,
    worked out once the generators are done)."""

    build: Build

    @cached_property
    def records(self) -> list[Record]:
        return records(self.build, base_path(self.build.settings))

    @cached_property
    def parts(self) -> list[list[Record]]:
        """The records in the index's parts (parts.py)."""
        return split(self.records, self.build.settings["SEARCH_PART_RECORDS"])

    def bundles(self, lang: str) -> list[str]:
        """The addresses of the index's parts the ``lang`` page searches."""
        root = f"{base_path(self.build.settings)}/pagefind/"
        return [root + folder for folder in bundles(self.parts, lang)] or [root]

    @cached_property
    def languages(self) -> list[str]:
        """The site's language first, then every other one it publishes in."""
        default = self.build.settings["DEFAULT_LANG"]
        found = {
            getattr(content, "lang", None) or default
            for content, state in contents(self.build.generators)
            if state == "published"
        }
        return [default, *sorted(found - {default})]

    def path(self, lang: str | None = None) -> str:
        """``recherche/`` (or ``en/search/``), or "" with search off."""
        settings = self.build.settings
        if not settings["SEARCH"]:
            return ""
        default = settings["DEFAULT_LANG"]
        lang = lang if lang in self.languages else default
        word = PAGE_WORDS.get(lang, "search")
        return f"{word}/" if lang == default else f"{lang}/{word}/"


def archive(found: list[Record], headings: dict[str, str], pages: dict[str, str]) -> list[dict]:
    """What the page lists without JavaScript: each kind's heading, titles
    (newest first, at most ARCHIVE_TITLES), count and own page."""
    mine = sorted(found, key=lambda r: r.sort["date"], reverse=True)
    kinds = []
    for kind in KINDS:
        items = [r for r in mine if r.kind == kind]
        if items:
            kinds.append(
                {
                    "kind": kind,
                    "label": headings[kind],
                    # Titles and addresses only: the page depends on nothing
                    # else of a record (build/reuse.py keeps it otherwise).
                    "items": [
                        {"url": r.url, "title": r.meta["title"]} for r in items[:ARCHIVE_TITLES]
                    ],
                    "count": len(items),
                    "url": pages.get(kind, ""),
                }
            )
    return kinds


class SearchPageGenerator(Generator):
    """Writes each language's search page (templates/search.html). Made for
    one build (``for_build``)."""

    build: Build

    def generate_context(self) -> None:
        """Nothing to read: the records come from the other generators."""

    def generate_output(self, writer: Any) -> None:
        part = self.build.part(SearchPages)
        if not self.settings["SEARCH"]:
            return
        words = self.settings["COMPTOIR_SECTIONS"][self.settings["DEFAULT_LANG"]]
        sections = {
            "story": f"{words['stories']}/",
            "tutorial": f"{words['tutorials']}/",
            "testimonial": str(self.settings.get("TESTIMONIALS_URL") or ""),
        }
        tags = sorted(self.context.get("tags", []), key=lambda pair: str(pair[0]).lower())
        message = N_("The address /%(url)s is the search page's: give this page another Slug.")
        for lang in part.languages:
            path = part.path(lang)
            if address_taken(self.build, self.context, path, message):
                continue
            mine = [r for r in part.records if r.language == lang]
            language = self.build.language(lang)
            headings = {kind: language.gettext(label) for kind, label in PLURALS.items()}
            # The labels the index files under "kind", in KINDS' order.
            labels = {r.kind: r.meta["kind"] for r in mine}
            writer.write_file(
                f"{path}index.html",
                self.get_template("search"),
                self.context,
                relative_urls=self.settings.get("RELATIVE_URLS", False),
                page_name=path.rstrip("/"),
                page_lang=lang,
                search_archive=archive(mine, headings, sections),
                search_kinds=[labels[kind] for kind in KINDS if kind in labels],
                search_tags=sorted(
                    {t for r in mine for t in r.filters.get("tag", ())}, key=str.lower
                ),
                search_all_tags=tags,
                pagefind_url=part.bundles(lang)[0] + "pagefind.js",
                pagefind_parts=part.bundles(lang)[1:],
            )


def get_generators(build: Build, pelican: Any) -> type:
    return for_build(SearchPageGenerator, build)


def on_generator_init(build: Build, generator: Any) -> None:
    """Templates get ``search_path()`` (the header's search field and icon)."""

    @pass_context
    def search_path(ctx: Any) -> str:
        return build.part(SearchPages).path(page_language(build, ctx).code)

    generator.env.globals["search_path"] = search_path
