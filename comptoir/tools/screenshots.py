"""``invoke screenshots``: the example site as a visitor first sees it.

It owns the two pictures the README shows (``docs/screenshots/``): the home
page on a phone (375 px wide) and on a desktop (1,280 px), taken in headless
Chromium from a build of the site served on 127.0.0.1. It builds into a
scratch folder and never touches the owner's ``output/``.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from comptoir.core.build import build
from comptoir.core.i18n import N_, OwnerError

from .preview.server import LOOPBACK, make_server

CHROMIUM = "/usr/bin/chromium"
# Chromium as this kind of machine allows it: no sandbox as root, no
# background traffic to Google's services (there may be no internet).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SIZES = {"phone": (375, 812), "desktop": (1280, 800)}


class ScreenshotError(OwnerError):
    """What stopped the pictures (``translated(settings)`` says it)."""


NEEDS = N_("Screenshots need the test tools: run %(command)s first, then try again.")


def screenshots(settings_file: Path, folder: Path) -> list[Path]:
    """Build the site, serve it on loopback, and save the home page at each
    size into ``folder``; return the files written."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # a test tool, not in the kit's own install
        raise ScreenshotError(NEEDS, command=".venv/bin/pip install -e '.[test]'") from error
    if not Path(CHROMIUM).exists():
        raise ScreenshotError(NEEDS, command=".venv/bin/invoke test-deps")
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "output"
        result = build(settings_file, overrides={"OUTPUT_PATH": str(output)})
        if not result.ok:
            lines = "\n".join([*(p.format() for p in result.problems), result.summary])
            message = N_("The site could not be built, so there are no screenshots: %(lines)s")
            raise ScreenshotError(message, lines=lines)
        server = make_server(output, 0, quiet=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            return _shoot(sync_playwright, f"http://{LOOPBACK}:{server.server_address[1]}/", folder)
        finally:
            server.shutdown()
            server.server_close()


def _shoot(sync_playwright, url: str, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, (width, height) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(url, wait_until="networkidle")
                target = folder / f"{name}.png"
                page.screenshot(path=str(target))
                page.close()
                written.append(target)
        finally:
            browser.close()
    return written
