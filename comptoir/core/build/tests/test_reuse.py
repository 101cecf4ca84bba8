"""Pages kept from the last build (build/reuse.py), on a copy of the example:
what is kept, what a change renders again, and random edits that must give
the very bytes of a clean build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from comptoir.core.build.fingerprint import Fingerprints

STORY = "content/stories/une-nuit-au-fournil.md"


@pytest.fixture(autouse=True)
def forked(monkeypatch) -> None:
    """Pages compared and written by forked processes, as on any site of 60
    pages or more (the example has about 50)."""
    monkeypatch.setattr("comptoir.core.build.writer.MIN_PAGES", 1)


def calls(result) -> int:
    """How many page-writing calls the build made (kept or rendered)."""
    return len(result.build.writer.pages)


def kept(result) -> int:
    return result.stats["pages_kept"]


def clean_digest(site, digest) -> dict[str, str]:
    """The same project built from nothing into a folder of its own."""
    shutil.rmtree(site.root / "clean", ignore_errors=True)
    result = site.build(OUTPUT_PATH=str(site.root / "clean"), COMPTOIR_REUSE=False)
    assert result.ok, site.messages(result)
    return digest(site.root / "clean")


def edit(site, path: str, old: str, new: str) -> None:
    file = site.root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unchanged_site_keeps_every_page_as_it_was(example_copy, digest) -> None:
    first = example_copy.build()
    assert first.ok, example_copy.messages(first)
    assert kept(first) == 0
    before = digest(example_copy.output)
    page = example_copy.output / "histoires/une-nuit-au-fournil/index.html"
    inode = page.stat().st_ino
    again = example_copy.build()
    assert again.ok and kept(again) == calls(again) > 40
    assert digest(example_copy.output) == before
    # Kept means linked, not rendered and written again.
    assert page.stat().st_ino == inode


@pytest.mark.parametrize("workers", [None, 1], ids=["forked", "one-process"])
def test_a_text_edit_renders_that_story_alone(example_copy, digest, workers) -> None:
    assert example_copy.build(COMPTOIR_WORKERS=workers).ok
    edit(example_copy, STORY, "## ", "Un ajout du jour, pour voir.\n\n## ")
    result = example_copy.build(COMPTOIR_WORKERS=workers)
    assert result.ok
    # Titles, summaries and reading times elsewhere did not change.
    assert kept(result) == calls(result) - 1
    assert "Un ajout du jour" in example_copy.page("histoires/une-nuit-au-fournil/index.html")
    assert digest(example_copy.output) == clean_digest(example_copy, digest)


def test_a_title_edit_renders_the_pages_showing_it(example_copy, digest) -> None:
    assert example_copy.build().ok
    edit(example_copy, STORY, "Title: Une nuit au fournil", "Title: Une longue nuit au fournil")
    result = example_copy.build()
    assert result.ok
    rendered = calls(result) - kept(result)
    assert 1 < rendered < calls(result) / 2
    for page in ("index.html", "histoires/index.html", "etiquettes/levain/index.html"):
        assert "Une longue nuit au fournil" in example_copy.page(page)
    assert digest(example_copy.output) == clean_digest(example_copy, digest)


@pytest.mark.parametrize("change", ["template", "setting", "translation", "plugin"])
def test_a_site_wide_change_renders_every_page(example_copy, change: str) -> None:
    assert example_copy.build().ok
    if change == "template":
        edit(example_copy, "theme/templates/base.html", "</body>", "<!-- changed --></body>")
    elif change == "setting":
        edit(example_copy, "pelicanconf.py", 'SITENAME = "', 'SITENAME = "La vraie ')
    elif change == "translation":
        catalog = next((example_copy.root / "theme/translations").rglob("*.po"))
        text = catalog.read_text(encoding="utf-8")
        catalog.write_text(text + '\nmsgid "Une phrase de plus"\nmsgstr ""\n', encoding="utf-8")
    else:
        # A plugin's folder given to Pelican: any file of it changing counts.
        plugin = example_copy.root / "shop_plugin"
        plugin.mkdir()
        (plugin / "__init__.py").write_text("def register():\n    pass\n", encoding="utf-8")
        with (example_copy.root / "pelicanconf.py").open("a", encoding="utf-8") as conf:
            conf.write(
                '\nimport sys\nsys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))\n'
            )
            conf.write('PLUGINS = [*PLUGINS, "shop_plugin"]\n')
        assert kept(example_copy.build()) == 0  # PLUGINS changed
        again = example_copy.build()
        assert kept(again) == calls(again)
        (plugin / "__init__.py").write_text("def register():\n    return None\n", encoding="utf-8")
    result = example_copy.build()
    assert result.ok, example_copy.messages(result)
    assert kept(result) == 0


def test_a_page_edited_by_hand_in_the_output_is_made_again(example_copy) -> None:
    assert example_copy.build().ok
    page = example_copy.output / "a-propos/index.html"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "<!-- by hand -->", encoding="utf-8")
    result = example_copy.build()
    assert kept(result) == calls(result) - 1
    assert page.read_text(encoding="utf-8") == original


def test_a_failed_build_after_kept_pages_leaves_the_live_site_whole(example_copy, digest) -> None:
    assert example_copy.build().ok
    before = digest(example_copy.output)
    # A kept page is a hard link to the live file: a build that fails after
    # writing over it must not have touched the live one.
    edit(example_copy, "theme/templates/base.html", "</body>", "{{ nope( }}</body>")
    assert not example_copy.build().ok
    assert digest(example_copy.output) == before


def test_fingerprints_say_what_changed() -> None:
    prints = Fingerprints()
    assert prints.value([1, "a", {"b": (2, 3)}]) == Fingerprints().value([1, "a", {"b": (2, 3)}])
    # A template lists a dict in its order: another order is another page.
    assert prints.value({"b": 1, "a": 2}) != prints.value({"a": 2, "b": 1})
    # Same text, other type: a template shows or escapes them differently.
    assert prints.value(["<b>"]) != prints.value([Markup("<b>")])
    assert prints.value([1, 2]) != prints.value((1, 2))
    assert prints.value([True]) != prints.value([1])
    assert prints.value([{"a": 1.0}]) != prints.value([{"a": 1}])
    assert prints.value(["a" * 100]) != prints.value(["a" * 99 + "b"])
    assert prints.value(object()) == prints.value(object())  # no memory address counts


# What an owner does between two builds, drawn at random: each example
# starts from the example's own content, edited, then built incrementally
# after whatever the previous example built.
STORIES = [
    "content/stories/une-nuit-au-fournil.md",
    "content/stories/le-pain-de-la-veille.md",
    "content/stories/la-galette-des-rois.md",
    "content/tutorials/entretenir-son-levain.md",
]
TAGS = ["levain", "quartier", "farine", "savoir-faire", "brioche", "fête"]
EDITS = st.one_of(
    st.tuples(st.just("text"), st.sampled_from(STORIES), st.sampled_from(["Farine.", "Pain !"])),
    st.tuples(st.just("title"), st.sampled_from(STORIES), st.sampled_from(["Au four", "Levain"])),
    st.tuples(
        st.just("tags"),
        st.sampled_from(STORIES),
        st.lists(st.sampled_from(TAGS), min_size=1, max_size=3, unique=True).map(", ".join),
    ),
    st.tuples(
        st.just("date"), st.sampled_from(STORIES), st.sampled_from(["2024-01-05", "2026-11-30"])
    ),
    st.tuples(st.just("new"), st.sampled_from(["le-four", "la-farine"]), st.sampled_from(TAGS)),
    st.tuples(st.just("summary"), st.sampled_from(STORIES), st.sampled_from(["Du pain, " * 8])),
    # Another story links to this one ({filename}): its page must follow.
    st.tuples(st.just("slug"), st.just("content/stories/le-pain-de-la-veille.md"), st.just("hier")),
    st.tuples(st.just("drop"), st.just("content/stories/la-galette-des-rois.md"), st.just("")),
)


def apply(root: Path, change: tuple[str, str, str]) -> None:
    kind, where, value = change
    if kind == "new":
        (root / f"content/stories/{where}.md").write_text(
            f"Title: Nouvelle {where}\nDate: 2026-06-01 08:00\nAuthor: Camille Garnier\n"
            f"Summary: Une histoire neuve.\nTags: {value}\n\nUne histoire neuve, {value}.\n",
            encoding="utf-8",
        )
        return
    file = root / where
    if kind == "drop" or not file.exists():  # an edit after the drop: nothing
        file.unlink(missing_ok=True)
        return
    text = file.read_text(encoding="utf-8")
    if kind == "text":
        text = text.rstrip("\n") + f"\n\n{value}\n"
    elif kind == "title":
        text = re.sub(r"^Title: .*$", f"Title: {value}", text, count=1, flags=re.M)
    elif kind == "tags":
        text = re.sub(r"^Tags: .*$", f"Tags: {value}", text, count=1, flags=re.M)
    elif kind in ("summary", "slug"):
        key = kind.capitalize()
        text = re.sub(rf"^{key}: .*$", f"{key}: {value.strip()}", text, count=1, flags=re.M)
    else:
        text = re.sub(r"^Date: \S+", f"Date: {value}", text, count=1, flags=re.M)
    file.write_text(text, encoding="utf-8")


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.lists(EDITS, min_size=1, max_size=3))
def test_random_edits_give_the_bytes_of_a_clean_build(example_copy, digest, changes) -> None:
    root = example_copy.root
    pristine = root / "pristine"
    if not pristine.exists():
        shutil.copytree(root / "content", pristine)
        assert example_copy.build().ok
    shutil.rmtree(root / "content")
    shutil.copytree(pristine, root / "content")
    for change in changes:
        apply(root, change)
    result = example_copy.build()
    assert result.ok, example_copy.messages(result)
    assert digest(example_copy.output) == clean_digest(example_copy, digest)


def test_a_kept_page_tells_its_warnings_again(example_copy) -> None:
    # A warning only rendering gives: the owner's filter in a template.
    with example_copy.settings.open("a", encoding="utf-8") as conf:
        conf.write(
            "\nimport logging\nimport os\n\n\ndef warn(title):\n"
            '    logging.getLogger("boutique").warning("Titre à revoir : %s", title)\n'
            "    return title\n\n\n"
            'JINJA_FILTERS = {"warn": warn}\n'
            'THEME_TEMPLATES_OVERRIDES = [os.path.join(os.path.dirname(__file__), "overrides")]\n'
        )
    example_copy.write(
        {
            "overrides/article.html": '{% extends "!theme/article.html" %}'
            "{% block title %}{{ article.title|warn }}{% endblock %}"
        }
    )
    for strict in (False, True):
        result = example_copy.build(strict=strict)
        assert kept(result) == (calls(result) if strict else 0)
        told = [p.message for p in result.problems if p.message.startswith("Titre à revoir")]
        assert "Titre à revoir : Une nuit au fournil" in told and len(told) > 5
    # Kept pages still fail the build that publishes.
    assert not result.ok


def test_a_function_of_the_settings_file_counts_by_its_code(example_copy) -> None:
    def use(suffix: str) -> None:
        settings = (example_copy.root / "pelicanconf.py").read_text(encoding="utf-8")
        settings = settings.split("\n# --- test filter")[0]
        settings += (
            f"\n# --- test filter\ndef signed(title):\n    return title + {suffix!r}\n\n\n"
            'JINJA_FILTERS = {"signed": signed}\nTHEME_TEMPLATES_OVERRIDES = '
            '[__import__("os").path.join(__import__("os").path.dirname(__file__), "o")]\n'
        )
        (example_copy.root / "pelicanconf.py").write_text(settings, encoding="utf-8")

    example_copy.write(
        {
            "o/article.html": '{% extends "!theme/article.html" %}'
            "{% block title %}{{ article.title|signed }}{% endblock %}"
        }
    )
    use(" (avant)")
    assert example_copy.build().ok
    use(" (après)")
    result = example_copy.build()
    assert result.ok and kept(result) < calls(result)
    assert "<title>Une nuit au fournil (après)</title>" in example_copy.page(
        "histoires/une-nuit-au-fournil/index.html"
    )


def test_a_page_linking_a_static_file_is_kept(make_site) -> None:
    """Pelican fills in ``{static}`` links while the page renders, reading
    the file's object: that read is known to the next build, so the page is
    kept while the file stays, and made again when it moves."""
    site = make_site(
        {
            "content/pages/carte.md": (
                "Title: La carte\nSlug: carte\n\nLa [carte]({static}/fichiers/carte.pdf).\n"
            ),
            "content/fichiers/carte.pdf": "%PDF-1.4 carte",
        },
        'STATIC_PATHS = ["images", "fichiers"]\nSEARCH = False\n',
    )
    first = site.build()
    assert first.ok, site.messages(first)
    assert "/fichiers/carte.pdf" in site.page("carte/index.html")
    again = site.build()
    assert again.ok and kept(again) == calls(again)
    (site.root / "content/fichiers/carte.pdf").rename(site.root / "content/fichiers/menu.pdf")
    edit(site, "content/pages/carte.md", "carte.pdf", "menu.pdf")
    moved = site.build()
    assert moved.ok, site.messages(moved)
    assert "/fichiers/menu.pdf" in site.page("carte/index.html")
