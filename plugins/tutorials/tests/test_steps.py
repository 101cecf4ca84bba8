"""Finding a tutorial's steps: first ordered list, or headings under Étapes."""

from markdown import Markdown

from comptoir.plugins.tutorials import StepsExtension


def convert(text: str, kind: str = "tutorial", lang: str = "fr") -> tuple[str, list]:
    md = Markdown(extensions=[StepsExtension(), "sane_lists"])
    md.comptoir_kind = kind
    md.comptoir_settings = {"DEFAULT_LANG": lang}
    md.comptoir_meta = {}
    html = md.convert(text)
    return html, md.comptoir_meta.get("steps")


def test_first_ordered_list_is_the_steps() -> None:
    html, steps = convert("Intro.\n\n1. Pesez la *farine*.\n2. Mélangez.\n\n- a\n\n1. Autre liste")
    assert html.count('<ol class="steps">') == 1
    assert steps == [
        {"name": "", "text": "Pesez la farine.", "anchor": "etape-1"},
        {"name": "", "text": "Mélangez.", "anchor": "etape-2"},
    ]
    # Each step can be linked to (structured data gives search engines the link).
    assert '<li id="etape-1">' in html and '<li id="etape-2">' in html


def test_headings_under_etapes_win_over_lists() -> None:
    text = (
        "1. pas une étape\n\n## Étapes\n\n### Rafraîchir\n\nAjoutez de la farine.\n\n"
        "### Attendre\n\nLaissez lever.\n\nEncore un peu.\n\n## Astuce\n\n### Pas une étape\n"
    )
    html, steps = convert(text)
    assert steps == [
        {"name": "Rafraîchir", "text": "Ajoutez de la farine.", "anchor": "etape-1"},
        {"name": "Attendre", "text": "Laissez lever. Encore un peu.", "anchor": "etape-2"},
    ]
    assert '<h3 class="step" id="etape-2">Attendre</h3>' in html
    assert html.count('class="step"') == 2
    assert 'class="steps"' not in html


def test_english_steps_heading_and_no_steps() -> None:
    _, steps = convert("# Steps\n\n## Mix\n\nMix it.\n", lang="en")
    assert steps == [{"name": "Mix", "text": "Mix it.", "anchor": "step-1"}]
    _, none = convert("Just text.")
    assert none == []


def test_stories_are_left_alone() -> None:
    html, steps = convert("1. un\n2. deux", kind="story")
    assert steps is None and "steps" not in html
