"""The embeds generator: card pages, widgets, the partners' page, oEmbed files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from pelican.generators import Generator

from comptoir.core.i18n import N_

from . import oembed
from .addresses import (
    OEMBED,
    ROOT,
    card_path,
    embeddable,
    is_absolute,
    is_testimonial,
    site_root,
    target_path,
    widget_paths,
)

if TYPE_CHECKING:
    from comptoir.core.build import Build


def plain(html: Any) -> str:
    return Markup(str(html or "")).striptags()


def item_title(build: Build, item: Any) -> str:
    """A card's title as plain text, in the item's language."""
    if is_testimonial(item):
        words = build.language(getattr(item, "lang", None))
        return words.gettext("Testimonial from %(name)s", name=item.name)
    # A title is plain text (the theme escapes it), never markup to strip.
    return str(item.title)


def frame_title(build: Build, item: Any) -> str:
    """The iframe's title (its accessible name): the card, then the site."""
    return f"{item_title(build, item)} — {build.site['name']}"


def widget_title(build: Build, which: str) -> str:
    words = build.language()
    if which == "stories":
        label = words.gettext("Latest stories")
    else:
        label = words.gettext("In our customers' words")
    return f"{label} — {build.site['name']}"


class EmbedsGenerator(Generator):
    """Writes ``embed/…``: a card per story, tutorial and testimonial, the two
    widgets, the page for partners; and, on a build with absolute addresses,
    an oEmbed file beside each card and widget. Made for one build
    (``for_build``)."""

    build: Build

    def generate_context(self) -> None:
        """Nothing to read: everything comes from the other generators."""

    def _items(self) -> tuple[list[Any], list[Any]]:
        articles = [*self.context.get("articles", []), *self._translations()]
        stories = [a for a in articles if embeddable(self.settings, a)]
        testimonials = [
            t for t in self.context.get("testimonials", []) if embeddable(self.settings, t)
        ]
        return stories, testimonials

    def _translations(self) -> list[Any]:
        # Pelican keeps translations out of ``articles``; each original knows its own.
        return [t for a in self.context.get("articles", []) for t in getattr(a, "translations", [])]

    def _taken(self) -> bool:
        """A page of the owner's at embed/…: say so rather than overwrite it."""
        clash = False
        for page in [*self.context.get("pages", []), *self.context.get("hidden_pages", [])]:
            if str(getattr(page, "save_as", "")).startswith(f"{ROOT}/"):
                self.build.report.add(
                    page.source_path,
                    self.build.gettext(
                        N_("The address /%(root)s/ is for embeds: give this page another Slug."),
                        root=ROOT,
                    ),
                    key="slug",
                )
                clash = True
        return clash

    def generate_output(self, writer: Any) -> None:
        settings = self.settings
        if not settings.get("EMBEDS") or self._taken():
            return
        stories, testimonials = self._items()
        write = self._writer(writer)
        for item in stories:
            path = card_path(settings, item)
            write(path, "embed/story", article=item)
            self._oembed(path, item, "story")
        for item in testimonials:
            path = card_path(settings, item)
            write(path, "embed/testimonial", testimonial=item)
            self._oembed(path, item, "testimonial")
        widgets = widget_paths(settings)
        latest = [s for s in self.context.get("stories", []) if embeddable(settings, s)]
        latest = latest[: settings["EMBED_LATEST_COUNT"]]
        quotes = testimonials[: settings["EMBED_TESTIMONIALS_COUNT"]]
        write(widgets["stories"], "embed/stories", embed_stories=latest)
        write(widgets["testimonials"], "embed/testimonials", embed_testimonials=quotes)
        for which, items in (("stories", latest), ("testimonials", quotes)):
            self._widget_oembed(widgets[which], which, items)
        write(f"{ROOT}/", "embed/partners", embed_stories=latest, embed_testimonials=quotes)

    def _writer(self, writer: Any):
        def write(path: str, template: str, **values: Any) -> None:
            writer.write_file(
                f"{path}index.html",
                self.get_template(template),
                self.context,
                relative_urls=False,
                page_name=path.rstrip("/"),
                **values,
            )

        return write

    def _save(self, path: str, text: str) -> None:
        target = Path(self.output_path) / path / OEMBED
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def _oembed(self, path: str, item: Any, kind: str) -> None:
        settings = self.settings
        if not is_absolute(settings):
            return
        site = site_root(settings)
        target = f"{site}/{target_path(settings, item)}"
        if kind == "testimonial":
            author, author_url = item.name, target
            image = getattr(item, "photo_info", None)
            height = oembed.testimonial_height(plain(item.content))
        else:
            author, author_url = (
                str(getattr(item, "author", "") or self.build.site["name"]),
                site + "/",
            )
            image = getattr(item, "cover", None)
            summary = plain(getattr(item, "summary", ""))
            height = oembed.story_height(plain(item.title), summary, bool(image))
        self._save(
            path,
            oembed.document(
                title=item_title(self.build, item),
                author_name=author,
                author_url=author_url,
                provider_name=self.build.site["name"],
                provider_url=site + "/",
                card=f"{site}/{path}",
                frame_title=frame_title(self.build, item),
                height=height,
                image=image,
            ),
        )

    def _widget_oembed(self, path: str, which: str, items: list[Any]) -> None:
        settings = self.settings
        if not is_absolute(settings):
            return
        site = site_root(settings)
        title = widget_title(self.build, which)
        if which == "stories":
            entries = [oembed.WIDGET_STORY] * len(items)
        else:
            entries = [50 + 27 * oembed.quote_lines(plain(t.content)) for t in items]
        height = oembed.widget_height(entries or [48])
        self._save(
            path,
            oembed.document(
                title=title,
                author_name=self.build.site["name"],
                author_url=site + "/",
                provider_name=self.build.site["name"],
                provider_url=site + "/",
                card=f"{site}/{path}",
                frame_title=title,
                height=height,
                image=None,
            ),
        )
