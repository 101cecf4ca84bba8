"""S3-compatible object storage (AWS, OVH, Scaleway, Cloudflare R2…), usually
behind a CDN.

Each file of the site is the object ``PREFIX + path``, sent with its
Content-Type (:mod:`.s3types`), its Cache-Control (comptoir.plugins.headers' rules:
a year and immutable for fingerprinted files, an hour for the theme,
revalidated at each visit for pages and feeds) and its sha256 in its
metadata. ``PREFIX.comptoir-manifest.json``, written after the files, keeps
``path -> [sha256, ETag]``: the next publish lists the bucket once and
trusts the manifest wherever the ETag still matches; any other object is
read from its own metadata (a publish cut short, a lost manifest). An
object without that metadata was not put there by Comptoir: it is never
deleted.

S3 cannot switch many objects at once, so a publish cut midway leaves some
pages new and some old. What the order promises instead (:func:`phase`):
files pages use go first (fingerprinted ones, then other images, icons,
fonts, then the theme's CSS and scripts), then the new pages and feeds,
then the changed ones, then the manifest, and deletions come last. So at
any moment every page linked from the home page, and every file those pages
use, is online: a changed page links only to files and pages already sent,
and nothing is deleted before every page has stopped linking to it. The
next publish sends what is missing.

Keys come from boto3's usual chain (AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY in the environment, or ~/.aws/credentials), never
from PUBLISH.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from itertools import groupby
from pathlib import Path
from typing import Any

from comptoir.core.i18n import N_
from comptoir.plugins.headers.rules import FINGERPRINT, SHORT, _cache

from .guards import PublishError
from .plan import MANIFEST, Manifest, Plan
from .s3errors import owner_errors
from .s3types import DOCUMENTS, content_type

WORKERS = 8  # parallel requests: a site is many small files
INSTALL = ".venv/bin/pip install -e '.[s3]'"


def phase(path: str, new: bool) -> int:
    """When ``path`` is sent: files pages use, then new pages, then changed ones."""
    if FINGERPRINT.search(path):
        return 0
    suffix = Path(path).suffix.lower()
    if suffix in (".css", ".js"):
        return 2  # they may use fonts and images of phase 1
    if suffix not in DOCUMENTS:
        return 1
    # Only a changed page can link to a new one: new pages go before them.
    return 3 if new else 4


class S3Target:
    """Publish to a bucket (and a prefix in it) of an S3-compatible store."""

    def __init__(self, publish: dict[str, Any]):
        try:
            import boto3
            from botocore.config import Config
        except ImportError as error:
            raise PublishError(
                N_(
                    "The s3 target needs boto3, which is not installed: run `%(command)s` "
                    "in the project's folder, then publish again."
                ),
                command=INSTALL,
            ) from error
        self.bucket = str(publish["bucket"])
        prefix = str(publish.get("prefix") or "").strip("/")
        self.prefix = f"{prefix}/" if prefix else ""
        endpoint = publish.get("endpoint")
        config = Config(
            # Hosts other than AWS answer path-style URLs (bucket in the path).
            s3={"addressing_style": "path"} if endpoint else {},
            retries={"max_attempts": 3, "mode": "standard"},
            connect_timeout=10,
            read_timeout=60,
            max_pool_connections=WORKERS,
            # boto3 >= 1.36 adds CRC checksums that several S3-compatible
            # stores refuse; the signed request already protects the bytes.
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        )
        # A session of its own: keys are read from the environment now, not
        # from a session cached by an earlier publish in the same process.
        session = boto3.session.Session(region_name=publish.get("region"))
        self.client = session.client("s3", endpoint_url=endpoint, config=config)
        self.where = endpoint or self.client.meta.endpoint_url
        self._listed: dict[str, str] | None = None  # path -> ETag, from live()
        self._stored: dict[str, list[str]] = {}  # the manifest online

    def live(self) -> Manifest:
        """What is online under the prefix ({} for an empty bucket)."""
        with owner_errors(self, cut=False):
            self._listed = self._list()
            self._stored = self._read_manifest()
            found: Manifest = {}
            unknown = []
            for path, etag in self._listed.items():
                entry = self._stored.get(path)
                if isinstance(entry, list) and len(entry) == 2 and entry[1] == etag:
                    found[path] = entry[0]
                else:
                    unknown.append(path)
            for path, digest in zip(unknown, self._parallel(self._digest, unknown), strict=True):
                if digest:
                    found[path] = digest
            return dict(sorted(found.items()))

    def publish(self, output: Path, local: Manifest, plan: Plan) -> None:
        with owner_errors(self, cut=False):
            listed = self._list() if self._listed is None else self._listed
        etags = {path: listed[path] for path in local if path in listed}
        new = set(plan.upload)
        order = sorted(plan.sent, key=lambda path: (phase(path, path in new), path))
        manifest = {path: [digest, etags.get(path, "")] for path, digest in local.items()}
        with owner_errors(self, cut=True):
            # One phase after the other: a phase starts once the last is all online.
            for _, group in groupby(order, key=lambda path: phase(path, path in new)):
                paths = list(group)
                sent = self._parallel(lambda p: self._put(output, p, local[p]), paths)
                for path, etag in zip(paths, sent, strict=True):
                    manifest[path][1] = etag
            if plan.sent or plan.delete or manifest != self._stored:
                body = json.dumps(manifest, indent=0, sort_keys=True).encode()
                self.client.put_object(
                    Bucket=self.bucket,
                    Key=self.prefix + MANIFEST,
                    Body=body,
                    ContentType="application/json",
                    CacheControl=SHORT,
                )
            self._parallel(self._delete, plan.delete)

    # One request each.
    def _list(self) -> dict[str, str]:
        found = {}
        pages = self.client.get_paginator("list_objects_v2")
        for page in pages.paginate(Bucket=self.bucket, Prefix=self.prefix):
            for item in page.get("Contents", []):
                path = item["Key"][len(self.prefix) :]
                if path and path != MANIFEST and not path.endswith("/"):
                    found[path] = item["ETag"]
        return found

    def _read_manifest(self) -> dict[str, list[str]]:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self.prefix + MANIFEST)
        except self.client.exceptions.NoSuchKey:
            return {}
        try:
            found = json.loads(answer["Body"].read())
        except ValueError:
            return {}  # every object is then read from its own metadata
        return found if isinstance(found, dict) else {}

    def _digest(self, path: str) -> str:
        head = self.client.head_object(Bucket=self.bucket, Key=self.prefix + path)
        return str(head.get("Metadata", {}).get("sha256", ""))

    def _put(self, output: Path, path: str, digest: str) -> str:
        with (output / path).open("rb") as body:
            answer = self.client.put_object(
                Bucket=self.bucket,
                Key=self.prefix + path,
                Body=body,
                ContentType=content_type(path),
                CacheControl=_cache(path),
                Metadata={"sha256": digest},
            )
        return str(answer["ETag"])

    def _delete(self, path: str) -> None:
        # ``path`` comes from live(), which lists under the prefix only: the
        # key is always inside it. One DeleteObject per key: DeleteObjects
        # needs a Content-MD5 that recent boto3 no longer sends.
        self.client.delete_object(Bucket=self.bucket, Key=self.prefix + path)

    def _parallel(self, work: Callable[[str], Any], paths: Iterable[str]) -> list[Any]:
        """``work`` on each path, a few at a time; the first error stops the rest."""
        paths = list(paths)
        if not paths:
            return []
        with ThreadPoolExecutor(min(WORKERS, len(paths))) as pool:
            futures = [pool.submit(work, path) for path in paths]
            try:
                return [future.result() for future in futures]
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
