"""The example site built once with the production settings, every page's
JSON-LD read by a real extractor (extruct), and the helpers the
structured-data tests (test_structured_data*.py) check it with.

``build_structured_site`` is what the session fixture ``structured_site``
(tests/conftest.py) runs: the build takes a while, and every structured-data
test module reads the same site.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import extruct
import pytest

from comptoir.core.build import build
from tests.structured_profiles import ALWAYS, Profile

ROOT = Path(__file__).resolve().parents[1]


# --- The built site ---------------------------------------------------------


@dataclass
class Page:
    path: str  # relative to the output, e.g. "histoires/x/index.html"
    url: str
    html: str
    blocks: list[dict[str, Any]]
    kind: str  # story, recipe, howto, page or list
    source: dict[str, Any]  # the source's header (lower-case keys); {} for lists

    @property
    def name(self) -> str:
        return "/" + self.path.removesuffix("index.html")

    @property
    def graph(self) -> list[dict[str, Any]]:
        return self.blocks[0].get("@graph", []) if len(self.blocks) == 1 else []

    @property
    def nodes(self) -> dict[str, dict[str, Any]]:
        return {n["@id"]: n for n in self.graph if "@id" in n}

    def of_type(self, *names: str) -> list[dict[str, Any]]:
        return [n for n in self.graph if set(types(n)) & set(names)]


@dataclass
class Built:
    output: Path
    settings: dict[str, Any]
    pages: list[Page]
    sources: list[tuple[str, dict[str, Any]]]  # (expected page path, header)


def types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type", [])
    return [value] if isinstance(value, str) else list(value)


def header(path: Path) -> dict[str, str]:
    """A Markdown file's ``Key: value`` header, keys in lower case."""
    meta: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return meta


def local_time(text: str, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=zone)


def published_sources(settings: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each published story, tutorial and page, with the path of its page."""
    zone, now = ZoneInfo(settings["TIMEZONE"]), dt.datetime.now(dt.UTC)
    default = settings["DEFAULT_LANG"]
    found = []
    for folder, kind in (("stories", "story"), ("tutorials", "tutorial"), ("pages", "page")):
        for file in sorted((Path(settings["PATH"]) / folder).glob("*.md")):
            meta: dict[str, Any] = header(file)
            if (
                meta.get("status") == "draft"
                or local_time(meta.get("date", "1970-01-01"), zone) > now
            ):
                continue
            meta.setdefault("author", settings.get("AUTHOR"))
            meta["kind"] = meta.get("kind", "howto") if kind == "tutorial" else kind
            lang, slug = meta.get("lang", default), meta.get("slug", file.stem)
            word = "" if kind == "page" else settings["COMPTOIR_SECTIONS"][lang][folder] + "/"
            prefix = "" if lang == default else f"{lang}/"
            found.append((f"{prefix}{word}{slug}/index.html", meta))
    return found


def build_structured_site(root: Path) -> Built:
    """The example site (content, theme and settings copied into ``root``)
    built with publishconf.py, each page read back with its JSON-LD."""
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, root / name)
    # publishconf.py imports pelicanconf by name: make sure it is this copy's.
    saved = list(sys.path)
    sys.modules.pop("pelicanconf", None)
    sys.path.insert(0, str(root))
    try:
        result = build(root / "publishconf.py", strict=True)
    finally:
        sys.path[:] = saved
        sys.modules.pop("pelicanconf", None)
    assert result.ok, "\n".join(p.format() for p in result.problems)
    settings = result.settings
    site_url = settings["SITEURL"].rstrip("/")
    sources = published_sources(settings)
    by_path = dict(sources)
    pages = []
    for file in sorted(result.output.rglob("*.html")):
        path = file.relative_to(result.output).as_posix()
        if path == "404.html" or path.startswith("embed/"):
            continue
        text = file.read_text(encoding="utf-8")
        url = f"{site_url}/{path.removesuffix('index.html')}"
        blocks = extruct.extract(text, base_url=url, syntaxes=["json-ld"], uniform=True)
        source = by_path.get(path, {})
        kind = source.get("kind", "list")
        pages.append(Page(path, url, text, blocks["json-ld"], kind, source))
    return Built(result.output, settings, pages, sources)


# --- Helpers ----------------------------------------------------------------


def walk(value: Any, where: str = "") -> Iterator[tuple[str, str, Any]]:
    """Every (path, key, value) in a JSON tree; a graph's nodes named by type."""
    if where == "" and isinstance(value, list):
        for node in value:
            yield from walk(node, "/".join(types(node)) or "?")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield where, key, item
            yield from walk(item, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, f"{where}[{index}]")


def empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def has_data(data: dict[str, Any], key: str) -> bool:
    if key == ALWAYS:
        return True
    value: Any = data
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return not empty(value)


def resolve(page: Page, value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"@id"}:
        return page.nodes.get(value["@id"])
    return value


def check(page: Page, node: Any, profile: Profile, data: dict[str, Any], what: str) -> list[str]:
    """The profile's required properties, and its recommended ones the data holds."""
    node = resolve(page, node)
    if not isinstance(node, dict):
        return [f"{page.name}: {what} is not an object: {node!r}"]
    problems = [
        f"{page.name}: {what} lacks required property {prop!r}"
        for prop in profile.required
        if empty(resolve(page, node.get(prop)))
    ]
    problems += [
        f"{page.name}: {what} lacks recommended property {prop!r}"
        + (f" (the content has {key!r})" if key else "")
        for prop, key in profile.recommended.items()
        if has_data(data, key) and empty(resolve(page, node.get(prop)))
    ]
    return problems


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def output_file(site: Built, url: str) -> Path | None:
    """The output file an address of this site points to (None: another host)."""
    base = urlsplit(site.settings["SITEURL"])
    parts = urlsplit(url)
    if parts.netloc != base.netloc:
        return None
    path = parts.path.lstrip("/")
    return site.output / (path + "index.html" if path.endswith("/") or not path else path)


def minutes(text: str) -> int:
    """``1 h 30``, ``45 min``, ``18 h`` or ISO ``PT1H30M`` (the content contract)."""
    if text.upper().startswith("PT"):
        hours = re.search(r"(\d+)H", text.upper())
        mins = re.search(r"(\d+)M", text.upper())
        return (int(hours.group(1)) * 60 if hours else 0) + (int(mins.group(1)) if mins else 0)
    hours = re.search(r"(\d+)\s*h", text)
    mins = re.search(r"(\d+)\s*min", text) or re.search(r"h\s*(\d+)\s*$", text)
    return (int(hours.group(1)) * 60 if hours else 0) + (int(mins.group(1)) if mins else 0)


def same_text(a: str, b: str) -> bool:
    """Equal but for the typography plugin's apostrophes and spaces."""
    return " ".join(a.replace("’", "'").split()) == " ".join(b.replace("’", "'").split())


def fail_if(problems: list[str]) -> None:
    """Fail with every problem; the same one on many pages is one line."""
    pages: dict[str, list[str]] = {}
    for problem in problems:
        page, _, what = problem.partition(": ")
        pages.setdefault(what, []).append(page)
    lines = [f"{', '.join(where)}: {what}" for what, where in pages.items()]
    if lines:
        pytest.fail(f"{len(problems)} problem(s):\n" + "\n".join(lines), pytrace=False)
