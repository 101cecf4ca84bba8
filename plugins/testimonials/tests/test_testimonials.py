"""Testimonials: consent first, a wall, and the stories they belong to."""

STORY = """
Title: Le levain
Date: 2025-03-01 08:00
Testimonials: anne

Texte.
"""


def quote(name: str, extra: str = "", date: str = "2025-04-01 10:00") -> str:
    return f"Name: {name}\nDate: {date}\nConsent: 2025-04-02\n{extra}\nSes mots à elle.\n"


def test_wall_lists_published_testimonials_newest_first(make_site) -> None:
    site = make_site(
        {
            "content/stories/le-levain.md": STORY,
            "content/testimonials/anne.md": quote("Anne B.", "Rating: 4\nRole: cliente"),
            "content/testimonials/bruno.md": quote("Bruno", date="2025-05-01 10:00"),
            "content/testimonials/futur.md": quote("Futur", date="2999-01-01 10:00"),
            "content/testimonials/brouillon.md": quote("Brouillon", "Status: draft"),
        }
    )
    result = site.build()
    assert result.ok, site.messages(result)
    wall = site.page("temoignages/index.html")
    assert wall.index('id="t-bruno"') < wall.index('id="t-anne"')
    assert "Noté 4 sur 5" in wall and "cliente" in wall
    assert "Futur" not in wall and "Brouillon" not in wall
    story = site.page("histoires/le-levain/index.html")
    assert 'id="t-anne"' in story and "Bruno" not in story


def test_about_attaches_to_the_story_and_links_back(make_site) -> None:
    site = make_site(
        {
            "content/stories/le-levain.md": STORY.replace("Testimonials: anne\n", ""),
            "content/testimonials/anne.md": quote("Anne", "About: le-levain"),
        }
    )
    assert site.build().ok
    assert 'id="t-anne"' in site.page("histoires/le-levain/index.html")
    assert 'href="/histoires/le-levain/"' in site.page("temoignages/index.html")


def test_naming_a_draft_testimonial_is_fine_but_it_does_not_show(make_site) -> None:
    site = make_site(
        {
            "content/stories/le-levain.md": STORY,
            "content/testimonials/anne.md": quote("Anne", "Status: draft"),
        }
    )
    assert site.build().ok
    assert 'id="t-anne"' not in site.page("histoires/le-levain/index.html")


def test_about_naming_nothing_is_an_error_with_its_line(make_site) -> None:
    site = make_site({"content/testimonials/anne.md": quote("Anne", "About: inconnu")})
    result = site.build()
    assert not result.ok
    assert site.messages(result) == [
        "content/testimonials/anne.md:4: about — Rien sur le site ne s’appelle"
        " «\u202finconnu\u202f»\u00a0: écrivez le Slug d’une histoire ou d’un tutoriel."
    ]


def test_about_points_at_the_original_not_its_translation(make_site) -> None:
    site = make_site(
        {
            "content/stories/le-levain.md": STORY.replace("Testimonials: anne\n", ""),
            "content/stories/le-levain-en.md": (
                "Title: Sourdough\nDate: 2025-03-01 08:00\nSlug: le-levain\nLang: en\n"
                "Translation: true\n\nText.\n"
            ),
            "content/testimonials/anne.md": quote("Anne", "About: le-levain"),
        }
    )
    assert site.build().ok
    wall = site.page("temoignages/index.html")
    assert 'href="/histoires/le-levain/"' in wall and "/en/" not in wall
    assert 'id="t-anne"' in site.page("histoires/le-levain/index.html")


def test_consent_dated_later_is_not_consent_yet(make_site) -> None:
    site = make_site(
        {
            "content/testimonials/anne.md": quote("Anne").replace(
                "Consent: 2025-04-02", "Consent: 2999-01-01"
            ),
        }
    )
    assert site.build().ok
    assert "Anne" not in site.page("temoignages/index.html")


def test_testimonials_are_named_by_slug_whatever_the_case(make_site) -> None:
    site = make_site(
        {
            "content/stories/le-levain.md": STORY.replace(
                "Testimonials: anne", "Testimonials: Anne-B"
            ),
            "content/testimonials/Anne-B.md": quote("Anne B."),
        }
    )
    result = site.build()
    assert result.ok, site.messages(result)
    assert 'id="t-anne-b"' in site.page("histoires/le-levain/index.html")
