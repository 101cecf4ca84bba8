"""Typography on a whole small site: content, settings, and what stays raw."""

NNBSP, NBSP = "\u202f", "\u00a0"

STORY = """\
Title: L'été : enfin !
Date: 2025-06-01

Le four chauffe ; la pâte attend. **Prix** : 3 € !

Tapez `make bread; echo ok ?` puis <kbd>Ctrl : C</kbd>.

    python -c "print('a : b ?')"

Voir https://example.org/?q=pain ou écrivez-nous.
"""


def test_content_is_typeset_and_code_urls_are_not(make_site) -> None:
    site = make_site(
        {"content/stories/ete.md": STORY}, settings='SITESUBTITLE = "Pain, café : le matin !"\n'
    )
    result = site.build()
    assert result.ok, site.messages(result)
    page = site.page("histoires/ete/index.html")
    assert f"<h1>L’été{NBSP}: enfin{NNBSP}!</h1>" in page
    assert f"Le four chauffe{NNBSP}; la pâte attend." in page
    assert f"<strong>Prix</strong>{NBSP}: 3{NBSP}€{NNBSP}!" in page
    assert "<code>make bread; echo ok ?</code>" in page
    assert "<kbd>Ctrl : C</kbd>" in page
    assert "print('a : b ?')" in page or "print(&#39;a : b ?&#39;)" in page
    assert "https://example.org/?q=pain" in page
    assert f"Pain, café{NBSP}: le matin{NNBSP}!" in site.page("index.html")


def test_english_content_is_left_as_written(make_site) -> None:
    site = make_site({"content/stories/ete.md": STORY.replace("Date:", "Lang: en\nDate:")})
    assert site.build().ok
    page = site.page("en/stories/ete/index.html")
    assert "<h1>L&#39;été : enfin !</h1>" in page or "<h1>L'été : enfin !</h1>" in page
