"""S3 against a real SeaweedFS on loopback: objects with their Content-Type
and Cache-Control, only changed objects sent, deletions last and only in
the prefix, dry run, guards, owners' messages, and a connection cut midway
(S3 has no atomic switch: the site online stays usable, see s3.py)."""

from __future__ import annotations

import hashlib
import io
import socket
import sys
import threading
import time
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from PIL import Image

from comptoir.tools.publish import PublishError, publish
from comptoir.tools.publish.s3 import MANIFEST, S3Target, phase
from comptoir.tools.publish.tests.staging import STORIES, outside_index, story

SITE = "https://www.example.fr"
FR = {"DEFAULT_LANG": "fr"}


def photo(site, name: str, colour: tuple[int, int, int]) -> None:
    data = io.BytesIO()
    Image.new("RGB", (1200, 800), colour).save(data, "JPEG")
    path = site.root / "content/images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.getvalue())


def settings_for(endpoint: str, bucket: str) -> str:
    return (
        f'SITEURL = "{SITE}"\n'
        f'PUBLISH = {{"target": "s3", "bucket": "{bucket}", "endpoint": "{endpoint}", '
        '"region": "us-east-1", "prefix": "www/"}\n'
    )


@pytest.fixture
def bucket_site(make_site, s3_server, keys):
    """A site publishing to ``www/`` in a fresh bucket that also holds
    objects that are not the site's: beside the prefix, and in it."""
    bucket = s3_server.new_bucket()
    files = dict(STORIES)
    files["content/stories/s0.md"] = story("s0", 0, image="pain.jpg")
    site = make_site(files, settings_for(s3_server.endpoint, bucket))
    photo(site, "pain.jpg", (200, 150, 90))
    site.bucket, site.client = bucket, s3_server.client()
    for key in ("other/keep.txt", "wwwx/keep.txt", "www/not-ours.txt"):
        site.client.put_object(Bucket=bucket, Key=key, Body=b"keep")
    return site


def objects(site) -> dict[str, dict]:
    """key -> ETag, LastModified, sha256 of the bytes, for the whole bucket."""
    found = {}
    for item in site.client.list_objects_v2(Bucket=site.bucket).get("Contents", []):
        body = site.client.get_object(Bucket=site.bucket, Key=item["Key"])["Body"].read()
        found[item["Key"]] = {
            "etag": item["ETag"],
            "time": item["LastModified"],
            "sha": hashlib.sha256(body).hexdigest(),
        }
    return found


