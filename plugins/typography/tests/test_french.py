"""French typography: what changes in text, and what must never change."""

import pytest

from comptoir.plugins.typography.french import NBSP, NNBSP, french_html, french_text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Bonjour !", f"Bonjour{NNBSP}!"),
        ("Bonjour!", f"Bonjour{NNBSP}!"),
        ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
        ("un ; deux", f"un{NNBSP}; deux"),
        ("Ingrédients : farine", f"Ingrédients{NBSP}: farine"),
        ("« pain »", f"«{NNBSP}pain{NNBSP}»"),
        ("«pain»", f"«{NNBSP}pain{NNBSP}»"),
        ("l'eau d'ici", "l’eau d’ici"),
        # Already typeset text is left as it is.
        (f"Bonjour{NNBSP}!", f"Bonjour{NNBSP}!"),
    ],
)
def test_rules_apply_to_text(before: str, after: str) -> None:
    assert french_text(before) == after


@pytest.mark.parametrize(
    "untouched",
    [
        "Rendez-vous à 10:30 précises",
        "https://example.org/?q=pain!",
        "écrivez à bonjour@example.org",
        "www.example.org/page?x=1",
    ],
)
def test_times_urls_and_addresses_are_left_alone(untouched: str) -> None:
    assert french_text(untouched) == untouched


def test_code_pre_kbd_and_attributes_are_never_touched() -> None:
    html = (
        '<p title="Vraiment ?">Il dit : <code>a ; b?</code> <kbd>Ctrl : C</kbd> '
        '<a href="https://x.fr/?a=b">lien ?</a></p><pre>x : y ! </pre>'
        "<samp>ok ?</samp><script>if (a ? b : c) {}</script>"
    )
    assert french_html(html) == (
        f'<p title="Vraiment ?">Il dit{NBSP}: <code>a ; b?</code> <kbd>Ctrl : C</kbd> '
        f'<a href="https://x.fr/?a=b">lien{NNBSP}?</a></p><pre>x : y ! </pre>'
        "<samp>ok ?</samp><script>if (a ? b : c) {}</script>"
    )


def test_entities_are_kept_and_not_mistaken_for_semicolons() -> None:
    html = "<p>Pain &amp; beurre &laquo;&nbsp;maison&nbsp;&raquo;</p>"
    assert french_html(html) == html


def test_nested_skipped_elements_restore_typesetting_after() -> None:
    html = "<pre><code>a : b</code></pre><p>Après : oui</p>"
    assert french_html(html) == f"<pre><code>a : b</code></pre><p>Après{NBSP}: oui</p>"


def test_comments_and_void_tags_pass_through() -> None:
    html = '<p>Une<br>ligne ?<!-- note : ici --><img alt="a ?" src=x></p>'
    assert (
        french_html(html) == f'<p>Une<br>ligne{NNBSP}?<!-- note : ici --><img alt="a ?" src=x></p>'
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("<p>d'<em>abord</em></p>", "<p>d’<em>abord</em></p>"),
        ("<p>L'« affaire »</p>", f"<p>L’«{NNBSP}affaire{NNBSP}»</p>"),
        ("<p><strong>vrai</strong>!</p>", f"<p><strong>vrai{NNBSP}</strong>!</p>"),
        ("<p><strong>Prix</strong> : 3 €</p>", f"<p><strong>Prix</strong>{NBSP}: 3{NBSP}€</p>"),
        ('<p><a href="/r/">recette</a> : ici</p>', f'<p><a href="/r/">recette</a>{NBSP}: ici</p>'),
        ("<p>Tél. : 04</p>", f"<p>Tél.{NBSP}: 04</p>"),
        ("<p><code>x</code> : y</p>", f"<p><code>x</code>{NBSP}: y</p>"),
        # A sentence does not run on across paragraphs.
        ("<p>fin</p><p>! début</p>", "<p>fin</p><p>! début</p>"),
    ],
)
def test_sentences_run_across_inline_tags(before: str, after: str) -> None:
    assert french_html(before) == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Cuire à 280 °C.", f"Cuire à 280{NBSP}°C."),
        ("500 g de farine et 20 % de seigle", f"500{NBSP}g de farine et 20{NBSP}% de seigle"),
        ("Pétrir 10 min, pointer 1 h", f"Pétrir 10{NBSP}min, pointer 1{NBSP}h"),
        ("5 hommes, 3 minutes, 2 grammes", "5 hommes, 3 minutes, 2 grammes"),
    ],
)
def test_a_number_and_its_unit_stay_on_one_line(before: str, after: str) -> None:
    assert french_text(before) == after
    assert (
        french_html(f"<p>{before}</p><code>{before}</code>")
        == f"<p>{after}</p><code>{before}</code>"
    )
