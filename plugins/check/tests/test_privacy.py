"""The privacy scan finds every request a page makes to another host, and
only those: the example site makes none, an image pasted from a CDN is found
on its page, and the owner's CSP_EXTRA allowance is honoured."""

from __future__ import annotations

from pathlib import Path

import pytest

from comptoir.plugins.check.privacy import (
    Request,
    allowed_origins,
    foreign,
    requests_in_css,
    requests_in_html,
    scan_folder,
)

EVIL = "https://evil.example/x"
# (HTML, what, URL): one of each kind of fetch a page can make.
KINDS = {
    "img": ('<img src="https://evil.example/x" alt="">', "img src", EVIL),
    "img-srcset": ('<img srcset="https://evil.example/x 2x" alt="">', "img srcset", EVIL),
    "picture": (
        '<picture><source srcset="https://evil.example/x"></picture>',
        "source srcset",
        EVIL,
    ),
    "script": ('<script src="https://evil.example/x"></script>', "script src", EVIL),
    "stylesheet": (
        '<link rel="stylesheet" href="https://evil.example/x">',
        "link stylesheet",
        EVIL,
    ),
    "icon": ('<link rel="shortcut icon" href="https://evil.example/x">', "link icon", EVIL),
    "touch-icon": (
        '<link rel="apple-touch-icon" href="https://evil.example/x">',
        "link apple-touch-icon",
        EVIL,
    ),
    "preload": (
        '<link rel="preload" as="font" href="https://evil.example/x">',
        "link preload",
        EVIL,
    ),
    "prefetch": ('<link rel="prefetch" href="https://evil.example/x">', "link prefetch", EVIL),
    "modulepreload": (
        '<link rel="modulepreload" href="https://evil.example/x">',
        "link modulepreload",
        EVIL,
    ),
    "manifest": ('<link rel="manifest" href="https://evil.example/x">', "link manifest", EVIL),
    "dns-prefetch": (
        '<link rel="dns-prefetch" href="//evil.example">',
        "link dns-prefetch",
        "//evil.example",
    ),
    "preconnect": (
        '<link rel="preconnect" href="https://evil.example">',
        "link preconnect",
        "https://evil.example",
    ),
    "imagesrcset": (
        '<link rel="preload" as="image" imagesrcset="https://evil.example/x 1x">',
        "link imagesrcset",
        EVIL,
    ),
    "iframe": ('<iframe src="https://evil.example/x"></iframe>', "iframe src", EVIL),
    "frame": ('<frameset><frame src="https://evil.example/x"></frameset>', "frame src", EVIL),
    "embed": ('<embed src="https://evil.example/x">', "embed src", EVIL),
    "object": ('<object data="https://evil.example/x"></object>', "object data", EVIL),
    "video": ('<video src="https://evil.example/x"></video>', "video src", EVIL),
    "poster": ('<video poster="https://evil.example/x"></video>', "video poster", EVIL),
    "audio": ('<audio src="https://evil.example/x"></audio>', "audio src", EVIL),
    "source": ('<video><source src="https://evil.example/x"></video>', "source src", EVIL),
    "track": ('<video><track src="https://evil.example/x"></video>', "track src", EVIL),
    "input": ('<input type="IMAGE" src="https://evil.example/x" alt="">', "input image src", EVIL),
    "refresh": (
        '<meta http-equiv="Refresh" content="0; URL=\'https://evil.example/x\'">',
        "meta refresh",
        EVIL,
    ),
    "style": ("<style>body { background: url(https://evil.example/x) }</style>", "css url()", EVIL),
    "style-import": ('<style>@import "https://evil.example/x";</style>', "css @import", EVIL),
    "style-attribute": (
        "<div style=\"background-image: url('https://evil.example/x')\"></div>",
        "style attribute url()",
        EVIL,
    ),
    "svg-image": ('<svg><image href="https://evil.example/x"/></svg>', "image href", EVIL),
    "svg-xlink": (
        '<svg><image xlink:href="https://evil.example/x"/></svg>',
        "image xlink:href",
        EVIL,
    ),
    "svg-use": ('<svg><use href="https://evil.example/x#icon"/></svg>', "use href", EVIL + "#icon"),
    "svg-fill": (
        '<svg><rect fill="url(https://evil.example/x)"/></svg>',
        "fill attribute url()",
        EVIL,
    ),
    "background": ('<body background="https://evil.example/x">', "body background", EVIL),
    "ping": ('<a href="/ok/" ping="https://evil.example/x">ok</a>', "a ping", EVIL),
    "base": ('<base href="https://evil.example/x">', "base href", EVIL),
    "srcdoc": (
        '<iframe srcdoc="&lt;img src=&quot;https://evil.example/x&quot;&gt;"></iframe>',
        "iframe srcdoc img src",
        EVIL,
    ),
    "xml-stylesheet": (
        '<?xml-stylesheet type="text/xsl" href="https://evil.example/x"?><rss/>',
        "xml-stylesheet href",
        EVIL,
    ),
}


