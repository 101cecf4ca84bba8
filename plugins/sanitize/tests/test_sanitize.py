"""Hostile HTML in a content file never reaches a page; the owner is told."""

from __future__ import annotations

from pathlib import Path

import pytest

from comptoir.plugins.sanitize.policy import clean

HOSTILE = {
    "script": ("<script>alert(1)</script>", "<script"),
    "onerror": ("<img src=x onerror=alert(1)>", "onerror"),
    "js": ("[x](javascript:alert(1))", "alert(1)"),
    "js-case": ("[x](JaVaScRiPt:alert(1))", "alert(1)"),
    "js-entity": ('<a href="&#106;avascript:alert(1)">x</a>', "alert(1)"),
    "js-tab": ('<a href="java&#x09;script:alert(1)">x</a>', "alert(1)"),
    "vbscript": ('<a href="vbscript:x">x</a>', "vbscript"),
    "data": ('<a href="data:text/html,&lt;script&gt;alert(1)">x</a>', "data:"),
    "style": ("<style>body{display:none}</style>", "<style"),
    "iframe": ('<iframe src="https://evil.example/"></iframe>', "evil.example"),
    "attr-list": ('Un paragraphe.\n{: onclick="alert(1)" style="color:red" .ok }', "onclick"),
    "svg": ("<svg onload=alert(1)><circle r=1></circle></svg>", "onload"),
}


def story(slug: str, body: str, header: str = "", day: int = 1) -> str:
    return f"Title: Histoire {slug}\nDate: 2024-05-{day:02d}\n{header}\n{body}\n\nFin {slug}.\n"


def page_of(output: Path, marker: str) -> str:
    for path in output.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if f"Fin {marker}." in text and f"Histoire {marker}<" in text:
            return text
    raise AssertionError(f"no page for {marker}")


def test_hostile_html_never_reaches_a_page_and_each_file_is_named(make_site) -> None:
    # Neutral file names: a trace in the name would show in the page.
    names = {case: f"cas-{n}" for n, case in enumerate(HOSTILE, 1)}
    files = {
        f"content/stories/{names[case]}.md": story(names[case], body, day=n)
        for n, (case, (body, _)) in enumerate(HOSTILE.items(), 1)
    }
    site = make_site(files)
    result = site.build(strict=False)
    messages = site.messages(result)
    for case, (_, trace) in HOSTILE.items():
        html = site.page(f"histoires/{names[case]}/index.html")
        body = html[html.index('class="post__body"') : html.index("</article>")]
        assert f"Fin {names[case]}." in body, case
        assert trace.lower() not in body.lower(), case
        assert "alert(" not in html, case
        named = [m for m in messages if f"stories/{names[case]}.md:" in m]
        assert len(named) == 1 and "sécurité" in named[0], (case, messages)
    # attr_list keeps class, the rest is gone.
    assert 'class="ok"' in site.page(f"histoires/{names['attr-list']}/index.html")
    assert all(p.severity == "warning" for p in result.problems)
    assert not site.build(strict=True).ok


def test_the_warning_says_what_was_removed_in_french(make_site) -> None:
    site = make_site({"content/stories/a.md": story("a", '<p onclick="x">t</p><script>x</script>')})
    [message] = site.messages(site.build(strict=False))
    assert "l’élément <script>" in message and "l’attribut onclick" in message


def test_what_is_removed_from_a_summary_is_told_too(make_site) -> None:
    header = "Summary: Bonjour <script>alert(1)</script> [x](javascript:alert(1))"
    site = make_site({"content/stories/a.md": story("a", "Un texte sûr.", header)})
    result = site.build(strict=False)
    [message] = site.messages(result)
    assert message.startswith("content/stories/a.md: ")
    assert "l’élément <script>" in message and "un lien javascript:" in message
    assert "alert(" not in site.page("histoires/a/index.html")


@pytest.mark.parametrize(
    "setting,header", [("", "Raw_html: true"), ("CONTENT_RAW_HTML = True", "")]
)
def test_raw_html_opt_in_keeps_an_iframe_and_is_reported(make_site, setting, header) -> None:
    body = '<iframe src="/carte.html" title="Carte"></iframe>'
    site = make_site({"content/pages/carte.md": story("carte", body, header)}, setting)
    result = site.build(strict=True)
    assert result.ok
    assert '<iframe src="/carte.html"' in page_of(site.output, "carte")
    [problem] = result.problems
    assert (
        problem.severity == "info" and "carte.md" in problem.path and "<iframe>" in problem.message
    )


def test_raw_html_setting_must_be_a_bool(make_site) -> None:
    site = make_site({}, "CONTENT_RAW_HTML = 'yes'")
    assert not site.build(strict=False).ok


@pytest.mark.parametrize(
    "html",
    [
        '<a href="https://a.example/x" title="t" class="c" rel="me">a</a>',
        '<a href="mailto:a@b.example">m</a><a href="tel:+33123456789">t</a>',
        '<a href="{static}/images/a.jpg">i</a><a href="#fn:1">f</a>',
        '<picture><source type="image/avif" srcset="a.avif 480w" sizes="100vw">'
        '<img src="a.jpg" alt="A" width="10" height="5" srcset="a.jpg 480w" sizes="100vw"'
        ' loading="lazy" decoding="async"></picture>',
        '<ol class="steps"><li id="etape-1" class="step">x</li></ol>',
        '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
        '<details open=""><summary>s</summary>d</details><abbr title="t">T</abbr>',
        '<figure><blockquote cite="https://a.example/">q</blockquote><figcaption>c</figcaption></figure>',
        '<pre><code class="language-python">x = 1\n</code></pre>',
    ],
)
def test_what_the_kit_writes_survives(html: str) -> None:
    assert clean(html) == html


def test_the_example_builds_strict_with_its_pictures_and_steps(example_output) -> None:
    pages = "".join(p.read_text(encoding="utf-8") for p in Path(example_output).rglob("*.html"))
    for kept in ("<picture", '<li id="etape-1"', "<source type="):
        assert kept in pages, kept


def test_a_page_read_as_html_is_cleaned_too(make_site) -> None:
    """Pelican reads an .html file dropped into content/pages/ with its own
    reader, not Comptoir's Markdown one: the same filter applies."""
    site = make_site(
        {
            "content/pages/note.html": (
                '<html><head><title>Note</title><meta name="slug" content="note"></head>'
                '<body><p onclick="steal()">Bonjour</p><script>steal()</script></body></html>'
            )
        }
    )
    result = site.build(strict=False)
    assert result.ok, site.messages(result)
    page = site.page("note/index.html")
    assert "Bonjour" in page and "steal()" not in page
    [warning] = [p for p in result.problems if p.path == "content/pages/note.html"]
    assert warning.severity == "warning"
    assert "<script>" in warning.message and "onclick" in warning.message
