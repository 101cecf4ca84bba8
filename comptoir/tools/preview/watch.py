"""Livereload: rebuild on change, refresh the browser, show errors in the page."""

from __future__ import annotations

import html
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import watchfiles
from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop

from comptoir.core.build import build
from comptoir.core.i18n import language
from comptoir.plugins.content import drafts_of

from .incremental import LiveSite, changed_files, snapshot
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
    # What the last build said even when it succeeded (a draft left out for
    # a mistake in its header is only told): shown on a missing page.
    notes: str = ""


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


def missing_page(state: BuildState) -> str:
    """A page the last build did not make (a draft it left out, a page
    renamed): what the build said, and, like every page here, livereload's
    script, so the page comes back by itself once the file is fixed."""
    words = language({"DEFAULT_LANG": state.lang})
    return ERROR_PAGE.format(
        lang=state.lang,
        title=html.escape(words.gettext("This page is not in the site")),
        hint=html.escape(
            words.gettext(
                "The last build did not make it. If you are writing it, fix what is said "
                "below and save: this page refreshes by itself."
            )
        ),
        messages=html.escape(state.notes or words.gettext("The build said nothing about it.")),
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

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        if status_code != 404:
            super().write_error(status_code, **kwargs)
            return
        # An HTML page with a <head>: livereload's script goes in it.
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(missing_page(self.state))


class FastWatcher(Watcher):
    """livereload's watcher, woken by the system's file events (watchfiles,
    already a Pelican dependency) instead of polling every 0.8 s."""

    def start(self, callback: Any) -> bool:
        loop = IOLoop.current()
        paths = [path for path in self._tasks if os.path.exists(path)]
        # Record every file's current state now (livereload would on its
        # first poll), so the first real change is seen as one change.
        for path, task in self._tasks.items():
            self._task_mtimes = task["mtimes"]
            self.is_changed(path, task["ignore"])
        loop.add_callback(callback)  # consumes livereload's own start-up entry

        def listen() -> None:
            for _changes in watchfiles.watch(
                *paths, step=20, rust_timeout=0, yield_on_timeout=False
            ):
                loop.add_callback(callback)

        threading.Thread(target=listen, daemon=True).start()
        return True


class PreviewServer(Server):
    def __init__(self, state: BuildState):
        super().__init__(watcher=FastWatcher())
        self.state = state
        # livereload ignores changes within 3 s of the last reload; an owner
        # who saves twice in a row must see the second save too.
        LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    def get_web_handlers(self, script):
        return [
            (
                r"/(.*)",
                _ErrorAwareHandler,
                {"path": self.root, "default_filename": "index.html", "state": self.state},
            )
        ]


def tell_drafts(built: Any, port: int, lang: str) -> None:
    """Print where each draft is (they are linked from the home page only)."""
    drafts = drafts_of(built.generators)
    if not drafts:
        return
    words = language({"DEFAULT_LANG": lang})
    print(words.gettext("Drafts, shown on this computer only:"), flush=True)
    for draft in drafts:
        print(f"  http://{LOOPBACK}:{port}/{draft.url}  ({draft.title})", flush=True)


def livereload(project: Path, port: int = 8000, preview: bool = True) -> None:
    """Build, serve on 127.0.0.1, and rebuild whenever a source changes."""
    settings = project / "pelicanconf.py"
    state = BuildState()
    overrides = {"COMPTOIR_PREVIEW": True} if preview else None
    content = project / "content"
    live: dict[str, Any] = {"site": None, "files": snapshot(content), "indexing": None}

    def reindex_later(site: LiveSite) -> None:
        # After the reload: the page shows at once, search catches up.
        thread = threading.Thread(target=site.reindex, name="reindex", daemon=True)
        live["indexing"] = thread
        thread.start()

    def settle() -> None:
        # A full build never races a re-index of the site it replaces.
        if live["indexing"] is not None:
            live["indexing"].join()
            live["indexing"] = None

    def show(ok: bool, summary: str, problems: list[str], lang: str) -> None:
        state.error = None if ok else "\n".join([*problems, "", summary])
        state.notes = "\n".join(problems)
        state.lang = lang
        print(summary if ok else state.error, flush=True)

    def rebuild() -> Path | None:
        settle()
        live["files"] = snapshot(content)
        result = build(settings, overrides=overrides)
        show(result.ok, result.summary, [p.format() for p in result.problems], result.lang)
        ok = result.ok and result.build is not None
        if ok and preview:
            tell_drafts(result.build, port, result.lang)
        live["site"] = LiveSite(result.build, result.output) if ok else None
        return result.output

    def content_changed() -> None:
        # One story's text changed: update just its page (a few ms) when
        # nothing else can depend on the change; otherwise build in full.
        before, after = live["files"], snapshot(content)
        changed = changed_files(before, after)
        site = live["site"]
        if site is not None and len(changed) == 1 and next(iter(changed)).endswith(".md"):
            started = time.perf_counter()
            report = site.update(next(iter(changed)))
            if report is not None:
                live["files"] = after
                words = language({"DEFAULT_LANG": state.lang})
                if report.errors:
                    summary = words.gettext(
                        "Build failed (%(e)d errors, %(w)d warnings): the previous site is left "
                        "as it was.",
                        e=len(report.errors),
                        w=len(report.warnings),
                    )
                    show(False, summary, [p.format() for p in report.problems], state.lang)
                    live["site"] = None  # the next save builds in full
                else:
                    seconds = words.number(round(time.perf_counter() - started, 2))
                    show(True, words.gettext("Page updated in %(s)s s.", s=seconds), [], state.lang)
                    settle()
                    reindex_later(site)
                return
        rebuild()

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
    server.watch(str(content), content_changed, delay=0)
    for watched in ("theme", "pelicanconf.py", "publishconf.py"):
        server.watch(str(project / watched), rebuild)
    for code in ("comptoir", "plugins"):
        server.watch(str(project / code), restart)
    server.serve(host=LOOPBACK, port=port, root=str(output), restart_delay=0)
