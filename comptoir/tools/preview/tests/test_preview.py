"""serve and livereload, on loopback, against a real browser-less HTTP client."""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from comptoir.tools.preview.server import make_server

ROOT = Path(__file__).resolve().parents[4]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_serve_listens_on_loopback_and_answers_404_with_the_site_page(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("home")
    (tmp_path / "404.html").write_text("our own 404")
    server = make_server(tmp_path, 0)
    assert server.server_address[0] == "127.0.0.1"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        assert fetch(f"http://127.0.0.1:{port}/") == (200, "home")
        assert fetch(f"http://127.0.0.1:{port}/nope/") == (404, "our own 404")
    finally:
        server.shutdown()
        server.server_close()


def test_serve_gzips_text_as_a_host_does_and_leaves_the_rest(tmp_path: Path) -> None:
    page = "<!doctype html><title>Pain</title>" + "<p>levain</p>" * 200
    (tmp_path / "histoires").mkdir()
    (tmp_path / "histoires" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "site.css").write_text("body{color:red}" * 100)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8" + b"x" * 3000)
    (tmp_path / "fr_1a2b3c4.pf_index").write_bytes(gzip.compress(b"index piece"))
    server = make_server(tmp_path, 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def get(path: str, encoding: str | None, method: str = "GET"):
        headers = {"Accept-Encoding": encoding} if encoding else {}
        request = urllib.request.Request(base + path, headers=headers, method=method)
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.headers, response.read()

    try:
        headers, body = get("/histoires/", "br, gzip;q=0.8")
        assert headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
        assert headers["Content-Type"] == "text/html"
        assert int(headers["Content-Length"]) == len(body) < len(page) / 5
        assert gzip.decompress(body).decode("utf-8") == page
        headers, body = get("/site.css", "gzip")
        assert headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == (tmp_path / "site.css").read_bytes()
        # HEAD: the same headers, no body.
        headers, body = get("/site.css", "gzip", "HEAD")
        assert headers["Content-Encoding"] == "gzip" and body == b""
        # Not asked for, refused, or not text: the bytes as they are.
        for path, encoding in [
            ("/histoires/", None),
            ("/histoires/", "gzip;q=0"),
            ("/photo.jpg", "gzip"),
            ("/fr_1a2b3c4.pf_index", "gzip"),
        ]:
            headers, body = get(path, encoding)
            assert headers["Content-Encoding"] is None, (path, encoding)
            assert (
                body
                == (
                    tmp_path / path.strip("/").replace("histoires", "histoires/index.html")
                ).read_bytes()
            )
    finally:
        server.shutdown()
        server.server_close()


def wait_for(url: str, predicate, timeout: float = 30) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    last: tuple[int, str] = (0, "")
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if predicate(*last):
                return last
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"timed out; last answer {last[0]}: {last[1][:300]}")


@contextlib.contextmanager
def livereload(project: Path, log: Path | None = None) -> Iterator[str]:
    """Run ``invoke livereload`` in ``project`` (what it prints into ``log``,
    if given); yield its base URL."""
    shutil.copy(ROOT / "tasks.py", project / "tasks.py")
    port = free_port()
    with open(log or os.devnull, "w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "livereload", "--port", str(port)],
            cwd=project,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://127.0.0.1:{port}"
        assert process.poll() is None, "livereload stopped"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_livereload_shows_a_build_error_in_the_page_then_recovers(example_copy) -> None:
    story = example_copy.root / "content/stories/une-nuit-au-fournil.md"
    good = story.read_text(encoding="utf-8")
    with livereload(example_copy.root) as base:
        url = f"{base}/histoires/une-nuit-au-fournil/"
        _, page = wait_for(url, lambda s, _: s == 200)
        assert "livereload.js" in page
        story.write_text(good.replace("Date: 2025-09-08 06:00", "Date: hier soir"))
        _, page = wait_for(url, lambda s, _: s == 500)
        assert "Le site n’a pas pu être construit" in page
        assert "content/stories/une-nuit-au-fournil.md:4: date" in page
        assert "hier soir" in page
        story.write_text(good)
        wait_for(url, lambda s, body: s == 200 and "Une nuit au fournil" in body)


def test_livereload_previews_drafts_marked(example_copy) -> None:
    with livereload(example_copy.root) as base:
        _, page = wait_for(
            f"{base}/brouillons/brouillon-projet-salon-de-the/", lambda s, _: s == 200
        )
        assert 'content="noindex"' in page and 'class="draft-mark"' in page


def test_livereload_restarts_with_fresh_code_when_a_plugin_changes(example_copy) -> None:
    plugin = example_copy.root / "plugins" / "mine.py"
    plugin.parent.mkdir()
    plugin.write_text("X = 1\n")
    log = example_copy.root / "livereload.log"
    with livereload(example_copy.root, log) as base:
        url = f"{base}/"
        wait_for(url, lambda s, _: s == 200)
        starts = log.read_text().count("Site construit")
        plugin.write_text("X = 2\n")
        deadline = time.monotonic() + 30
        while log.read_text().count("Site construit") == starts and time.monotonic() < deadline:
            time.sleep(0.3)
        assert "Un plugin a changé" in log.read_text(), "no restart after a plugin change"
        wait_for(url, lambda s, _: s == 200)


def test_livereload_survives_a_typo_in_the_settings(example_copy) -> None:
    conf = example_copy.settings
    good = conf.read_text(encoding="utf-8")
    with livereload(example_copy.root) as base:
        wait_for(base + "/", lambda s, _: s == 200)
        conf.write_text(good + "\nSITENAME = 'oups\n", encoding="utf-8")
        _, page = wait_for(base + "/", lambda s, _: s == 500)
        assert "pelicanconf.py:" in page and "SyntaxError" in page
        conf.write_text(good, encoding="utf-8")
        wait_for(base + "/", lambda s, _: s == 200)


@pytest.mark.browser
def test_a_draft_broken_then_fixed_comes_back_by_itself(example_copy, new_visit) -> None:
    """The page being viewed disappears from the build (a draft with a
    mistake is left out, only told): the browser shows why, with
    livereload's script, and shows the draft again once it is fixed."""
    draft = example_copy.root / "content/stories/brouillon-projet-salon-de-the.md"
    good = draft.read_text(encoding="utf-8")
    with livereload(example_copy.root) as base, new_visit() as visit:
        url = f"{base}/brouillons/brouillon-projet-salon-de-the/"
        wait_for(url, lambda s, _: s == 200)
        visit.page.goto(url)
        title = visit.page.locator("h1").inner_text()
        draft.write_text(re.sub(r"^Date: .*$", "Date: demain matin", good, flags=re.M))
        visit.page.wait_for_function(
            "document.body.innerText.includes('Cette page n’est pas dans le site')",
            timeout=30_000,
        )
        body = visit.page.locator("body").inner_text()
        assert "brouillon-projet-salon-de-the.md:" in body and "demain matin" in body
        assert visit.page.url == url
        draft.write_text(good, encoding="utf-8")
        visit.page.wait_for_function(
            f"document.querySelector('h1') && document.querySelector('h1').innerText === {title!r}",
            timeout=30_000,
        )


def test_livereload_lists_the_drafts_in_the_terminal_and_on_the_home_page(example_copy) -> None:
    log = example_copy.root / "livereload.log"
    with livereload(example_copy.root, log) as base:
        _, home = wait_for(f"{base}/", lambda s, _: s == 200)
        assert "Brouillons, visibles sur cet ordinateur seulement" in log.read_text()
        assert f"{base}/brouillons/brouillon-projet-salon-de-the/" in log.read_text()
        assert '<h2 id="c-drafts">Brouillons</h2>' in home
        assert 'href="/brouillons/brouillon-projet-salon-de-the/"' in home
    assert example_copy.build().ok  # a build for the site itself: no drafts on its home page
    assert "c-drafts" not in example_copy.page("index.html")


def test_livereload_reindexes_search_after_a_text_edit(example_copy, tmp_path: Path) -> None:
    """A story's text edited: its page first (the fast path), then, after
    the reload, the search index holds the new word."""
    story = example_copy.root / "content/stories/une-nuit-au-fournil.md"
    log = tmp_path / "livereload.log"
    with livereload(example_copy.root, log) as base:
        url = f"{base}/histoires/une-nuit-au-fournil/"
        wait_for(url, lambda s, _: s == 200)
        story.write_text(story.read_text("utf-8") + "\nUn mot rare : zythophile.\n", "utf-8")
        wait_for(url, lambda s, body: s == 200 and "zythophile" in body)
        fragments = example_copy.root / "output/pagefind/fragment"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            texts = [gzip.decompress(p.read_bytes()) for p in fragments.glob("*.pf_fragment")]
            if any(b"zythophile" in text for text in texts):
                break
            time.sleep(0.3)
        else:
            raise AssertionError("the search index never caught up")
    assert "Page mise à jour" in log.read_text("utf-8")  # the fast path, not a full build


def test_a_download_the_browser_stops_prints_nothing(tmp_path: Path) -> None:
    """A reader leaving a page mid-download (or a search piece no longer
    needed) is not an error: no traceback in the owner's terminal; a real
    error still shows. Run in a child so its standard error is its own."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from comptoir.tools.preview.server import make_server\n"
        "server = make_server(Path(sys.argv[1]), 0)\n"
        "for error in (BrokenPipeError(32, 'Broken pipe'), ConnectionResetError(104, 'reset'),"
        " ValueError('a real one')):\n"
        "    try:\n"
        "        raise error\n"
        "    except Exception:\n"
        "        server.handle_error(None, ('127.0.0.1', 1))\n"
        "server.server_close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert "BrokenPipeError" not in done.stderr and "ConnectionResetError" not in done.stderr
    assert "ValueError: a real one" in done.stderr
