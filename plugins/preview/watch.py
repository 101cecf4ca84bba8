"""Livereload: rebuild on change, refresh the browser, show errors in the page."""

from __future__ import annotations

import html
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from livereload import Server
from livereload.handlers import StaticFileHandler

from comptoir.build import build
from comptoir.i18n import language

from .server import LOOPBACK

ERROR_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title}</title><style>body{{font:1rem/1.5 system-ui,sans-serif;margin:2rem;
background:#fff4f2;color:#3a0d05}}pre{{white-space:pre-wrap;background:#fff;padding:1rem;
border:2px solid #b3261e;border-radius:.5rem}}</style></head><body>
<h1>{title}</h1><p>{hint}</p><pre>{messages}</pre></body></html>"""


@dataclass
class BuildState:
    """The last build's outcome, shared by the watcher and the web handler."""

    error: str | None = None
    lang: str = "fr"


def error_page(state: BuildState) -> str:
    words = language({"DEFAULT_LANG": state.lang})
    return ERROR_PAGE.format(
        lang=state.lang,
        title=html.escape(words.gettext("The site could not be built")),
        hint=html.escape(
            words.gettext("Fix the file named below and save: this page refreshes by itself.")
        ),
        messages=html.escape(state.error or ""),
    )


class _ErrorAwareHandler(StaticFileHandler):
    """While the last build failed, pages show its messages instead."""

    state: BuildState

    def initialize(self, path: str, default_filename: str | None = None, state=None):
        super().initialize(path, default_filename)
        self.state = state

    async def get(self, path: str, include_body: bool = True) -> None:
        if self.state.error and (path == "" or path.endswith(("/", ".html"))):
            self.set_status(500)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(error_page(self.state))
            return
        await super().get(path, include_body)


class PreviewServer(Server):
    def __init__(self, state: BuildState):
        super().__init__()
        self.state = state

    def get_web_handlers(self, script):
        return [
            (
                r"/(.*)",
                _ErrorAwareHandler,
                {"path": self.root, "default_filename": "index.html", "state": self.state},
            )
        ]


def livereload(project: Path, port: int = 8000, preview: bool = True) -> None:
    """Build, serve on 127.0.0.1, and rebuild whenever a source changes."""
    settings = project / "pelicanconf.py"
    state = BuildState()
    overrides = {"COMPTOIR_PREVIEW": True} if preview else None

    def rebuild() -> Path | None:
        result = build(settings, overrides=overrides)
        problems = [p.format() for p in result.problems]
        state.error = None if result.ok else "\n".join([*problems, "", result.summary])
        state.lang = result.lang
        print(result.summary if result.ok else state.error, flush=True)
        return result.output

    def restart() -> None:
        # Plugin code changed: this process holds the old modules, and every
        # later build must use the new ones, so start afresh (same command,
        # same port; sockets are not inherited across exec).
        words = language({"DEFAULT_LANG": state.lang})
        print(words.gettext("A plugin changed: restarting with the new code…"), flush=True)
        os.execv(sys.executable, sys.orig_argv)

    # If the settings cannot even be read, serve from the usual place so the
    # error page shows; the next save rebuilds.
    output = rebuild() or project / "output"
    output.mkdir(parents=True, exist_ok=True)
    server = PreviewServer(state)
    for watched in ("content", "theme", "pelicanconf.py", "publishconf.py"):
        server.watch(str(project / watched), rebuild)
    server.watch(str(project / "plugins"), restart)
    server.serve(host=LOOPBACK, port=port, root=str(output), restart_delay=0)
