"""Security and cache headers: ``_headers`` (Netlify, Cloudflare Pages) and
``.htaccess`` (Apache), written into the output at the end of each build.
It owns those two files only, and runs after every other plugin since it
lists every file they wrote (see rules.py for what each file gets, and why).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pelican.plugins import signals

from comptoir.core.build import Build
from comptoir.core.i18n import N_
from comptoir.core.plugin import LAST, Plugin
from comptoir.core.settings import Setting
from comptoir.plugins.letter import digest_config
from comptoir.plugins.search import search_pages

from .rules import headers_file, htaccess, site_files

DIRECTIVES = frozenset(
    {"default-src", "script-src", "style-src", "img-src", "font-src", "media-src"}
    | {"connect-src", "frame-src", "manifest-src", "worker-src", "form-action"}
)
# An https origin with an optional path, or data:/blob: for images and media.
# No quote, space, comma or semicolon can get through to end the header.
SOURCE = re.compile(r"https://[A-Za-z0-9*][A-Za-z0-9.-]*(:\d{1,5})?(/[A-Za-z0-9._~/%-]*)?")


def _extra(value: Any, _: dict) -> str | tuple[str, dict[str, Any]] | None:
    if not isinstance(value, dict):
        return N_('Write a dict, like {"img-src": ["https://images.example.com"]}.')
    for directive, sources in value.items():
        if directive not in DIRECTIVES:
            return N_("Unknown directive %(name)s: use one of %(names)s."), {
                "name": directive,
                "names": ", ".join(sorted(DIRECTIVES)),
            }
        if not isinstance(sources, list | tuple):
            return N_("Write the hosts for %(name)s as a list."), {"name": directive}
        for source in sources:
            if not (
                isinstance(source, str)
                and (SOURCE.fullmatch(source) or source in ("data:", "blob:"))
            ):
                return N_("%(source)s is not allowed: write an address starting with https://."), {
                    "source": source
                }
    return None


SETTINGS = (
    Setting(
        "CSP_EXTRA",
        {},
        "Other hosts the pages may load from, by CSP directive: "
        '{"img-src": ["https://images.example.com"]}.',
        _extra,
    ),
)


# Last of all, after the checks too: it lists every file the others wrote.
PLUGIN = Plugin("headers", settings=SETTINGS, after=(LAST, "check"))


def on_finalized(build: Build, pelican: Any) -> None:
    """Write _headers and .htaccess for the files just built."""
    settings = build.settings
    output = Path(pelican.output_path)
    siteurl = str(settings.get("SITEURL") or "")
    # As base.html decides: a published build has an absolute https address.
    published = siteurl.startswith("https://") and not build.preview
    extra = {k: list(v) for k, v in settings["CSP_EXTRA"].items()}
    # The letter's signup form posts to the owner's list manager, if set.
    letter = digest_config(settings)
    if letter and letter.signup_url:
        parts = urlsplit(letter.signup_url)
        extra.setdefault("form-action", []).append(f"{parts.scheme}://{parts.netloc}")
    # With the pages kept in the live site (patch.py), not in the staging folder.
    files = site_files(output, build.kept_files)
    # Only the search pages run WebAssembly (and Pagefind's worker, from
    # its own folder): only they may compile it.
    pages = search_pages(build)
    search = (*pages, "pagefind/") if pages else ()
    text = headers_file(files, extra, published, search)
    (output / "_headers").write_text(text, encoding="utf-8")
    base = urlsplit(siteurl).path.rstrip("/")
    (output / ".htaccess").write_text(htaccess(extra, published, base, search), encoding="utf-8")


def register(build: Build) -> None:
    build.connect(signals.finalized, on_finalized)
