"""What a page's own HTML holds: headings, images, links.

Read from the HTML Pelican made from the Markdown (in memory, before any
template): the theme's parts are checked once by the test suite, the owner's
text on every ``invoke check``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from .privacy import srcset_urls


@dataclass(frozen=True)
class Image:
    src: str
    alt: str | None  # None: no alt attribute at all
    # Every file the browser may load for it: src and each srcset candidate.
    files: tuple[str, ...]


@dataclass
class Body:
    headings: list[int] = field(default_factory=list)  # levels, in order
    images: list[Image] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.body = Body()
        self.sources: list[str] = []  # <source srcset> of the <picture> being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.body.headings.append(int(tag[1]))
        elif tag == "a" and values.get("href"):
            self.body.links.append(values["href"])
        elif tag == "source":
            self.sources += srcset_urls(values.get("srcset", ""))
        elif tag == "img":
            src = values.get("src", "")
            files = (src, *srcset_urls(values.get("srcset", "")), *self.sources)
            alt = dict(attrs).get("alt")
            self.body.images.append(Image(src, alt, tuple(f for f in files if f)))
            self.sources = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "picture":
            self.sources = []


def read_body(html: str) -> Body:
    """The headings, images and links of one piece of HTML."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.body
