"""Settings are checked once at start-up, with messages naming the key."""

from comptoir.core.settings import Setting, SettingsError, apply


def test_defaults_fill_in_and_checks_run() -> None:
    declared = [
        Setting("A", 1, "a number", lambda v, _: None if isinstance(v, int) else "Write a number."),
        Setting("B", "x", "anything"),
    ]
    settings = {"A": "deux", "DEFAULT_LANG": "en"}
    assert apply(settings, declared) == [("A", "Write a number.")]
    assert settings["B"] == "x"


def test_settings_error_lists_every_problem() -> None:
    error = SettingsError([("A", "one"), ("B", "two")])
    assert str(error) == "A — one\nB — two"


def test_bad_brand_colour_stops_the_build_naming_the_key(make_site) -> None:
    site = make_site(
        settings='BRAND = {"primary": "rouge", "on_primary": "#fff",'
        ' "background": "#fff", "text": "#000"}\n'
    )
    (site.output).mkdir()
    (site.output / ".comptoir-output").write_text("")
    (site.output / "index.html").write_text("previous")
    result = site.build()
    assert site.messages(result) == [
        f"{site.written_at('BRAND')}: BRAND — BRAND['primary'] doit être une couleur écrite comme #8a3b12."
    ]
    assert (site.output / "index.html").read_text() == "previous"


def test_unreadable_opening_hours_say_which_part(make_site) -> None:
    site = make_site(
        settings='BUSINESS = {"name": "T", "type": "Bakery", "description": "d",'
        ' "opening_hours": "lun-ven 7:00-19:00; samedi matin"}\n'
    )
    result = site.build()
    assert len(result.errors) == 1
    assert result.errors[0].key == "BUSINESS"
    assert "samedi matin" in result.errors[0].message


def test_weak_contrast_is_a_warning_that_strict_builds_refuse(make_site) -> None:
    site = make_site(
        settings='BRAND = {"primary": "#f4c542", "on_primary": "#ffffff",'
        ' "background": "#ffffff", "text": "#222222"}\n'
    )
    assert site.build(strict=False).ok
    strict = site.build(strict=True)
    assert not strict.ok
    assert [p.severity for p in strict.problems] == ["warning", "warning"]
    assert "sous les 4,5:1" in strict.problems[0].message


def test_unknown_language_is_refused(make_site) -> None:
    result = make_site(settings='DEFAULT_LANG = "de"\n').build()
    assert [p.key for p in result.errors] == ["DEFAULT_LANG"]


def test_time_zone_pagination_and_business_shapes_are_checked(make_site) -> None:
    site = make_site(
        settings='TIMEZONE = "Europe/Pariss"\nDEFAULT_PAGINATION = "10"\n'
        'BUSINESS = {"name": "T", "type": "Bakery", "description": "d", "opening_hours": ["lun"]}\n'
    )
    result = site.build()
    assert {p.key: p.message for p in result.errors} == {
        "TIMEZONE": "«\u202fEurope/Pariss\u202f» n’est pas un fuseau horaire\u00a0: écrivez par"
        " exemple Europe/Paris.",
        "DEFAULT_PAGINATION": "Écrivez combien d’éléments une page de liste affiche (un nombre"
        " entier), ou False pour une seule page.",
        "BUSINESS": "BUSINESS['opening_hours'] doit s’écrire comme ceci\u00a0: "
        '"mar-ven 7:00-19:30; sam 7:00-13:00".',
    }
