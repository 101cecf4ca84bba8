"""Which feeds a site has, where they live and what they are called.

``site`` (every story and tutorial, also as JSON Feed), ``stories``,
``tutorials``, ``testimonials`` and one per tag: RSS at ``…/rss.xml``, Atom
at ``…/atom.xml``, beside the HTML list each feed stands for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from comptoir.core.build import Build


KINDS = ("site", "stories", "tutorials", "testimonials", "tags")


@dataclass(frozen=True)
class Feed:
    key: str  # "site", "stories", …, or "tag:<slug>"
    title: str
    page: str  # the HTML page it stands for, a path on the site ("" is home)
    folder: str  # "" for the site's feeds, else e.g. "histoires/"
    items: int
    full: bool
    json: bool = False

    @property
    def rss(self) -> str:
        return f"{self.folder}rss.xml"

    @property
    def atom(self) -> str:
        return f"{self.folder}atom.xml"

    @property
    def json_path(self) -> str | None:
        return f"{self.folder}feed.json" if self.json else None


def _shape(settings: dict[str, Any], kind: str) -> tuple[int, bool]:
    override = settings.get("FEED_OVERRIDES", {}).get(kind, {})
    items = int(override.get("items", settings["FEED_ITEMS"]))
    content = override.get("content", settings["FEED_CONTENT"])
    return items, content == "full"


def catalog(build: Build, tags: list[Any]) -> list[Feed]:
    """The site's feeds, in the order the subscribe page lists them."""
    settings = build.settings
    chosen = set(settings["FEEDS"])
    words = settings["COMPTOIR_SECTIONS"][settings["DEFAULT_LANG"]]
    say = build.language().gettext
    name = build.site["name"]
    feeds = []
    if "site" in chosen:
        feeds.append(Feed("site", name, "", "", *_shape(settings, "site"), json=True))
    labels = {"stories": say("Stories"), "tutorials": say("Tutorials")}
    labels["testimonials"] = say("Testimonials")
    for kind in ("stories", "tutorials", "testimonials"):
        if kind in chosen:
            folder = f"{words[kind]}/"
            title = f"{name} — {labels[kind]}"
            feeds.append(Feed(kind, title, folder, folder, *_shape(settings, kind)))
    if "tags" in chosen:
        for tag in sorted(tags, key=lambda t: t.slug):
            title = f"{name} — {say('Tag: %(tag)s', tag=str(tag))}"
            feeds.append(
                Feed(f"tag:{tag.slug}", title, tag.url, tag.url, *_shape(settings, "tags"))
            )
    return feeds
