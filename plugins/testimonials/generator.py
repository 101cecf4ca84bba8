"""The testimonials generator: reads content/testimonials/, writes the wall."""

from __future__ import annotations

import datetime as dt
import os
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from blinker import signal
from pelican.contents import Content, SkipStub
from pelican.generators import CachingGenerator
from pelican.utils import slugify

if TYPE_CHECKING:
    from comptoir.core.build import Build

# Sent with the metadata of each testimonial, like Pelican's own
# article_generator_context; comptoir.plugins.content reports problems from it.
testimonial_generator_context = signal("comptoir_testimonial_generator_context")


class Testimonial(Content):
    """A customer's words, published only with their consent."""

    mandatory_properties = ("name", "date", "consent")
    allowed_statuses = ("published", "hidden", "draft", "skip")
    default_status = "published"
    default_template = "testimonials"

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Like a future post, a testimonial waits for its date; and it always
        # waits for its consent: a consent dated later is not a consent yet.
        consent = getattr(self, "consent", None)
        if consent is not None and consent.tzinfo is None:
            self.consent = consent = consent.replace(tzinfo=self.timezone)
        now = dt.datetime.now(self.timezone)
        future = not self.settings.get("WITH_FUTURE_DATES", True) and self.date > now
        if future or (consent is not None and consent > now):
            self.status = "draft"


class TestimonialsGenerator(CachingGenerator):
    """Read testimonials into ``context['testimonials']``; write their wall.
    Made for one build (``for_build``)."""

    build: Build

    def __init__(self, *args: Any, **kwargs: Any):
        self.testimonials: list[Testimonial] = []
        # Waiting for their date or consent: `invoke check` says so.
        self.testimonial_drafts: list[Testimonial] = []
        self.testimonial_slugs: set[str] = set()
        super().__init__(*args, **kwargs)

    def generate_context(self) -> None:
        preview = self.build.preview
        subs = self.settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
        for path in self.get_files(self.settings["TESTIMONIAL_PATHS"]):
            name = os.path.splitext(os.path.basename(path))[0]
            self.testimonial_slugs.add(slugify(name, regex_subs=subs))
            item = self.get_cached_data(path, None)
            if item is None:
                item = self.readers.read_file(
                    base_path=self.path,
                    path=path,
                    content_class=Testimonial,
                    context=self.context,
                    context_signal=testimonial_generator_context,
                    context_sender=self,
                )
                if isinstance(item, SkipStub) or not item.is_valid():
                    self._add_failed_source_path(path)
                    continue
                self.cache_data(path, item)
            self.testimonial_slugs.add(item.slug)
            if item.status == "published" or (preview and item.status == "draft"):
                self.testimonials.append(item)
            elif item.status == "draft":
                self.testimonial_drafts.append(item)
            self.add_source_path(item)
            self.add_static_links(item)
        self.testimonials.sort(key=attrgetter("date"), reverse=True)
        self._update_context(("testimonials",))
        self.save_cache()
        self.readers.save_cache()

    def generate_output(self, writer: Any) -> None:
        save_as = self.settings["TESTIMONIALS_SAVE_AS"]
        if not save_as:
            return
        writer.write_file(
            save_as,
            self.get_template("testimonials"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            testimonials=self.testimonials,
            page_name=save_as.rsplit("/index.html", 1)[0],
            url=self.settings["TESTIMONIALS_URL"],
        )
