"""Site icons and web manifest, drawn from the brand's mark."""

import json

from PIL import Image

ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<circle cx="5" cy="5" r="4" fill="#8a3b12"/></svg>'
)


def test_icons_and_manifest_are_made_once(make_site) -> None:
    site = make_site(
        {"content/images/mark.svg": ICON},
        settings='BRAND = {"primary": "#8a3b12", "on_primary": "#ffffff",'
        ' "background": "#fffaf3", "text": "#2b1d14", "icon": "images/mark.svg"}\n',
    )
    result = site.build()
    assert result.ok, site.messages(result)
    with Image.open(site.output / "favicon.ico") as ico:
        assert {size for size in ico.info["sizes"]} == {(16, 16), (32, 32), (48, 48)}
    for name, size in (("icon-192.png", 192), ("icon-512.png", 512), ("apple-touch-icon.png", 180)):
        with Image.open(site.output / name) as image:
            assert image.size == (size, size)
    with Image.open(site.output / "apple-touch-icon.png") as touch:
        assert touch.mode == "RGB" and touch.getpixel((1, 1)) == (255, 250, 243)
    manifest = json.loads((site.output / "site.webmanifest").read_text())
    assert manifest["theme_color"] == "#8a3b12"
    assert [icon["sizes"] for icon in manifest["icons"]] == ["192x192", "512x512"]
    home = site.page("index.html")
    assert '<link rel="manifest" href="/site.webmanifest">' in home
    assert '<link rel="apple-touch-icon" href="/apple-touch-icon.png">' in home

    cached = sorted((site.root / "cache/comptoir-images").glob("icons-*/*"))
    stamps = [p.stat().st_mtime_ns for p in cached]
    assert site.build().ok
    assert [p.stat().st_mtime_ns for p in cached] == stamps