@pytest.mark.parametrize("case", KINDS)
def test_each_kind_of_fetch_is_found_and_is_foreign(case: str) -> None:
    html, what, url = KINDS[case]
    found = requests_in_html(f"<p>avant</p>\n{html}\n")
    assert found == [Request(2, what, url)]
    assert foreign(found, ["https://ok.example"]) == found
    assert foreign(found, ["https://evil.example"]) == []


def test_navigation_and_metadata_are_no_request() -> None:
    html = """<a href="https://evil.example/">lien</a>
    <link rel="canonical" href="https://evil.example/">
    <link rel="alternate" type="application/rss+xml" href="https://evil.example/rss">
    <meta property="og:image" content="https://evil.example/x.jpg">
    <form action="https://evil.example/"></form>
    <script type="application/ld+json">{"image": "https://evil.example/x.jpg"}</script>
    <svg xmlns="http://www.w3.org/2000/svg"><use href="#icon"/><rect fill="url(#g)"/></svg>
    <p>url(https://evil.example/x) en texte</p>"""
    assert foreign(requests_in_html(html), []) == []


@pytest.mark.parametrize(
    "url",
    [
        "https&#58;//evil.example/x",  # entity-encoded
        "https&colon;//evil.example/x",
        "&#x68;ttps://evil.example/x",
        "HTTPS://EVIL.example/x",  # uppercase scheme and host
        "//evil.example/x",  # protocol-relative
        "\\\\evil.example/x",  # backslashes, read as slashes
        " https://evil.example/x ",
        "ht\ttps://evil.example/x",  # a tab is dropped
        "https:evil.example/x",
        "https://user@evil.example:443/x",
    ],
)
def test_disguised_addresses_are_read_as_a_browser_does(url: str) -> None:
    found = requests_in_html(f'<img src="{url}" alt="">')
    assert len(found) == 1
    assert foreign(found, ["https://www.lesdeuxepis.example"]) == found
    assert foreign(found, ["https://evil.example"]) == []


@pytest.mark.parametrize(
    "url",
    ["/images/a.jpg", "a.jpg", "../a.jpg", "?x", "data:image/png;base64,AAAA", "blob:x"],
)
def test_local_addresses_are_not_foreign(url: str) -> None:
    assert foreign(requests_in_html(f'<img src="{url}" alt="">'), []) == []


def test_another_port_or_scheme_is_another_origin() -> None:
    found = requests_in_html(
        '<img src="https://ok.example:8443/a">\n<img src="http://ok.example/b">\n'
        '<img src="https://ok.example:443/c"><img src="https://OK.example/d">'
    )
    assert [r.url for r in foreign(found, ["https://ok.example"])] == [
        "https://ok.example:8443/a",
        "http://ok.example/b",
    ]


def test_a_srcset_with_several_candidates() -> None:
    srcset = (
        "/a-400.jpg 400w, https://evil.example/a-800.jpg 800w,"
        "data:image/png;base64,AA,BB 1x,https://evil.example/c.jpg,/d.jpg"
    )
    found = requests_in_html(f'<img srcset="{srcset}" alt="">')
    assert [r.url for r in found] == [
        "/a-400.jpg",
        "https://evil.example/a-800.jpg",
        "data:image/png;base64,AA,BB",
        "https://evil.example/c.jpg,/d.jpg",  # no space after a comma: one URL
    ]
    assert [r.url for r in foreign(found, [])] == [found[1].url, found[3].url]


def test_css_urls_quoted_unquoted_imports_and_comments() -> None:
    css = """@import url("https://fonts.example/a.css");
@import 'https://fonts.example/b.css' screen;
/* background: url(https://evil.example/commented.png); */
body { background: URL( https://img.example/c.png ) }
h1 { background-image: url('/local.png'), url("data:image/png;base64,AAAA") }
p::before { content: "url(https://evil.example/string)" }
@font-face { src: url(//fonts.example/d.woff2) format("woff2") }
i { background: url(\\68 ttps://evil.example/escaped.png) }
"""
    assert requests_in_css(css) == [
        Request(1, "css @import", "https://fonts.example/a.css"),
        Request(2, "css @import", "https://fonts.example/b.css"),
        Request(4, "css url()", "https://img.example/c.png"),
        Request(5, "css url()", "/local.png"),
        Request(7, "css url()", "//fonts.example/d.woff2"),
        Request(8, "css url()", "https://evil.example/escaped.png"),
    ]


