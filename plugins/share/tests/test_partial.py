"""The share block as built: the chosen networks in order, words in the
page's language, buttons hidden until share.js, and SHARE_NETWORKS checked."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from PIL import Image

from comptoir.plugins.share import _check_networks

PROD = 'SITEURL = "https://b.example"\n'
STORY = "Title: Pain & « levain » #1\nDate: 2025-03-01 08:00\nTags: levain\n\nTexte.\n"


class ShareBlock(HTMLParser):
    """The share section's links, buttons and status, and the page's scripts."""

    def __init__(self, html: str):
        super().__init__()
        self.section: dict[str, str] | None = None
        self.links: list[dict[str, str]] = []
        self.buttons: list[dict[str, str]] = []
        self.status: dict[str, str] | None = None
        self.scripts: list[str] = []
        self.heading = ""
        self.folded = False  # inside the "More networks" disclosure
        self._in: str | None = None
        self._depth = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "script" and "src" in a:
            self.scripts.append(a["src"])
        if tag == "section" and "share" in a.get("class", "").split():
            self.section = a
        if self.section is None or self._in == "done":
            return
        if tag == "section":
            self._depth += 1
        classes = a.get("class", "").split()
        if tag == "details" and "share__more" in classes:
            self.folded = True
        if tag == "a" and "share__link" in classes:
            self.links.append({**a, "text": "", "folded": self.folded})
            self._in = "a"
        elif tag == "button" and "share__button" in classes:
            self.buttons.append({**a, "text": ""})
            self._in = "button"
        elif tag == "h2":
            self._in = "h2"
        elif tag == "span" and "share__status" in classes:
            self.status = a

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self.section is not None and self._in != "done":
            self._depth -= 1
            if self._depth == 0:
                self._in = "done"
        elif self._in in ("a", "button", "h2"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "a":
            self.links[-1]["text"] += data
        elif self._in == "button":
            self.buttons[-1]["text"] += data
        elif self._in == "h2":
            self.heading += data


def build(make_site, files: dict[str, str], settings: str = PROD, **overrides):
    site = make_site(files, settings=settings)
    (site.root / "content/images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1600, 900), "tan").save(site.root / "content/images/pain.jpg")
    result = site.build(**overrides)
    assert result.ok, site.messages(result)
    return site


def test_chosen_networks_in_order_with_french_words(make_site) -> None:
    site = build(
        make_site,
        {"content/stories/un.md": STORY},
        PROD + 'SHARE_NETWORKS = ["email", "mastodon", "pinterest", "whatsapp", "x"]\n',
    )
    block = ShareBlock(site.page("histoires/un/index.html"))
    assert block.section is not None
    assert block.section["data-share-url"] == "https://b.example/histoires/un/"
    assert block.section["data-share-title"] == "Pain & «\u202flevain\u202f» #1"
    assert block.heading == "Partager cette histoire"
    # No cover: Pinterest has nothing to pin, so it is left out.
    # Four show (SHARE_VISIBLE's default): none is folded.
    assert [(a["data-network"], a["text"], a["aria-label"], a["folded"]) for a in block.links] == [
        ("email", "E-mail", "Partager par e-mail", False),
        ("mastodon", "Mastodon", "Partager sur Mastodon", False),
        ("whatsapp", "WhatsApp", "Partager sur WhatsApp", False),
        ("x", "X", "Partager sur X", False),
    ]
    for link in block.links:
        assert link["rel"] == "nofollow noreferrer"
        assert "target" not in link
    # The parser has undone the HTML escaping (&amp;): the href as followed.
    text = parse_qs(urlsplit(block.links[1]["href"]).query)["text"]
    assert text == ["Pain & «\u202flevain\u202f» #1 https://b.example/histoires/un/"]
    # The buttons wait for share.js; the status is announced politely.
    assert [(b["text"], "hidden" in b, b["type"]) for b in block.buttons] == [
        ("Partager…", True, "button"),
        ("Copier le lien", True, "button"),
    ]
    assert block.status is not None and block.status["data-copied"] == "Lien copié"
    assert block.scripts.count("https://b.example/theme/js/share.js") == 1


def test_cover_goes_to_pinterest_and_a_translation_speaks_its_language(make_site) -> None:
    site = build(
        make_site,
        {
            "content/tutorials/pain.md": "Title: Pain\nDate: 2025-03-01\nImage: images/pain.jpg\n"
            "Image_alt: Une miche\n\n1. Pétrir.\n",
            "content/tutorials/pain-en.md": "Title: Bread\nDate: 2025-03-01\nSlug: pain\nLang: en\n"
            "Translation: true\n\n1. Knead.\n",
        },
        PROD + 'SHARE_NETWORKS = ["pinterest", "email"]\n',
    )
    block = ShareBlock(site.page("tutoriels/pain/index.html"))
    assert block.heading == "Partager ce tutoriel"
    [pin, _] = [link for link in block.links if not link["folded"]]
    media = parse_qs(urlsplit(pin["href"]).query)["media"][0]
    assert media.startswith("https://b.example/media/images/pain") and media.endswith(".jpg")
    [english] = [p for p in site.output.rglob("*.html") if "Bread</h1>" in p.read_text()]
    block = ShareBlock(english.read_text())
    assert block.heading == "Share this tutorial"
    assert [(a["text"], a["aria-label"]) for a in block.links] == [("Email", "Share by email")]
    assert [b["text"] for b in block.buttons] == ["Share…", "Copy link"]


def test_no_block_and_no_script_for_previewed_drafts_and_future_posts(make_site) -> None:
    # Their address is not live yet: a shared link would lead nowhere.
    files = {
        "content/stories/un.md": STORY,
        "content/stories/deux.md": STORY.replace("Tags:", "Status: draft\nTags:"),
        "content/stories/trois.md": STORY.replace("2025-03-01", "2999-03-01"),
    }
    site = build(make_site, files, COMPTOIR_PREVIEW=True)
    pages = {p: p.read_text() for p in site.output.rglob("*.html")}
    marked = [h for h in pages.values() if '<p class="draft-mark" role="note">' in h]
    assert len(marked) == 2
    for html in marked:
        assert ShareBlock(html).section is None and "share.js" not in html
    assert ShareBlock(site.page("histoires/un/index.html")).section is not None


def test_networks_past_share_visible_and_the_embed_code_fold_together(make_site) -> None:
    site = build(
        make_site,
        {"content/stories/un.md": STORY},
        PROD + 'SHARE_NETWORKS = ["whatsapp", "email", "x", "bluesky"]\nSHARE_VISIBLE = 2\n',
    )
    page = site.page("histoires/un/index.html")
    block = ShareBlock(page)
    assert [(a["data-network"], a["folded"]) for a in block.links] == [
        ("whatsapp", False),
        ("email", False),
        ("x", True),
        ("bluesky", True),
    ]
    # One disclosure, naming both what it holds; the embed code inside it.
    more = page.split('<details class="share__more">', 1)[1].split("</section>", 1)[0]
    assert "<summary>Autres réseaux et code d’intégration</summary>" in more
    assert '<textarea id="' in more and '<details class="embed-code"' not in page


def test_share_visible_is_checked(make_site) -> None:
    result = make_site(settings="SHARE_VISIBLE = 12\n").build()
    assert [(p.key, p.message) for p in result.errors] == [
        (
            "SHARE_VISIBLE",
            "Écrivez combien de liens de partage s’affichent avant «\u202fAutres réseaux\u202f»"
            "\u00a0: un nombre entier de 0 à 10, par exemple 4.",
        )
    ]


def test_no_block_and_no_script_with_an_empty_list(make_site) -> None:
    site = build(make_site, {"content/stories/un.md": STORY}, PROD + "SHARE_NETWORKS = []\n")
    page = site.page("histoires/un/index.html")
    assert ShareBlock(page).section is None and "share.js" not in page


def test_a_development_build_keeps_siteurl_as_it_is(make_site) -> None:
    # SITEURL is empty while writing: the block shows as it will be
    # published, with root-relative addresses (share.js resolves them).
    site = build(make_site, {"content/stories/un.md": STORY}, settings="")
    block = ShareBlock(site.page("histoires/un/index.html"))
    assert block.section["data-share-url"] == "/histoires/un/"
    assert parse_qs(urlsplit(block.links[0]["href"]).query) == {"u": ["/histoires/un/"]}


def test_unknown_network_names_the_known_ones(make_site) -> None:
    result = make_site(settings='SHARE_NETWORKS = ["facebook", "twitter"]\n').build()
    assert [(p.key, p.message) for p in result.errors] == [
        (
            "SHARE_NETWORKS",
            "Réseau inconnu\u00a0: «\u202ftwitter\u202f». Noms connus\u00a0: facebook, x,"
            " linkedin, whatsapp, telegram, pinterest, reddit, bluesky, mastodon, email.",
        )
    ]


def test_network_list_shape_and_duplicates_are_checked() -> None:
    assert _check_networks(["x", "email"], {}) is None
    assert _check_networks([], {}) is None
    assert _check_networks(["x", "x"], {}) == ("“%(name)s” is listed twice.", {"name": "x"})
    message, values = _check_networks("facebook", {})
    assert message.startswith("Write a list of network names")
    assert values["known"].startswith("facebook, x, linkedin")


def test_the_theme_builds_without_the_plugin(make_site) -> None:
    # In its own process: plugins connected by earlier builds of this one
    # stay connected (Pelican's signals are process-wide).
    off = PROD + 'PLUGINS = [p for p in PLUGINS if p != "comptoir.plugins.share"]\n'
    site = make_site({"content/stories/un.md": STORY}, settings=off)
    done = subprocess.run(
        [sys.executable, "-m", "comptoir.core.build", "--strict", "pelicanconf.py"],
        cwd=site.root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    page = site.page("histoires/un/index.html")
    assert ShareBlock(page).section is None and "share.js" not in page
