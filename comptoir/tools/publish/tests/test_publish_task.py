"""`invoke publish` as the owner types it: the task, its exit codes, and the
guard against a build without a home page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from comptoir.tools.publish import publish
from comptoir.tools.publish.tests.staging import over_ssh

ROOT = Path(__file__).resolve().parents[4]
STORY = (
    "Title: Une histoire\nDate: 2025-03-01 08:00\n"
    "Summary: Un résumé de la bonne longueur, qui dit bien de quoi parle cette histoire.\n\n"
    "Du texte.\n"
)


def invoke(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    shutil.copy(ROOT / "tasks.py", root)
    # The task builds with publishconf.py: here, the site's settings as they are.
    shutil.copy(root / "pelicanconf.py", root / "publishconf.py")
    env = {**os.environ, **(env or {}), "LANG": "C", "LC_ALL": "C", "LANGUAGE": ""}
    command = [sys.executable, "-m", "invoke", *args]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)


def test_no_target_is_named_and_fails(make_site) -> None:
    site = make_site({"content/stories/a.md": STORY}, 'SITEURL = "https://www.example.fr"\n')
    done = invoke(site.root, "publish")
    assert done.returncode == 1
    assert "Nulle part où publier" in done.stderr and "PUBLISH" in done.stderr


def test_the_dry_run_task_lists_and_changes_nothing(make_site, ssh_server, agent_env) -> None:
    settings, remote = over_ssh(ssh_server, "tache", "rsync")
    site = make_site({"content/stories/a.md": STORY}, settings)
    done = invoke(site.root, "publish", "--dry-run", env=agent_env)
    assert done.returncode == 0, done.stderr
    assert "+ index.html" in done.stdout.splitlines()
    assert "Essai à blanc" in done.stdout
    assert not remote.exists() or not any(remote.rglob("*.html"))
    done = invoke(site.root, "publish", env=agent_env)
    assert done.returncode == 0, done.stderr
    assert (remote / "current/index.html").is_file()


def test_a_build_without_home_page_is_never_published(make_site, tmp_path) -> None:
    target = tmp_path / "en-ligne"
    settings = (
        'SITEURL = "https://www.example.fr"\nINDEX_SAVE_AS = "accueil.html"\n'
        f'PUBLISH = {{"target": "gh-pages", "remote": "{target}"}}\n'
    )
    site = make_site({"content/stories/a.md": STORY}, settings)
    done = publish(site.settings)
    assert not done.ok
    assert "n’a pas de page d’accueil (index.html)" in done.summary, done.summary
    assert not target.exists()


def test_a_statistics_report_in_the_build_is_never_published(make_site, tmp_path) -> None:
    """A report copied into content/ (and so into the build) stops the publish."""
    target = tmp_path / "en-ligne"
    settings = (
        'SITEURL = "https://www.example.fr"\nSTATIC_PATHS = ["chiffres"]\n'
        f'PUBLISH = {{"target": "gh-pages", "remote": "{target}"}}\n'
    )
    report = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">\n'
        '<meta name="generator" content="Comptoir stats"><title>Statistiques</title></head>'
        "<body></body></html>\n"
    )
    site = make_site(
        {"content/stories/a.md": STORY, "content/chiffres/index.html": report}, settings
    )
    done = publish(site.settings)
    assert not done.ok
    assert "chiffres/index.html" in done.summary and "statistiques" in done.summary, done.summary
    assert not target.exists()