def built(site) -> dict[str, str]:
    return {
        "www/" + p.relative_to(site.output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in site.output.rglob("*")
        if p.is_file() and p.name != ".comptoir-output"
    }


NOT_THE_SITE = ("www/not-ours.txt", "www/" + MANIFEST)


def site_objects(site) -> dict[str, str]:
    """key -> sha256 of the site's own objects under the prefix."""
    found = objects(site).items()
    return {k: v["sha"] for k, v in found if k.startswith("www/") and k not in NOT_THE_SITE}


def test_first_publish_sends_every_file_with_its_headers(bucket_site) -> None:
    done = publish(bucket_site.settings)
    assert done.ok, done.summary
    assert done.summary.startswith(f"En ligne à {SITE}/")
    assert site_objects(bucket_site) == built(bucket_site)
    expected = {
        "index.html": ("text/html; charset=utf-8", "public, max-age=0, must-revalidate"),
        "histoires/s1/index.html": ("text/html; charset=utf-8", "public, max-age=0"),
        "rss.xml": ("application/xml; charset=utf-8", "public, max-age=0"),
        "atom.xml": ("application/atom+xml; charset=utf-8", "public, max-age=0"),
        "feed.json": ("application/feed+json; charset=utf-8", "public, max-age=0"),
        "sitemap.xml": ("application/xml; charset=utf-8", "public, max-age=0"),
        "robots.txt": ("text/plain; charset=utf-8", "public, max-age=0"),
        "theme/css/site.css": ("text/css; charset=utf-8", "public, max-age=3600"),
        "theme/js/share.js": ("text/javascript; charset=utf-8", "public, max-age=3600"),
        "theme/feeds/rss.xsl": ("application/xml; charset=utf-8", "public, max-age=3600"),
    }
    media = sorted(p for p in built(bucket_site) if "/media/images/" in p)
    expected |= {
        p[4:]: (f"image/{p.rsplit('.', 1)[1].replace('jpg', 'jpeg')}", "immutable") for p in media
    }
    assert any(p.endswith(".webp") for p in media) and any(p.endswith(".jpg") for p in media)
    digests = built(bucket_site)
    for path, (kind, cache) in expected.items():
        head = bucket_site.client.head_object(Bucket=bucket_site.bucket, Key="www/" + path)
        assert head["ContentType"] == kind, path
        assert cache in head["CacheControl"], (path, head["CacheControl"])
        assert head["Metadata"]["sha256"] == digests["www/" + path]


def test_a_second_publish_sends_only_what_changed(bucket_site) -> None:
    assert publish(bucket_site.settings).ok
    before = objects(bucket_site)
    time.sleep(1.1)  # LastModified counts seconds
    bucket_site.write({"content/stories/s1.md": story("s1", 1, "Un texte corrigé.")})
    dry = publish(bucket_site.settings, dry_run=True)
    changed = {"www/" + line[2:] for line in dry.lines if line.startswith("~ ")}
    assert "www/histoires/s1/index.html" in changed
    assert "www/histoires/s2/index.html" not in changed
    assert all(line.startswith("~ ") for line in outside_index(dry.lines)), dry.lines
    assert publish(bucket_site.settings).ok
    after = objects(bucket_site)
    rewritten = {k for k in after if k in before and after[k]["time"] != before[k]["time"]}
    assert rewritten == changed | {"www/" + MANIFEST}
    assert site_objects(bucket_site) == built(bucket_site)


def test_deletions_come_last_stay_in_the_prefix_and_are_guarded(bucket_site) -> None:
    assert publish(bucket_site.settings).ok
    (bucket_site.root / "content/stories/s3.md").unlink()
    done = publish(bucket_site.settings)
    assert done.ok, done.summary
    keys = set(objects(bucket_site))
    assert "www/histoires/s3/index.html" not in keys
    assert not [k for k in keys if k.startswith("www/social/s3.")]
    assert site_objects(bucket_site) == built(bucket_site)
    # Objects that are not the site's stay: beside the prefix, and in it
    # without Comptoir's metadata.
    assert {"other/keep.txt", "wwwx/keep.txt", "www/not-ours.txt"} <= keys
    # Taking down many pages needs --force.
    # Every story left: more than a quarter of the pages (search page included).
    for n in (0, 1, 2):
        (bucket_site.root / f"content/stories/s{n}.md").unlink()
    before = objects(bucket_site)
    refused = publish(bucket_site.settings)
    assert not refused.ok and "--force" in refused.summary
    assert objects(bucket_site) == before
    assert publish(bucket_site.settings, force=True).ok
    assert site_objects(bucket_site) == built(bucket_site)


def test_a_dry_run_changes_nothing_and_a_lost_manifest_is_read_again(bucket_site) -> None:
    assert publish(bucket_site.settings).ok
    bucket_site.client.delete_object(Bucket=bucket_site.bucket, Key="www/" + MANIFEST)
    before = objects(bucket_site)
    bucket_site.write({"content/stories/s0.md": story("s0", 0, "Autre chose.", "pain.jpg")})
    dry = publish(bucket_site.settings, dry_run=True)
    assert dry.ok and "rien n’a changé en ligne" in dry.summary
    # Read from each object's sha256: only the changed files, no deletion.
    pages = outside_index(dry.lines)
    assert pages and all(line.startswith("~ ") for line in pages), dry.lines
    assert objects(bucket_site) == before
    assert publish(bucket_site.settings).ok
    assert "www/" + MANIFEST in objects(bucket_site)


def test_owner_messages(bucket_site, s3_server, monkeypatch) -> None:
    def message(**changes: str) -> str:
        config = {"target": "s3", "bucket": bucket_site.bucket, "endpoint": s3_server.endpoint}
        with pytest.raises(PublishError) as caught:
            S3Target({**config, **changes}).live()
        return caught.value.translated(FR)

    assert "n’existe pas" in message(bucket="no-such-bucket")
    # A port held but not listening: refused, whatever other tests start.
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        closed = held.getsockname()[1]
        assert "injoignable" in message(endpoint=f"http://127.0.0.1:{closed}")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wrong")
    assert "a refusé les clés" in message()
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    assert "AWS_ACCESS_KEY_ID" in message()


def test_without_boto3_the_install_line_is_given(bucket_site, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "boto3", None)  # as if not installed
    done = publish(bucket_site.settings)
    assert not done.ok
    assert ".venv/bin/pip install -e '.[s3]'" in done.summary, done.summary


class CuttingRelay:
    """A TCP relay to the store that, once armed, cuts every connection and
    turns new ones away when the client starts its ``cut_at``-th upload (as a
    lost network would). Uploads are counted by their sha256 metadata header."""

    NEEDLE = b"x-amz-meta-sha256:"

    def __init__(self, upstream: int) -> None:
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.cut_at: int | None = None
        self.uploads = 0
        self.cut = threading.Event()
        self.lock = threading.Lock()
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.cut.is_set():
                client.close()
                continue
            upstream = socket.create_connection(("127.0.0.1", self.upstream))
            with self.lock:
                self.sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, counting: bool) -> None:
        tail = b""
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            if counting:
                window = tail + data
                tail = window[-len(self.NEEDLE) + 1 :]
                with self.lock:
                    self.uploads += window.count(self.NEEDLE)
                    if self.cut_at is not None and self.uploads >= self.cut_at:
                        self.cut.set()
                if self.cut.is_set():
                    break
            try:
                sink.sendall(data)
            except OSError:
                break
        if self.cut.is_set():
            with self.lock:
                for sock in self.sockets:
                    sock.close()
        for sock in (source, sink):
            sock.close()

    def close(self) -> None:
        self.listener.close()


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in ("href", "src"):
                self.found.append(value)
            elif value and name == "srcset":
                self.found += [part.split()[0] for part in value.split(",") if part.strip()]


