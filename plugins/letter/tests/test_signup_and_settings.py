"""The letter on the site's side: DIGEST checked at start-up with messages
naming the key, and the subscribe page's "Receive the letter" block (a mail
to the owner, or a form posting to the owner's list manager, which the
Content-Security-Policy then allows, and nothing else)."""

from __future__ import annotations

import pytest

PROD = 'SITEURL = "https://b.example"\n'
BUSINESS = (
    'BUSINESS = {"name": "Le Fournil", "type": "Bakery", "description": "Essai.",'
    ' "email": "bonjour@b.example", "opening_hours": "lun-ven 7:00-19:00"}\n'
)
STORY = {"content/stories/un.md": "Title: Un\nDate: 2025-03-01\n\nTexte.\n"}


def built(make_site, settings: str):
    site = make_site(STORY, settings=PROD + BUSINESS + settings)
    result = site.build()
    assert result.ok, site.messages(result)
    return site


def test_without_digest_no_block(make_site) -> None:
    page = built(make_site, "").page("s-abonner/index.html")
    assert "c-letter" not in page


def test_by_default_the_block_is_a_mail_to_the_owner(make_site) -> None:
    site = built(make_site, 'DIGEST = {"smtp": "smtp://lettre@smtp.b.example:587"}\n')
    page = site.page("s-abonner/index.html")
    assert '<h2 id="c-letter">Recevoir la lettre</h2>' in page
    assert (
        'href="mailto:bonjour@b.example?subject=Merci%20de%20m%E2%80%99envoyer%20votre%20lettre"'
        in page
    )
    # No signup form (the header's search form is the only one).
    assert '<form class="letter__form"' not in page and page.count("<form") == 1
    assert "form-action 'self';" in (site.output / "_headers").read_text(encoding="utf-8")


def test_a_signup_url_gives_a_form_and_the_policy_allows_only_it(make_site) -> None:
    site = built(
        make_site,
        'DIGEST = {"smtp": "smtp://s.b.example", "signup_url": "https://liste.b.example/subscription/form"}\n',
    )
    page = site.page("s-abonner/index.html")
    assert (
        '<form class="letter__form" action="https://liste.b.example/subscription/form" method="post">'
        in page
    )
    assert '<input id="c-letter-email" class="feed-address__text" type="email" name="email"' in page
    assert "<script" not in page.split('id="c-letter"', 1)[1].split("</section>", 1)[0]
    headers = (site.output / "_headers").read_text(encoding="utf-8")
    assert "form-action 'self' https://liste.b.example;" in headers


@pytest.mark.parametrize(
    ("digest", "message"),
    [
        ("[]", "Écrivez un dictionnaire"),
        (
            '{"smtp": "smtp://a:secret@s.b.example"}',
            "«\u202fsmtp\u202f»\u00a0: pas de mot de passe ici",
        ),
        ('{"password": "x"}', "«\u202fpassword\u202f» ne doit pas être écrit ici"),
        (
            '{"smtp": "http://s.b.example"}',
            "«\u202fsmtp\u202f»\u00a0: écrivez l’adresse du serveur",
        ),
        ('{"from": "pas une adresse"}', "«\u202ffrom\u202f»\u00a0: écrivez une adresse e-mail"),
        ('{"rate": 0}', "«\u202frate\u202f»\u00a0: écrivez combien de messages par minute"),
        ('{"max_items": 100}', "«\u202fmax_items\u202f»\u00a0: écrivez combien d’articles"),
        (
            '{"signup_url": "http://x.example"}',
            "«\u202fsignup_url\u202f»\u00a0: écrivez une adresse https://",
        ),
        ('{"sujet": "x"}', "Clé inconnue\u00a0: «\u202fsujet\u202f»"),
    ],
)
def test_digest_is_checked_with_a_message_naming_the_key(
    make_site, digest: str, message: str
) -> None:
    site = make_site(STORY, settings=PROD + BUSINESS + f"DIGEST = {digest}\n")
    result = site.build()
    assert not result.ok
    [(key, said)] = [(p.key, p.message) for p in result.errors]
    assert key == "DIGEST" and said.startswith(message), said