def test_line_numbers_of_a_style_element_count_from_its_text() -> None:
    html = '<html>\n<head>\n<style\n  media="print">\nb {}\na { background: url(https://evil.example/x) }\n</style>'
    assert requests_in_html(html) == [Request(6, "css url()", EVIL)]


def test_allowed_origins_are_the_site_and_csp_extra() -> None:
    settings = {
        "SITEURL": "https://www.lesdeuxepis.example/boutique",
        "CSP_EXTRA": {
            "img-src": ["https://images.example.com/photos/", "data:"],
            "font-src": ["https://fonts.example:8443"],
            "frame-src": ["https://*.maps.example"],
        },
    }
    allowed = allowed_origins(settings)
    assert allowed == [
        "https://*.maps.example",
        "https://fonts.example:8443",
        "https://images.example.com",
        "https://www.lesdeuxepis.example",
    ]
    page = """<img src="https://images.example.com/a.jpg" alt="">
<img src="https://www.lesdeuxepis.example/theme/x.png" alt="">
<iframe src="https://www.maps.example/embed"></iframe>
<iframe src="https://maps.example.evil.example/embed"></iframe>
<iframe src="https://www.youtube-nocookie.com/embed/abc"></iframe>"""
    assert [r.line for r in foreign(requests_in_html(page), allowed)] == [4, 5]
    assert allowed_origins({"SITEURL": "", "CSP_EXTRA": {}}) == []


def test_scan_folder_reads_pages_styles_and_svg(tmp_path: Path) -> None:
    files = {
        "index.html": '<img src="/a.jpg" alt="">',
        "b/index.htm": '<script src="https://evil.example/s.js"></script>',
        "theme/css/site.css": "a{}\nb { background: url(https://evil.example/i.png) }",
        "images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"><image href="//evil.example/p"/></svg>',
        "theme/feeds/rss.xsl": '<xsl:stylesheet><img src="https://evil.example/f"/></xsl:stylesheet>',
        "notes.txt": '<img src="https://evil.example/t">',
        "feed.json": '{"image": "https://evil.example/j"}',
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = scan_folder(tmp_path, [])
    assert {k: [(r.line, r.what) for r in v] for k, v in found.items()} == {
        "b/index.htm": [(1, "script src")],
        "images/logo.svg": [(1, "image href")],
        "theme/css/site.css": [(2, "css url()")],
        "theme/feeds/rss.xsl": [(1, "img src")],
    }
    assert scan_folder(tmp_path, ["https://evil.example"]) == {}


def test_the_example_site_requests_nothing_from_another_host(example_output: Path) -> None:
    # The scan does read it: pages, the stylesheet, the logo and icon.
    assert (example_output / "index.html").is_file()
    assert scan_folder(example_output, []) == {}


def test_the_published_example_requests_only_its_own_host(tmp_path: Path, example_builder) -> None:
    output = example_builder(tmp_path, "publishconf.py")
    assert "https://www.lesdeuxepis.example/theme/" in (output / "index.html").read_text("utf-8")
    settings = {"SITEURL": "https://www.lesdeuxepis.example", "CSP_EXTRA": {}}
    assert scan_folder(output, allowed_origins(settings)) == {}
    # Its absolute addresses are seen: without the site's own origin, all are foreign.
    assert "index.html" in scan_folder(output, [])


STORY = "Title: Le pain\nDate: 2024-05-01\n\n![Photo](https://cdn.example.com/pain.jpg)\n\nFin.\n"


def test_an_image_from_a_cdn_is_found_on_its_page_unless_allowed(make_site) -> None:
    site = make_site({"content/stories/pain.md": STORY})
    result = site.build(strict=False)
    assert result.ok
    # The sanitizer keeps an https image (the owner's choice): the scan tells.
    found = scan_folder(site.output, allowed_origins(result.settings))
    assert list(found) == ["histoires/pain/index.html"]
    [request] = found["histoires/pain/index.html"]
    assert (request.what, request.url) == ("img src", "https://cdn.example.com/pain.jpg")
    line = site.page("histoires/pain/index.html").splitlines()[request.line - 1]
    assert 'src="https://cdn.example.com/pain.jpg"' in line

    site = make_site(settings='CSP_EXTRA = {"img-src": ["https://cdn.example.com"]}\n')
    result = site.build(strict=True)
    assert result.ok
    assert scan_folder(site.output, allowed_origins(result.settings)) == {}
