"""The checks one by one: what they find, where, and what they leave alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from comptoir.core.build import build
from comptoir.plugins.check import format_findings
from comptoir.plugins.check.source import Source

ROOT = Path(__file__).resolve().parents[3]
GOOD = "Un résumé de la bonne longueur, qui dit bien de quoi parle cette histoire."


def story(name: str, body: str = "Du texte.", head: str = "") -> dict[str, str]:
    # Each story at its own minute: two files without Id on one date are a warning.
    minute = sum(map(ord, name)) % 60
    return {
        f"content/stories/{name}.md": f"Title: Histoire {name}\nDate: 2025-03-01 08:{minute:02d}\n"
        f"Summary: {GOOD} ({name})\n{head}\n{body}\n"
    }


def plain(text: str) -> str:
    """French typography's no-break spaces as plain ones (the golden keeps them)."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def checked(site, **options) -> list[str]:
    result = build(site.settings, check=True, dry=True, **options)
    return [plain(p.format()) for p in result.problems]


def invoke(root: Path, *args: str) -> subprocess.CompletedProcess:
    shutil.copy(ROOT / "tasks.py", root)
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "LANGUAGE": ""}
    command = [sys.executable, "-m", "invoke", *args]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)


def test_the_example_site_has_nothing_to_fix(example_copy) -> None:
    result = build(example_copy.settings, check=True, dry=True)
    printed = format_findings(result.problems, result.settings, result.stats["checked"], True)
    assert printed.exit_code == 0, "\n".join(printed.lines)
    assert [p.severity for p in result.problems] == ["info", "info"]
    assert result.stats["checked"] == 25
    # A check builds in a staging folder and throws it away.
    assert not example_copy.output.exists()


def test_a_clean_site_says_so(make_site) -> None:
    site = make_site(story("propre"))
    result = build(site.settings, check=True, dry=True)
    printed = format_findings(result.problems, result.settings, result.stats["checked"])
    assert printed.lines == []
    assert plain(printed.summary) == "1 fichier vérifié : 0 erreur, 0 avertissement, 0 info."


def test_heading_lines_skip_code_blocks(make_site) -> None:
    body = "## Un\n\n```\n# pas un titre\n```\n\n#### Trois\n"
    site = make_site(story("titres", body))
    found = checked(site)
    assert len(found) == 1
    assert found[0].startswith(
        "content/stories/titres.md:11: Ce titre saute du niveau 2 au niveau 4"
    )


def test_a_link_to_an_existing_page_is_fine_broken_one_is_named(make_site) -> None:
    files = {
        **story("cible"),
        **story("source", "[bon](/histoires/cible/) [bon]({filename}cible.md) [mauvais](/x/)"),
    }
    found = checked(make_site(files))
    assert found == [
        "content/stories/source.md:5: Le lien « /x/ » ne mène à aucune page du site : vérifiez "
        "l’adresse (copiez-la depuis la page elle-même), ou faites le lien vers le fichier avec "
        "{filename}."
    ]


def test_links_resolve_under_an_absolute_siteurl(make_site) -> None:
    files = {**story("cible"), **story("source", "[bon](https://www.example.fr/histoires/cible/)")}
    site = make_site(files, settings='SITEURL = "https://www.example.fr"\n')
    assert checked(site) == []


def test_a_french_key_name_gets_its_english_twin(make_site) -> None:
    found = checked(make_site(story("cles", head="Etiquettes: pain")))
    assert any("« Etiquettes »" in f and "« Tags »" in f for f in found), found


def test_an_allowed_host_is_not_reported(make_site) -> None:
    files = story("ailleurs", "![Une photo](https://cdn.example.com/pain.jpg)")
    assert any("cdn.example.com" in f for f in checked(make_site(files)))
    allowed = 'CSP_EXTRA = {"img-src": ["https://cdn.example.com"]}\n'
    assert checked(make_site(files, settings=allowed)) == []


def test_check_strict_fails_on_warnings_only_when_asked(make_site) -> None:
    site = make_site({"content/stories/a.md": "Title: Sans résumé\nDate: 2025-03-01\n\nTexte.\n"})
    lenient = invoke(site.root, "check")
    assert lenient.returncode == 0, lenient.stdout
    assert "content/stories/a.md:1: avertissement: Summary — " in lenient.stdout
    strict = invoke(site.root, "check", "--strict")
    assert strict.returncode == 1
    assert strict.stdout == lenient.stdout


def test_build_strict_runs_the_checks_and_keeps_the_old_site(make_site, digest) -> None:
    site = make_site(story("propre"))
    assert invoke(site.root, "build", "--strict").returncode == 0
    before = digest(site.output)
    site.write({"content/stories/b.md": "Title: Sans résumé\nDate: 2025-03-02\n\nTexte.\n"})
    strict = invoke(site.root, "build", "--strict")
    assert strict.returncode == 1
    assert "content/stories/b.md:1: summary — " in strict.stderr
    assert digest(site.output) == before
    # A plain build does not run the checks: the warning does not stop it.
    assert invoke(site.root, "build").returncode == 0


class _Pages(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self.send_response(200 if self.path == "/vivant" else 404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args: object) -> None:
        pass


def test_online_reports_dead_links_and_only_with_online(make_site) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        site = make_site(story("liens", f"[a]({base}/vivant) et\n[b]({base}/disparu)"))
        assert checked(site) == []
        found = checked(site, online=True)
    finally:
        server.shutdown()
    assert found == [
        f"content/stories/liens.md:6: Le lien {base}/disparu répond « erreur 404 » : la page a "
        "changé d’adresse ou n’existe plus ; trouvez sa nouvelle adresse, ou supprimez le lien."
    ]


def test_source_finds_the_body_and_images(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("Title: T\nImage: images/a.jpg\n\n![](images/a.jpg) ![](b.png)\n")
    source = Source.read(str(path))
    assert source.body == 4
    assert source.find("images/a.jpg") == 4  # the body first, then the header
    assert source.image(4, "b") == "b.png"
