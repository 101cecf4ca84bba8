"""What a publish would change, and what stops it, without any server."""

from __future__ import annotations

from pathlib import Path

import pytest

from comptoir.tools.publish.config import check_publish, check_share
from comptoir.tools.publish.guards import PublishError, check_deletions, check_output
from comptoir.tools.publish.plan import local_manifest, make_plan


def site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_only_what_changed_is_sent(tmp_path: Path) -> None:
    before = local_manifest(site(tmp_path / "a", {"index.html": "1", "x/index.html": "x"}))
    output = site(tmp_path / "b", {"index.html": "2", "x/index.html": "x", "new.css": "c"})
    (output / ".comptoir-output").write_text("mark")
    plan = make_plan(local_manifest(output), before, output)
    assert (plan.upload, plan.replace, plan.delete) == (["new.css"], ["index.html"], [])
    assert plan.unchanged == 1 and plan.bytes == 2
    assert plan.live_pages == 2


def test_a_page_gone_from_the_build_is_deleted(tmp_path: Path) -> None:
    live = {"index.html": "h", "old/index.html": "o", "a.css": "c"}
    output = site(tmp_path, {"index.html": "new"})
    plan = make_plan(local_manifest(output), live, output)
    assert plan.delete == ["a.css", "old/index.html"] and plan.deleted_pages == 1


def test_deleting_many_live_pages_needs_force(tmp_path: Path) -> None:
    live = {f"p{n}/index.html": str(n) for n in range(10)} | {"index.html": "h"}
    output = site(tmp_path, {"index.html": "h", "p0/index.html": "0"})
    plan = make_plan(local_manifest(output), live, output)
    with pytest.raises(PublishError) as refused:
        check_deletions(plan, 0.25, force=False)
    assert "9 of the 11 pages" in str(refused.value)
    check_deletions(plan, 0.25, force=True)
    check_deletions(plan, 0.9, force=False)


def test_an_empty_build_is_never_published(tmp_path: Path) -> None:
    with pytest.raises(PublishError) as refused:
        check_output(site(tmp_path, {"theme/site.css": "x"}))
    assert "index.html" in str(refused.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"target": "rsync", "host": "h", "path": "/srv/site"}, None),
        ({"target": "ftp"}, 'Write a dict whose "target" is one of'),
        ({"target": "rsync", "host": "h"}, "Add %(keys)s"),
        ({"target": "rsync", "host": "h", "path": "/"}, '"path" must name'),
        ({"target": "rsync", "host": "h", "path": "/srv/../etc"}, '"path" must name'),
        ({"target": "sftp", "host": "h", "path": "/s", "password": "x"}, "must not be written"),
        ({"target": "rsync", "host": "h", "path": "/s", "mode": "fast"}, '"releases"'),
        ({"target": "rsync", "host": "h", "path": "/s", "keep": 0}, "whole number"),
        ({"target": "s3", "bucket": "b", "folder": "x"}, "does not take"),
    ],
    ids=["fine", "target", "missing", "root", "dotdot", "secret", "mode", "keep", "unknown"],
)
def test_publish_settings_are_checked(value: dict, expected: str | None) -> None:
    found = check_publish(value, {})
    message = found[0] if isinstance(found, tuple) else found
    assert (message is None) if expected is None else (expected in message), found


def test_the_deletion_share_is_a_share() -> None:
    assert check_share(0.25, {}) is None
    assert check_share(2, {}) and check_share(True, {}) and check_share("1", {})
