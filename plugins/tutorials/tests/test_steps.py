"""Finding a tutorial's steps: first ordered list, or headings under Étapes."""

from markdown import Markdown

from comptoir.tutorials import StepsExtension


def convert(text: str, kind: str = "tutorial") -> tuple[str, list]:
    md = Markdown(extensions=[StepsExtension(), "sane_lists"])
    md.comptoir_kind = kind
    md.comptoir_meta = {}
    html = md.convert(text)
    return html, md.comptoir_meta.get("steps")


def test_first_ordered_list_is_the_steps() -> None:
    html, steps = convert("Intro.\n\n1. Pesez la *farine*.\n2. Mélangez.\n\n- a\n\n1. Autre liste")
    assert html.count('<ol class="steps">') == 1
    assert steps == [{"name": "", "text": "Pesez la farine."}, {"name": "", "text": "Mélangez."}]


def test_headings_under_etapes_win_over_lists() -> None:
    text = (
        "1. pas une étape\n\n## Étapes\n\n### Rafraîchir\n\nAjoutez de la farine.\n\n"
        "### Attendre\n\nLaissez lever.\n\nEncore un peu.\n\n## Astuce\n\n### Pas une étape\n"
    )
    html, steps = convert(text)
    assert steps == [
        {"name": "Rafraîchir", "text": "Ajoutez de la farine."},
        {"name": "Attendre", "text": "Laissez lever. Encore un peu."},
    ]
    assert html.count('class="step"') == 2
    assert 'class="steps"' not in html


def test_english_steps_heading_and_no_steps() -> None:
    _, steps = convert("# Steps\n\n## Mix\n\nMix it.\n")
    assert steps == [{"name": "Mix", "text": "Mix it."}]
    _, none = convert("Just text.")
    assert none == []


def test_stories_are_left_alone() -> None:
    html, steps = convert("1. un\n2. deux", kind="story")
    assert steps is None and "steps" not in html
