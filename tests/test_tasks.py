"""The owner's commands, run as the owner runs them."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parents[1]
INVOKE = [sys.executable, "-m", "invoke"]


@pytest.fixture
def project(example_copy) -> Path:
    shutil.copy(ROOT / "tasks.py", example_copy.root / "tasks.py")
    return example_copy.root


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*INVOKE, *args], cwd=project, capture_output=True, text=True)


def test_list_reads_well() -> None:
    done = subprocess.run([*INVOKE, "--list"], cwd=ROOT, capture_output=True, text=True)
    for name in ("build", "serve", "livereload", "new", "ids", "clean", "test"):
        assert f"  {name} " in done.stdout
    assert "Construire le site dans output/" in done.stdout  # the example is French


@pytest.mark.parametrize(
    ("lang", "summary", "option", "body"),
    [
        ("fr", "Commencer un nouveau fichier", "le titre (pour un témoignage", "Écrivez votre"),
        ("en", "Start a new file", "the title (for a testimonial", "Write your story here."),
    ],
)
def test_help_and_new_files_speak_the_site_language(
    project: Path, lang: str, summary: str, option: str, body: str
) -> None:
    settings = project / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('DEFAULT_LANG = "fr"', f'DEFAULT_LANG = "{lang}"'))
    listed = run(project, "--list")
    helped = run(project, "--help", "new")
    assert summary in listed.stdout and summary in helped.stdout and option in helped.stdout
    made = run(project, "new", "story", "Un essai")
    assert made.returncode == 0, made.stderr
    assert body in (project / made.stdout.strip()).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("kind", "title", "path", "first_keys"),
    [
        ("story", "Le pain d'épices", "content/stories/le-pain-depices.md", ["Title", "Date"]),
        ("tutorial", "Faire un levain", "content/tutorials/faire-un-levain.md", ["Title", "Date"]),
        ("testimonial", "Anne B.", "content/testimonials/anne-b.md", ["Name", "Date"]),
        ("page", "Nos engagements", "content/pages/nos-engagements.md", ["Title", "Slug"]),
    ],
)
def test_new_starts_a_file_with_today_and_the_keys(
    project: Path, kind: str, title: str, path: str, first_keys: list[str]
) -> None:
    done = run(project, "new", kind, title)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == path
    text = (project / path).read_text(encoding="utf-8")
    rows = text.splitlines()
    keys = [line.split(":", 1)[0] for line in rows[:3]]
    # The feed Id comes right under the title, minted for this file.
    assert keys == [first_keys[0], "Id", first_keys[1]]
    assert re.fullmatch(
        r"Id: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", rows[1]
    )
    if kind != "page":
        # Today in the site's time zone (the example's TIMEZONE), which is
        # not the machine's around midnight; a minute may pass meanwhile.
        today = dt.datetime.now(ZoneInfo("Europe/Paris")).date()
        assert today.isoformat() in text or (today - dt.timedelta(days=1)).isoformat() in text
    again = run(project, "new", kind, title)
    assert again.returncode != 0 and "existe déjà" in again.stderr


def test_a_new_draft_story_builds_and_stays_unpublished(project: Path) -> None:
    assert run(project, "new", "story", "Mon brouillon").returncode == 0
    build = run(project, "build")
    assert build.returncode == 0, build.stderr
    assert not (project / "output/histoires/mon-brouillon").exists()


def test_build_failure_exits_non_zero_and_clean_refuses_foreign_folders(project: Path) -> None:
    story = project / "content/stories/une-nuit-au-fournil.md"
    story.write_text(story.read_text(encoding="utf-8").replace("Date: 2025", "Date: 20x5"))
    done = run(project, "build")
    assert done.returncode == 1
    assert "content/stories/une-nuit-au-fournil.md:4: date" in done.stderr
    foreign = project / "output"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine")
    refused = run(project, "clean")
    assert refused.returncode != 0
    assert "n’a pas été créé par Comptoir" in refused.stderr
    assert (foreign / "keep.txt").exists()


def test_ids_gives_an_id_to_files_without_one_and_only_once(project: Path) -> None:
    done = run(project, "ids")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Chaque fichier a déjà un Id.\n"  # the example has all its Ids
    story = project / "content/stories/une-nuit-au-fournil.md"
    before = story.read_bytes()
    story.write_bytes(re.sub(rb"^Id: .*\n", b"", before, count=1, flags=re.M))
    done = run(project, "ids")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Id ajouté à content/stories/une-nuit-au-fournil.md.\n"
    after = story.read_bytes()
    assert after != before and re.sub(rb"^Id: .*\n", b"", after, flags=re.M) == re.sub(
        rb"^Id: .*\n", b"", before, flags=re.M
    )
    assert run(project, "build").returncode == 0


@pytest.mark.parametrize("command", ["serve", "livereload"])
def test_a_taken_port_is_named_and_nothing_is_built(project: Path, command: str) -> None:
    assert run(project, "build").returncode == 0
    before = {p: p.stat().st_mtime_ns for p in (project / "output").rglob("*")}
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run(project, command, "--port", str(port))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"Le port {port} est déjà utilisé" in done.stderr
    assert f"invoke {command} --port {port + 1}" in done.stderr
    assert {p: p.stat().st_mtime_ns for p in (project / "output").rglob("*")} == before
