"""Content types on small whole sites: addresses, lists, drafts, preview."""

from pathlib import Path


def story(title: str, day: int, extra: str = "") -> str:
    return (
        f"Title: {title}\nDate: 2025-03-{day:02d} 08:00\nTags: pain\n{extra}\nTexte de {title}.\n"
    )


FILES = {
    "content/stories/un.md": story("Un", 1),
    "content/stories/deux.md": story("Deux", 2),
    "content/stories/trois.md": story("Trois", 3),
    "content/stories/brouillon.md": story("Brouillon", 4, "Status: draft"),
    "content/stories/futur.md": story("Futur", 5).replace("2025-03-05", "2999-03-05"),
    "content/tutorials/levain.md": (
        "Title: Levain\nDate: 2025-03-01\nKind: howto\nDuration: 45 min\n\n1. Un\n2. Deux\n"
    ),
    "content/pages/a-propos.md": "Title: À propos\n\nNous.\n",
    "content/testimonials/anne.md": "Name: Anne\nDate: 2025-03-01\nConsent: 2025-03-01\n\nBon.\n",
}


def addresses(output: Path) -> str:
    files = sorted(str(p.relative_to(output)) for p in output.rglob("*.html"))
    return "\n".join(files) + "\n"


def test_addresses_in_french_are_stable(make_site, golden) -> None:
    site = make_site(FILES, settings="DEFAULT_PAGINATION = 2\n")
    result = site.build()
    assert result.ok, site.messages(result)
    # Old URLs must never change silently: this golden list is the contract.
    golden("addresses-fr.txt", addresses(site.output))
    second = site.page("histoires/page/2/index.html")
    assert "Un" in second and "page 2 sur 2" in second
    assert 'rel="next" href="/histoires/page/2/"' in site.page("histoires/index.html")


def test_addresses_of_an_english_site(make_site, golden) -> None:
    site = make_site(FILES, settings='DEFAULT_LANG = "en"\n')
    result = site.build()
    assert result.ok, site.messages(result)
    golden("addresses-en.txt", addresses(site.output))
    assert '<html lang="en">' in site.page("stories/un/index.html")
    assert "March 1, 2025" in site.page("stories/un/index.html")


def test_addresses_are_worked_out_once_per_build(make_site) -> None:
    """Pelican works a url out from its pattern at every access; the
    stories' and pages' are fixed once, as Pelican worked them out."""
    site = make_site(FILES)
    result = site.build()
    assert result.ok, site.messages(result)
    articles, pages = result.build.generators[0], result.build.generators[1]
    items = [*articles.articles, *articles.drafts, *pages.pages]
    assert {type(item).__name__ for item in items} == {"Article", "Page"}
    assert [p.override_url for p in pages.pages] == ["a-propos/"]
    for item in items:
        fixed = (item.override_url, item.override_save_as)
        del item.override_url, item.override_save_as
        assert fixed == (item.url, item.save_as)


def test_drafts_and_future_posts_stay_out_of_lists_and_tags(make_site) -> None:
    site = make_site(FILES)
    assert site.build().ok
    for page in ("index.html", "histoires/index.html", "etiquettes/pain/index.html"):
        html = site.page(page)
        assert "Brouillon" not in html and "Futur" not in html
    assert not list(site.output.rglob("*brouillon*")) and not list(site.output.rglob("*futur*"))


def test_preview_builds_drafts_marked_and_not_indexable(make_site) -> None:
    site = make_site(FILES)
    assert site.build(COMPTOIR_PREVIEW=True).ok
    draft = site.page("brouillons/brouillon/index.html")
    assert "Brouillon : non publié".replace(" :", "\u00a0:") in draft
    assert '<meta name="robots" content="noindex">' in draft
    listing = site.page("histoires/index.html")
    assert "Futur" in listing and "Pas encore publié" in listing
    future = site.page("histoires/futur/index.html")
    assert "Pas encore publié\u00a0: prévu le 5 mars 2999" in future


def test_page_slug_taken_by_a_list_is_refused(make_site) -> None:
    site = make_site({"content/pages/histoires.md": "Title: Histoires\n\nx\n"})
    result = site.build()
    assert site.messages(result) == [
        "content/pages/histoires.md: slug — L’adresse /histoires/ est utilisée par le site pour"
        " une liste\u00a0: donnez un autre Slug à cette page."
    ]


def test_missing_cover_image_is_named(make_site) -> None:
    site = make_site({"content/stories/un.md": story("Un", 1, "Image: images/absente.jpg")})
    result = site.build()
    assert site.messages(result) == [
        "content/stories/un.md:4: image — «\u202fimages/absente.jpg\u202f» n’existe pas\u00a0:"
        " vérifiez le nom du fichier dans content/images/."
    ]


def test_file_not_in_utf8_is_named(make_site) -> None:
    site = make_site()
    path = site.root / "content/stories/latin1.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("Title: Pâte\nDate: 2025-03-01\n\nÉté.\n".encode("latin-1"))
    result = site.build()
    assert len(result.errors) == 1
    assert result.errors[0].path == "content/stories/latin1.md"
    assert "UTF-8" in result.errors[0].message


def test_a_mistake_in_a_draft_is_told_but_does_not_stop_the_site(make_site) -> None:
    site = make_site(
        {
            "content/stories/un.md": story("Un", 1),
            "content/stories/wip.md": "Title: En cours\nDate: bientôt\nStatus: draft\n\nx\n",
        }
    )
    result = site.build(strict=True)
    assert result.ok
    assert [(p.path, p.key, p.severity) for p in result.problems] == [
        ("content/stories/wip.md", "date", "info")
    ]
    assert not (site.output / "histoires/wip").exists()


def test_svg_cover_has_its_size_and_cards_show_plain_summaries(make_site) -> None:
    site = make_site(
        {
            "content/images/plan.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200"/>',
            "content/stories/un.md": (
                "Title: Un\nDate: 2025-03-01\nImage: images/plan.svg\nImage_alt: Plan\n\n"
                "## Le levain\n\nTexte **gras**.\n"
            ),
        }
    )
    assert site.build().ok
    page = site.page("histoires/un/index.html")
    assert 'src="/images/plan.svg" width="300" height="200"' in page
    card = site.page("histoires/index.html").split('class="card"', 1)[1].split("</article>")[0]
    assert card.count("<h2") == 1  # the card's own title; none from the body
    assert "<strong>" not in card and "Texte gras." in card
