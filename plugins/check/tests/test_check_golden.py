"""``invoke check`` on a small site holding one of each problem: the exact
output (golden), the exit code, and the built site left as it was."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image

from comptoir.core.build.atomic import MARKER

ROOT = Path(__file__).resolve().parents[3]

# One file per problem (Hugo-style: the whole site in one place).
FILES = {
    "content/stories/sans-resume.md": """
        Title: Une histoire sans résumé
        Date: 2025-03-01 08:00
        Tags: pain

        Du texte.
        """,
    "content/stories/resume-court.md": """
        Title: Un résumé trop court
        Date: 2025-03-02 08:00
        Summary: Trop court.

        Du texte.
        """,
    "content/stories/resume-long.md": f"""
        Title: Un résumé trop long
        Date: 2025-03-03 08:00
        Summary: {"Un résumé qui n'en finit pas. " * 7}

        Du texte.
        """,
    "content/stories/titre-long.md": """
        Title: Un titre beaucoup trop long pour les résultats de recherche de Google
        Date: 2025-03-04 08:00
        Summary: Ce résumé a la bonne longueur pour s'afficher dans les résultats de recherche.

        Du texte.
        """,
    "content/stories/images.md": """
        Title: Des images à revoir
        Date: 2025-03-05 08:00
        Summary: Une couverture sans description, une image sans description et une trop lourde.
        Image: images/couverture.png

        Voici ![](images/couverture.png) sans description.

        Et ![Du bruit en couleurs](images/bruit.png) bien trop lourd.
        """,
    "content/stories/couverture-lourde.md": """
        Title: Une couverture trop lourde
        Date: 2025-03-05 10:00
        Summary: Une photo de couverture qui reste bien trop lourde une fois préparée pour le Web.
        Image: images/bruit.png
        Image_alt: Du bruit en couleurs, qui ne se compresse pas

        Du texte.
        """,
    "content/stories/image-absente.md": """
        Title: Une image absente
        Date: 2025-03-05 09:00
        Summary: Une image nommée par son adresse sur le site, mais qui n'y est pas du tout.

        Et ![Une image absente](/images/absente.jpg) qui n'existe pas.
        """,
    "content/stories/titres.md": """
        Title: Des intertitres en désordre
        Date: 2025-03-06 08:00
        Summary: Un texte dont les intertitres sautent un niveau, puis reprennent un titre 1.

        ## Bien

        #### Saut

        # Un second titre 1
        """,
    "content/stories/liens.md": """
        Title: Des liens cassés
        Date: 2025-03-07 08:00
        Summary: Un texte avec un lien vers une page absente et un fichier qui n'existe pas.

        Voir [une page absente](/histoires/nulle-part/) et
        [un fichier absent]({filename}absent.md).

        Voir [le bon intertitre](/histoires/titres/#bien), [un autre](#nulle-part) et
        [un intertitre absent]({filename}titres.md#absent).
        """,
    "content/stories/cle-inconnue.md": """
        Title: Une clé mal écrite
        Date: 2025-03-08 08:00
        Sumary: Une clé mal orthographiée, que Comptoir ne lit donc pas du tout.
        Auteur: Camille

        Du texte.
        """,
    "content/stories/temoignage-inconnu.md": """
        Title: Un témoignage qui n'existe pas
        Date: 2025-03-09 08:00
        Summary: Une histoire qui nomme un témoignage absent du dossier des témoignages.
        Testimonials: paul-inconnu

        Du texte.
        """,
    "content/stories/doublon-a.md": """
        Title: Le même titre
        Date: 2025-03-10 08:00
        Summary: Deux histoires portent le même titre, et les moteurs de recherche s'y perdent.

        Du texte.
        """,
    "content/stories/doublon-b.md": """
        Title: Le même titre
        Date: 2025-03-11 08:00
        Summary: La seconde histoire au même titre, avec un résumé qui, lui, est différent.

        Du texte.
        """,
    "content/stories/a-venir.md": """
        Title: Une histoire à venir
        Date: 2099-06-01 08:00
        Summary: Une histoire datée dans le futur, qui n'est donc pas encore en ligne.

        Du texte.
        """,
    "content/stories/brouillon.md": """
        Title: Un brouillon
        Date: 2025-03-12 08:00
        Status: draft

        Du texte.
        """,
    "content/stories/etiquettes.md": """
        Title: Des étiquettes
        Date: 2025-03-13 08:00
        Summary: Une étiquette que seule la traduction anglaise porte n'a pas de page.
        Tags: pain
        Lang: fr

        Du texte.
        """,
    "content/stories/etiquette-vide.md": """
        Title: Une étiquette vide
        Date: 2025-03-13 09:00
        Summary: Une étiquette sans lettre ni chiffre ne peut pas avoir de page sur le site.
        Tags: pain, ---

        Du texte.
        """,
    "content/stories/etiquettes-en.md": """
        Title: Empty tags
        Date: 2025-03-13 08:00
        Summary: A tag only this English translation carries has no page on the site at all.
        Tags: bread-only-here
        Lang: en
        Slug: etiquettes

        Some text.
        """,
    "content/stories/autre-site.md": """
        Title: Une image d'un autre site
        Date: 2025-03-14 08:00
        Summary: Une image chargée depuis un autre site, qui apprend ainsi qui lit la page.

        ![Une photo hébergée ailleurs](https://cdn.example.com/pain.jpg)
        """,
    "content/pages/html-brut.md": """
        Title: Du HTML brut
        Summary: Une page qui publie son HTML tel quel, sans le filtre de sécurité du kit.
        Raw_html: true

        <p class="encadre">Un encadré en HTML.</p>
        """,
    "content/testimonials/sans-accord.md": """
        Name: Paul
        Date: 2025-03-01

        Très bon pain.
        """,
}
SETTINGS = """
# As the example site: headings get ids (what links to #anchors lead to).
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}
BRAND = {"primary": "#f0c0a0", "on_primary": "#ffffff", "background": "#ffffff",
         "text": "#222222"}
"""


def _images(root: Path) -> None:
    folder = root / "content" / "images"
    folder.mkdir(parents=True)
    Image.new("RGB", (800, 600), "#c08040").save(folder / "couverture.png")
    # Noise does not compress: its web versions stay heavy, on every machine alike.
    noise = random.Random(6).randbytes(1600 * 1200 * 3)
    Image.frombytes("RGB", (1600, 1200), noise).save(folder / "bruit.png")


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "LANGUAGE": ""}
    invoke = [sys.executable, "-m", "invoke", "check", *args]
    return subprocess.run(invoke, cwd=root, env=env, capture_output=True, text=True)


def test_one_of_each_problem(make_site, golden, digest) -> None:
    site = make_site(FILES, settings=SETTINGS)
    shutil.copy(ROOT / "tasks.py", site.root)
    _images(site.root)
    site.output.mkdir()
    (site.output / "index.html").write_text("the site as it was", encoding="utf-8")
    (site.output / MARKER).write_text("", encoding="utf-8")
    before = digest(site.output)
    done = _run(site.root)
    golden("check/one-of-each.txt", done.stdout)
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    assert digest(site.output) == before