def broken_links(site) -> list[str]:
    """Pages reachable from the home page (and files they use) missing online."""
    keys = set(objects(site))
    todo, seen, missing = ["index.html"], set(), []
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        if "www/" + path not in keys:
            missing.append(path)
            continue
        if not path.endswith(".html"):
            continue
        body = site.client.get_object(Bucket=site.bucket, Key="www/" + path)["Body"].read()
        parser = Links()
        parser.feed(body.decode())
        for link in parser.found:
            url = urlsplit(urljoin(f"{SITE}/{path}", link))
            if f"{url.scheme}://{url.netloc}" == SITE:
                target = url.path.lstrip("/")
                todo.append(target + "index.html" if not target or target.endswith("/") else target)
    return missing


def test_a_cut_midway_leaves_a_usable_site_then_the_next_publish_completes(
    make_site, s3_server, keys
) -> None:
    relay = CuttingRelay(int(s3_server.endpoint.rsplit(":", 1)[1]))
    bucket = s3_server.new_bucket()
    files = dict(STORIES)
    site = make_site(files, settings_for(f"http://127.0.0.1:{relay.port}", bucket))
    site.bucket, site.client = bucket, s3_server.client()
    assert publish(site.settings).ok
    old = site_objects(site)
    # A new story with a new photo, a corrected one, a deleted one.
    photo(site, "four.jpg", (90, 150, 200))
    site.write({"content/stories/s4.md": story("s4", 4, "Nouvelle.", "four.jpg")})
    site.write({"content/stories/s1.md": story("s1", 1, "Un texte corrigé.")})
    (site.root / "content/stories/s2.md").unlink()
    dry = publish(site.settings, dry_run=True)
    sent = [(line[2:], line.startswith("+ ")) for line in dry.lines if line[0] in "+~"]
    deleted = ["www/" + line[2:] for line in dry.lines if line.startswith("- ")]
    last = [path for path, new in sent if phase(path, new) == 4]
    assert len(last) >= 4 and deleted and [p for p, new in sent if phase(p, new) == 0]
    # Cut at the second upload of the last phase: changed pages half sent.
    relay.uploads, relay.cut_at = 0, len(sent) - len(last) + 2
    done = publish(site.settings)
    assert relay.cut.is_set() and not done.ok
    assert "invoke publish" in done.summary and "toujours" in done.summary, done.summary
    now = site_objects(site)
    new = built(site)
    assert all(now[key] in (old.get(key), new.get(key)) for key in now)
    assert sum(now.get("www/" + path) != new["www/" + path] for path in last) >= 2
    assert all(key in now for key in deleted), "deleted before the uploads ended"
    assert broken_links(site) == []
    # The connection is back: the next publish finishes the job.
    relay.cut_at = None
    relay.cut.clear()
    done = publish(site.settings)
    relay.close()
    assert done.ok, done.summary
    assert site_objects(site) == built(site)
    assert broken_links(site) == []


def test_phases_put_what_pages_use_first() -> None:
    order = sorted(
        [
            ("index.html", False),
            ("histoires/s4/index.html", True),
            ("theme/css/site.css", False),
            ("media/images/a-480.0123456789ab.webp", True),
            ("images/logo.svg", False),
        ],
        key=lambda item: phase(*item),
    )
    assert [path for path, _ in order] == [
        "media/images/a-480.0123456789ab.webp",
        "images/logo.svg",
        "theme/css/site.css",
        "histoires/s4/index.html",
        "index.html",
    ]


def test_settings_never_hold_the_keys() -> None:
    from comptoir.tools.publish.config import check_publish

    refused = check_publish({"target": "s3", "bucket": "b", "aws_secret_access_key": "x"}, {})
    assert refused and "aws_secret_access_key" in str(refused)
