"""Save → fresh page: the time from saving a story to the livereload server
serving it rewritten, the way the owner feels it (a real ``invoke
livereload`` in its own process, polled over HTTP)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def edit(story: Path, marker: str) -> None:
    text = story.read_text(encoding="utf-8")
    story.write_text(text.rstrip("\n") + f"\n\nMarque {marker}.\n", encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def livereload_seconds(project: Path, story: Path, url_path: str) -> float:
    """Seconds from saving a story to the livereload server serving it fresh."""
    port = _free_port()
    shutil.copy(Path(__file__).resolve().parents[3] / "tasks.py", project / "tasks.py")
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "livereload", "--port", str(port), "--no-drafts"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}{url_path}"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 600
        while "<html" not in page():
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("livereload did not start")
            time.sleep(0.2)
        time.sleep(1.5)  # let the watcher settle on its first scan
        marker = f"livereload-{time.time_ns()}"
        saved = time.perf_counter()
        edit(story, marker)
        while marker not in page():
            if time.perf_counter() - saved > 120:
                raise RuntimeError("the edited story never showed up")
            time.sleep(0.02)
        return time.perf_counter() - saved
    finally:
        process.terminate()
        process.wait(timeout=20)
