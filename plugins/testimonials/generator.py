"""The testimonials generator: reads content/testimonials/, writes the wall."""

from __future__ import annotations

import datetime as dt
from operator import attrgetter
from typing import Any

from blinker import signal
from pelican.contents import Content, SkipStub
from pelican.generators import CachingGenerator

# Sent with the metadata of each testimonial, like Pelican's own
# article_generator_context; comptoir.content reports problems from it.
testimonial_generator_context = signal("comptoir_testimonial_generator_context")


class Testimonial(Content):
    """A customer's words, published only with their consent."""

    mandatory_properties = ("name", "date", "consent")
    allowed_statuses = ("published", "hidden", "draft", "skip")
    default_status = "published"
    default_template = "testimonials"

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not self.settings.get("WITH_FUTURE_DATES", True) and hasattr(self, "date"):
            now = dt.datetime.now(self.date.tzinfo)
            if self.date > now:
                self.status = "draft"

    @property
    def is_future(self) -> bool:
        return self.date > dt.datetime.now(self.date.tzinfo)


class TestimonialsGenerator(CachingGenerator):
    """Read testimonials into ``context['testimonials']``; write their wall."""

    def __init__(self, *args: Any, **kwargs: Any):
        self.testimonials: list[Testimonial] = []
        self.draft_testimonials: list[Testimonial] = []
        self.testimonial_slugs: set[str] = set()
        super().__init__(*args, **kwargs)

    def generate_context(self) -> None:
        for path in self.get_files(self.settings["TESTIMONIAL_PATHS"]):
            self.testimonial_slugs.add(path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
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
            if item.status == "published":
                self.testimonials.append(item)
            elif item.status == "draft":
                self.draft_testimonials.append(item)
            self.add_source_path(item)
            self.add_static_links(item)
        self.testimonials.sort(key=attrgetter("date"), reverse=True)
        self._update_context(("testimonials",))
        self.context["testimonial_slugs"] = self.testimonial_slugs
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
