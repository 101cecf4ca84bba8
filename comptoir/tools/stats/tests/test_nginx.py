"""`invoke stats` on a real nginx's own logs: the example site, built as
published, served by nginx on loopback; requests made with chosen
addresses (127.0.0.x), user agents and referrers; the report's figures
must be exactly those the requests call for."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .nginx_server import nginx

ROOT = Path(__file__).resolve().parents[4]
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
FEEDLY = (
    "Feedly/1.0 (+http://www.feedly.com/fetcher.html; {n} subscribers; like FeedFetcher-Google)"
)
INOREADER = (
    "Mozilla/5.0 (compatible; Inoreader/1.0; +https://www.inoreader.com/feed-fetcher; "
    "12 subscribers; )"
)
NETNEWSWIRE = "NetNewsWire (RSS Reader; https://netnewswire.com/)"
WORDPRESS = "WordPress/6.7.1; https://www.cafe-partenaire.example"
STORY = "/histoires/le-pain-de-la-veille/"
SITE = "https://www.lesdeuxepis.example"
# (source address, method, path, user agent, referrer)
REQUESTS = [
    ("127.0.0.2", "GET", "/", FIREFOX, ""),
    ("127.0.0.2", "GET", STORY, FIREFOX, "https://www.google.fr/"),
    ("127.0.0.2", "GET", "/theme/css/site.css", FIREFOX, f"{SITE}{STORY}"),
    ("127.0.0.3", "GET", f"{STORY}?utm_source=lettre&utm_medium=email", CHROME, ""),
    ("127.0.0.3", "GET", STORY, CHROME, f"{SITE}/"),
    ("127.0.0.3", "GET", "/tutoriels/", CHROME, "https://blog.partner.example/billet"),
    ("127.0.0.2", "GET", STORY, CHROME, ""),
    ("127.0.0.4", "GET", "/histoires/", GOOGLEBOT, ""),
    ("127.0.0.4", "GET", "/", "", ""),
    ("127.0.0.2", "HEAD", "/", FIREFOX, ""),
    ("127.0.0.5", "GET", "/rss.xml", FEEDLY.format(n=118), ""),
    ("127.0.0.5", "GET", "/rss.xml", FEEDLY.format(n=120), ""),
    ("127.0.0.5", "GET", "/atom.xml", INOREADER, ""),
    ("127.0.0.6", "GET", "/rss.xml", NETNEWSWIRE, ""),
    ("127.0.0.6", "GET", "/rss.xml", NETNEWSWIRE, ""),
    ("127.0.0.7", "GET", "/feed.json", FIREFOX, ""),
    (
        "127.0.0.8",
        "GET",
        f"/embed{STORY}",
        FIREFOX,
        "https://www.cafe-partenaire.example/blog/",
    ),
    ("127.0.0.8", "GET", f"/embed{STORY}oembed.json", WORDPRESS, ""),
    ("127.0.0.2", "GET", "/histoires/nexiste-pas/", FIREFOX, ""),
    ("127.0.0.9", "GET", "/", FIREFOX, ""),  # the owner, in STATS_IGNORE
]


def request(port: int, source: str, method: str, path: str, agent: str, referrer: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, source_address=(source, 0))
    headers = {"Host": "www.lesdeuxepis.example", "User-Agent": agent}
    if referrer:
        headers["Referer"] = referrer
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for name, value in headers.items():
        if value or name != "User-Agent":
            connection.putheader(name, value)
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory, example_builder) -> tuple[Path, Path]:
    """(the project, the folder of nginx's logs) once every request is made."""
    root = tmp_path_factory.mktemp("stats-nginx")
    project = root / "site"
    example_builder(project, "publishconf.py")
    shutil.copy(ROOT / "tasks.py", project / "tasks.py")
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nSTATS_IGNORE = ["127.0.0.9"]\n')
    with nginx(project / "output", root / "logs", root / "nginx") as port:
        statuses = [request(port, *r) for r in REQUESTS]
    assert statuses.count(404) == 1 and statuses.count(200) == len(REQUESTS) - 1
    return project, root / "logs"


def run_stats(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C", "LC_ALL": "C"}
    return subprocess.run(
        [sys.executable, "-m", "invoke", "stats", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


EXPECTED_PAGES = [
    {"path": STORY, "title": "Que devient le pain de la veille\u202f?", "views": 4, "visitors": 3},
    {"path": "/", "title": "Les Deux Épis", "views": 1, "visitors": 1},
    {"path": "/tutoriels/", "title": "Tutoriels", "views": 1, "visitors": 1},
]


def test_invoke_stats_on_nginx_logs_gives_exactly_the_expected_figures(logs) -> None:
    project, folder = logs
    done = run_stats(project, "--out", "rapport", "--", str(folder / "access.log"))
    assert done.returncode == 0, done.stderr
    figures = json.loads((project / "rapport" / "stats.json").read_text("utf-8"))
    assert figures["views"] == 6
    assert figures["visitors"] == 3
    assert figures["pages"] == EXPECTED_PAGES
    assert figures["referrers"] == [
        {"site": "Google", "views": 1},
        {"site": "La lettre", "views": 1},
        {"site": "blog.partner.example", "views": 1},
    ]
    assert figures["embeds"] == [{"site": "cafe-partenaire.example", "path": STORY, "views": 2}]
    assert figures["feeds"]["subscribers"] == 134
    assert figures["feeds"]["by_reader"] == {
        "Feedly": 120,
        "Inoreader": 12,
        "NetNewsWire": 1,
        "Autres lecteurs": 1,
    }
    assert figures["feeds"]["by_feed"] == {"/rss.xml": 121, "/atom.xml": 12, "/feed.json": 1}
    assert figures["not_found"] == [{"path": "/histoires/nexiste-pas/", "hits": 1}]
    # Googlebot, an empty agent, a HEAD, and WordPress's server fetching the
    # oEmbed document (a robot, counted as an embed too).
    assert figures["bots"] == 4
    assert figures["ignored"] == 1
    assert figures["unparsed"] == 0
    assert figures["lines"] == len(REQUESTS)
    assert figures["statuses"] == {"200": len(REQUESTS) - 2, "404": 1}
    assert figures["browsers"] == [
        {"name": "Chrome", "visitors": 2},
        {"name": "Firefox", "visitors": 1},
    ]
    assert figures["site"] == "www.lesdeuxepis.example"
    assert figures["period"]["start"] == figures["period"]["end"]
    assert figures["previous"] is None
    # The terminal summary: the figures and the top pages, in French.
    assert "3 visiteurs, 6 pages vues, 134 abonnés aux flux" in done.stdout
    assert STORY in done.stdout
    # No IP and no user agent survive in the report.
    for path in (project / "rapport").iterdir():
        text = path.read_text("utf-8")
        assert "127.0.0." not in text and "Firefox/133" not in text and "Gecko" not in text


def test_the_vhost_log_gives_the_same_figures(logs, tmp_path: Path) -> None:
    project, folder = logs
    first = run_stats(project, "--out", str(tmp_path / "a"), "--", str(folder / "access.log"))
    second = run_stats(project, "--out", str(tmp_path / "b"), "--", str(folder / "vhost.log"))
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    a = json.loads((tmp_path / "a" / "stats.json").read_text("utf-8"))
    b = json.loads((tmp_path / "b" / "stats.json").read_text("utf-8"))
    assert a == b and a["views"] == 6


def test_another_host_in_a_vhost_log_is_left_out_unless_asked(logs, tmp_path: Path) -> None:
    project, folder = logs
    vhost = (folder / "vhost.log").read_text("utf-8")
    other = vhost.replace("www.lesdeuxepis.example:", "autre.example:")
    (tmp_path / "mixed.log").write_text(vhost + other, "utf-8")
    done = run_stats(project, "--out", str(tmp_path / "r"), "--", str(tmp_path / "mixed.log"))
    assert done.returncode == 0, done.stderr
    figures = json.loads((tmp_path / "r" / "stats.json").read_text("utf-8"))
    assert figures["views"] == 6 and figures["lines"] == 2 * len(REQUESTS)
