"""_headers and .htaccess: what each built file is served with."""

from pathlib import Path

from PIL import Image

from comptoir.plugins.headers.rules import matching, parse, site_files

PROD = 'SITEURL = "https://boulangerie.example"\n'
STORY = (
    "Title: Une nuit au fournil\nDate: 2025-03-01 08:00\n"
    "Summary: Un résumé pour les moteurs de recherche, assez long pour être utile.\n"
    "Image: images/pain.jpg\nImage_alt: Une miche\n\nTexte.\n"
)
FILES = {"content/stories/nuit.md": STORY, "content/pages/a-propos.md": "Title: À propos\n\nT.\n"}


def built(make_site, settings: str = PROD):
    site = make_site(FILES, settings)
    (site.root / "content/images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1200, 800), "tan").save(site.root / "content/images/pain.jpg")
    result = site.build()
    assert result.ok, site.messages(result)
    return site


def headers_for(output: Path, url_path: str) -> dict[str, str]:
    return matching(parse((output / "_headers").read_text("utf-8")), url_path)


def test_golden_headers_and_htaccess(make_site, golden) -> None:
    site = built(make_site, PROD + 'CSP_EXTRA = {"img-src": ["https://images.example.com"]}\n')
    golden("headers/_headers", (site.output / "_headers").read_text("utf-8"))
    golden("headers/htaccess", (site.output / ".htaccess").read_text("utf-8"))


def test_every_file_gets_one_rule_per_header(make_site) -> None:
    site = built(make_site)
    rules = parse((site.output / "_headers").read_text("utf-8"))
    for path in site_files(site.output):
        urls = [f"/{path}"] + (
            [f"/{path[: -len('index.html')]}"] if path.endswith("index.html") else []
        )
        for url in urls:
            hits = [p for p, h in rules if any(n == "Content-Security-Policy" for n, _ in h)]
            found = headers_for(site.output, url)
            # No overlap: hosts disagree on how to merge two rules' values.
            assert "," not in found["Content-Security-Policy"], (url, hits)
            assert found["Cache-Control"].count("max-age") == 1, url
            assert found["X-Content-Type-Options"] == "nosniff"
            embed = path.startswith("embed/")
            assert ("frame-ancestors *" in found["Content-Security-Policy"]) == embed, url
            assert ("X-Frame-Options" in found) != embed, url


def test_fingerprinted_files_are_immutable_and_pages_revalidate(make_site) -> None:
    site = built(make_site)
    files = site_files(site.output)
    derivative = next(
        f for f in files if f.startswith("media/images/pain-") and f.endswith(".webp")
    )
    card = next(f for f in files if f.startswith("social/"))
    for path in (derivative, card):
        assert "immutable" in headers_for(site.output, f"/{path}")["Cache-Control"]
    assert (
        headers_for(site.output, "/theme/css/site.css")["Cache-Control"] == "public, max-age=3600"
    )
    page = headers_for(site.output, "/histoires/une-nuit-au-fournil/")
    assert page["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert headers_for(site.output, "/")["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_policy_is_strict(make_site) -> None:
    policy = headers_for(built(make_site).output, "/")["Content-Security-Policy"]
    directives = dict(d.split(" ", 1) for d in policy.split("; ") if " " in d)
    assert directives["script-src"] == "'self'"
    assert "unsafe" not in directives["default-src"] + directives["script-src"]
    assert directives["frame-src"] == (
        "'self' https://www.youtube-nocookie.com https://player.vimeo.com"
    )
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"
    assert policy.endswith("upgrade-insecure-requests")


def test_preview_builds_do_not_upgrade_requests(make_site) -> None:
    site = built(make_site, "")
    assert "upgrade-insecure" not in (site.output / "_headers").read_text("utf-8")
    assert "upgrade-insecure" not in (site.output / ".htaccess").read_text("utf-8")


def test_csp_extra_is_checked(make_site) -> None:
    bad = (
        '{"script-src": ["https://x.example; script-src *"]}',
        '{"img-src": ["http://images.example.com"]}',
        '{"img-src": ["\'unsafe-inline\'"]}',
        '{"frame-ancestors": ["https://x.example"]}',
        '{"img-src": "https://images.example.com"}',
        '["https://images.example.com"]',
    )
    for value in bad:
        site = make_site(FILES, PROD + f"CSP_EXTRA = {value}\n")
        result = site.build()
        assert not result.ok, value
        assert any("CSP_EXTRA" in m for m in site.messages(result)), value


def test_photos_beside_a_logo_stay_one_rule(make_site) -> None:
    """Cloudflare Pages reads at most 100 rules: 40 photos next to an SVG
    logo in content/images/ must not need one rule per web version."""
    site = make_site(FILES, PROD)
    images = site.root / "content/images"
    images.mkdir(parents=True, exist_ok=True)
    (images / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    Image.new("RGB", (1200, 800), "tan").save(images / "pain.jpg")
    body = ""
    for number in range(40):
        Image.new("RGB", (900, 600), (number * 6, 90, 60)).save(images / f"p{number}.jpg")
        body += f"![Photo {number}](images/p{number}.jpg)\n\n"
    site.write({"content/pages/photos.md": f"Title: Photos\n\n{body}"})
    result = site.build()
    assert result.ok, site.messages(result)
    rules = [pattern for pattern, _ in parse((site.output / "_headers").read_text("utf-8"))]
    assert len([f for f in site_files(site.output) if f.startswith("media/")]) > 100
    assert "/media/*" in rules
    assert not any(rule.startswith("/media/") and rule != "/media/*" for rule in rules)
    assert len(rules) < 30, rules


def test_only_the_search_pages_may_compile_webassembly(example_output: Path) -> None:
    """Every page of the example, its policy read from _headers: Pagefind's
    WebAssembly is allowed on the search pages (and Pagefind's own files,
    for its worker), nowhere else."""
    search = {"recherche/index.html", "en/search/index.html"}
    pages = [p for p in site_files(example_output) if p.endswith(".html")]
    assert search <= set(pages) and len(pages) > 30
    for path in pages:
        url = "/" + path.removesuffix("index.html")
        policy = headers_for(example_output, url)["Content-Security-Policy"]
        scripts = dict(d.split(" ", 1) for d in policy.split("; ") if " " in d)["script-src"]
        expected = "'self' 'wasm-unsafe-eval'" if path in search else "'self'"
        assert scripts == expected, url
    worker = headers_for(example_output, "/pagefind/pagefind-worker.js")
    assert "'wasm-unsafe-eval'" in worker["Content-Security-Policy"]


def test_apache_gets_the_same_exception(example_output: Path) -> None:
    htaccess = (example_output / ".htaccess").read_text("utf-8")
    rule = '<If "%{REQUEST_URI} =~ m#^/(recherche/|en/search/|pagefind/)#">'
    assert rule in htaccess
    after = htaccess.split(rule, 1)[1].split("</If>", 1)[0]
    assert "script-src 'self' 'wasm-unsafe-eval';" in after
    before = htaccess.split(rule, 1)[0]
    assert "wasm-unsafe-eval" not in before
