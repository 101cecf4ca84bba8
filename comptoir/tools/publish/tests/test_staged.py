"""The steps of a file-by-file publish: what is sent under which name, in
which order, and that a manifest read from the server can only name files
inside the site's folder."""

from __future__ import annotations

import json

import pytest

from comptoir.tools.publish.guards import PublishError
from comptoir.tools.publish.plan import Plan, read_manifest, safe
from comptoir.tools.publish.staged import part_of, read_journal, root_folders, steps_of


@pytest.mark.parametrize(
    "path", ["../x.html", "/etc/passwd", "a/../../x", "a//b", "./a", "a\\..\\b", "a\nb", ""]
)
def test_a_path_leaving_the_folder_is_unsafe(path: str) -> None:
    assert not safe(path)
    assert read_manifest(json.dumps({path: "0", "ok.html": "1"}).encode()) == {"ok.html": "1"}


def test_unreadable_bookkeeping_counts_as_absent() -> None:
    assert read_manifest(None) == {} and read_manifest(b"\xff") == {}
    assert read_manifest(b"[1]") == {} and read_journal(b"{}") == []
    assert read_journal(b'["../.x.comptoir-part", "a/.b.comptoir-part", "c"]') == [
        "a/.b.comptoir-part"
    ]


def test_steps_send_assets_first_and_the_home_page_last() -> None:
    local = {
        "index.html": "a" * 64,
        "histoires/index.html": "b" * 64,
        "histoires/s1/index.html": "c" * 64,
        "theme/css/site.css": "d" * 64,
    }
    plan = Plan(upload=sorted(local), delete=["vieux/dossier/page.html", "histoires/s9.html"])
    old = ".gone.comptoir-part"
    steps = steps_of(local, plan, [old, part_of("index.html", "a" * 64)])
    assert [path for _, path in steps.switches] == [
        "theme/css/site.css",
        "histoires/s1/index.html",
        "histoires/index.html",
        "index.html",
    ]
    assert steps.sends[-1] == ("index.html", ".index.html.aaaaaaaaaaaaaaaa.comptoir-part")
    assert steps.folders == ["histoires", "theme", "histoires/s1", "theme/css"]
    assert steps.emptied == ["vieux/dossier", "vieux"]  # deepest first; histoires stays
    assert steps.stale == [old]
    assert old in steps.journal and json.loads(steps.manifest) == local


def test_a_control_character_in_a_built_name_stops_the_publish() -> None:
    with pytest.raises(PublishError, match="a\\\\nb"):
        steps_of({"a\nb": "0" * 64}, Plan(upload=["a\nb"]), [])


def test_root_folders_lead_to_the_site() -> None:
    assert root_folders("/srv/www/site") == ["/srv", "/srv/www", "/srv/www/site"]
    assert root_folders("www/site") == ["www", "www/site"]
