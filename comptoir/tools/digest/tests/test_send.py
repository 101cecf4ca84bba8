"""``invoke digest --send`` against a real SMTP server on loopback (aiosmtpd):
what a recipient receives, and never twice, nothing lost."""

from __future__ import annotations

import datetime as dt
import json
import re
from email.message import EmailMessage
from pathlib import Path

import pytest
from babel.dates import format_date

from comptoir.tools.digest.content import DigestError
from comptoir.tools.digest.ledger import LedgerError, locked
from comptoir.tools.digest.recipients import SubscribersError
from comptoir.tools.digest.run import preview, send_digest

from .smtp_server import Server

SETTINGS = """
SITEURL = "https://b.example"
BUSINESS = {"name": "Le Fournil", "type": "Bakery", "description": "Essai.",
            "email": "bonjour@b.example", "opening_hours": "lun-ven 7:00-19:00",
            "address": {"street": "3 rue du Four", "postal_code": "69001", "city": "Lyon",
                        "country": "FR"}}
DIGEST = {"smtp": "smtp://smtp.b.example:587"}
"""
STORIES = {
    "content/stories/croissants.md": "Title: Les croissants du dimanche\nDate: 2026-11-02 08:00\n"
    "Summary: Beurre & «\u202ffeuilletage\u202f».\n\nTexte.\n",
    "content/stories/levain.md": "Title: Le levain de Rémi\nDate: 2026-11-20 08:00\n\nTexte.\n",
    "content/tutorials/miche.md": "Title: Une miche\nDate: 2026-11-25 08:00\n\n1. Pétrir.\n",
}
HEADER = "email,nom,langue,consentement,desinscrit\n"
ROWS = [
    "ana@example.org,Ana,fr,2026-01-05,",
    "bob@example.org,Bob,,2026-02-01,",
    "chloe@example.org,Chloé Ä,fr,2026-03-01,",
]


def no_wait(_: float) -> None:
    """The rate's pause, skipped (the tests set no rate anyway)."""


@pytest.fixture
def site(make_site):
    made = make_site(STORIES, settings=SETTINGS)
    made.write({"abonnes.csv": HEADER + "\n".join(ROWS) + "\n"})
    return made


def send(site, smtp: Server, **environ: str):
    return send_digest(site.settings, {"COMPTOIR_SMTP_URL": smtp.url, **environ}, no_wait)


def html_of(message: EmailMessage) -> str:
    return message.get_body(("html",)).get_content()


def ledger(site) -> dict:
    return json.loads((site.root / ".comptoir" / "digest.json").read_text(encoding="utf-8"))


def test_each_recipient_gets_one_letter_with_both_parts_and_list_headers(site) -> None:
    with Server() as smtp:
        done = send(site, smtp)
    assert done.ok, done.lines
    assert sorted(smtp.inbox.to()) == ["ana@example.org", "bob@example.org", "chloe@example.org"]
    month = format_date(dt.date.today(), "MMMM y", locale="fr")
    ids = set()
    for _, message in smtp.inbox.received:
        assert message.get_content_type() == "multipart/alternative"
        assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
        assert str(message["Subject"]) == f"Test — les nouvelles, {month}"
        assert (
            message["List-Unsubscribe"] == "<mailto:bonjour@b.example?subject=D%C3%A9sinscription>"
        )
        assert message["List-Id"] == "Test <lettre.b.example>"
        assert message["Reply-To"] == "bonjour@b.example"
        ids.add(message["Message-ID"])
        html = html_of(message)
        links = re.findall(r'(?:href|src)="([^"]*)"', html)
        assert links and all(link.startswith(("https://", "mailto:")) for link in links), links
        assert "https://b.example/tutoriels/miche/?utm_source=lettre&amp;utm_medium=email" in html
        text = message.get_body(("plain",)).get_content()
        assert "Les croissants du dimanche" in text and "utm_source=lettre" in text
        assert "3 rue du Four" in html
    assert len(ids) == 3
    assert str(smtp.inbox.received[2][1]["To"]) == "Chloé Ä <chloe@example.org>"


def test_a_second_send_right_after_sends_nothing_and_says_so(site) -> None:
    with Server() as smtp:
        assert send(site, smtp).ok
        again = send(site, smtp)
    assert len(smtp.inbox.received) == 3
    assert again.ok and "Rien de nouveau depuis la dernière lettre : rien n’a été envoyé." in [
        line.replace("\u00a0", " ").replace("\u202f", " ") for line in again.lines
    ]


def test_a_new_story_goes_alone_to_everyone(site) -> None:
    with Server() as smtp:
        assert send(site, smtp).ok
        site.write(
            {"content/stories/galette.md": "Title: La galette\nDate: 2026-11-28 08:00\n\nTexte.\n"}
        )
        assert send(site, smtp).ok
    second = smtp.inbox.received[3:]
    assert len(second) == 3
    for _, message in second:
        html = html_of(message)
        assert "La galette" in html and "Les croissants du dimanche" not in html


def test_a_dropped_connection_is_resumed_without_sending_twice(site) -> None:
    with Server() as smtp:
        smtp.inbox.drop_after = 1
        cut = send(site, smtp)
        assert not cut.ok and len(smtp.inbox.received) == 1
        assert any("invoke digest --send" in line for line in cut.lines)
        smtp.inbox.drop_after = None
        assert send(site, smtp).ok
        assert send(site, smtp).ok
    assert sorted(smtp.inbox.to()) == ["ana@example.org", "bob@example.org", "chloe@example.org"]
    editions = ledger(site)["editions"]
    assert len(editions) == 1 and editions[0]["finished"]


def test_a_4xx_is_tried_again_next_time_with_the_same_items(site) -> None:
    with Server() as smtp:
        smtp.inbox.defer_once["bob@example.org"] = "451 4.7.1 Greylisted, try later"
        first = send(site, smtp)
        assert not first.ok and "bob@example.org" not in smtp.inbox.to()
        assert any("451" in line for line in first.lines)
        # A story published in between waits for the next letter.
        site.write(
            {"content/stories/galette.md": "Title: La galette\nDate: 2026-11-28 08:00\n\nTexte.\n"}
        )
        assert send(site, smtp).ok
    assert sorted(smtp.inbox.to()) == ["ana@example.org", "bob@example.org", "chloe@example.org"]
    bob = [m for tos, m in smtp.inbox.received if tos == ["bob@example.org"]]
    assert len(bob) == 1 and "La galette" not in html_of(bob[0]) and "Une miche" in html_of(bob[0])


def test_a_5xx_is_recorded_reported_and_not_retried(site) -> None:
    with Server() as smtp:
        smtp.inbox.refuse["chloe@example.org"] = "550 5.1.1 No such user"
        first = send(site, smtp)
        assert any("chloe@example.org (550 5.1.1 No such user)" in line for line in first.lines)
        assert ledger(site)["recipients"]["chloe@example.org"]["refused"]["code"] == 550
        site.write(
            {"content/stories/galette.md": "Title: La galette\nDate: 2026-11-28 08:00\n\nTexte.\n"}
        )
        second = send(site, smtp)
    assert "chloe@example.org" not in smtp.inbox.to()
    assert any("ligne" in line and "4" in line for line in second.lines), second.lines


def test_unsubscribed_no_consent_and_duplicates_are_never_mailed(site) -> None:
    site.write(
        {
            "abonnes.csv": HEADER
            + "ana@example.org,Ana,fr,2026-01-05,\n"
            + "bob@example.org,Bob,fr,,\n"
            + "chloe@example.org,Chloé,fr,2026-03-01,2026-10-01\n"
            + "ANA@example.org,Ana bis,fr,2026-01-06,\n"
        }
    )
    with Server() as smtp:
        done = send(site, smtp)
    assert smtp.inbox.to() == ["ana@example.org"]
    said = "\n".join(done.lines)
    assert "consentement" in said and "3" in said and "désinscrit" in said and "5" in said


def test_a_bad_line_stops_everything_and_names_it(site) -> None:
    site.write(
        {
            "abonnes.csv": HEADER
            + "ana@example.org,Ana,fr,2026-01-05,\nbob(at)example.org,Bob,fr,2026-01-05,\n"
        }
    )
    with Server() as smtp:
        with pytest.raises(SubscribersError) as caught:
            send(site, smtp)
        assert smtp.inbox.received == []
    message = caught.value.translated({"DEFAULT_LANG": "fr"})
    assert "abonnes.csv, ligne 3" in message and "bob(at)example.org" in message
    assert not (site.root / ".comptoir" / "digest.json").exists()


def test_wrong_credentials_change_nothing_and_name_the_variable(site, tmp_path: Path) -> None:
    with Server(login=("lettre", "le-bon")) as smtp:
        with pytest.raises(DigestError) as caught:
            send(site, smtp, COMPTOIR_SMTP_PASSWORD="le-mauvais")
        assert smtp.inbox.received == []
    message = caught.value.translated({"DEFAULT_LANG": "fr"})
    assert "COMPTOIR_SMTP_PASSWORD" in message and "lettre" in message
    assert not (site.root / ".comptoir" / "digest.json").exists()


def test_starttls_and_login_with_a_throwaway_certificate(site, tmp_path: Path, monkeypatch) -> None:
    from comptoir.tools.publish.tests.servers_ftp import self_signed_certificate

    certificate, key = self_signed_certificate(tmp_path)
    # The client trusts this certificate as a system CA would be trusted.
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
    with Server(tls=(certificate, key), login=("lettre", "le-bon")) as smtp:
        done = send(site, smtp, COMPTOIR_SMTP_PASSWORD="le-bon")
    assert done.ok and len(smtp.inbox.received) == 3


def test_a_second_send_at_once_refuses(site) -> None:
    with Server() as smtp, locked(site.root / ".comptoir"):
        with pytest.raises(LedgerError) as caught:
            send(site, smtp)
        assert smtp.inbox.received == []
    assert "invoke digest --send" in caught.value.translated({"DEFAULT_LANG": "fr"})


def test_preview_writes_the_letters_and_sends_and_records_nothing(site) -> None:
    with Server() as smtp:
        done, written = preview(
            site.settings, site.root / "digest", {"COMPTOIR_SMTP_URL": smtp.url}
        )
        assert smtp.inbox.received == []
    assert [p.name for p in written] == ["lettre-fr.html", "lettre-fr.txt"]
    assert "Une miche" in written[0].read_text(encoding="utf-8")
    assert not (site.root / ".comptoir" / "digest.json").exists()
    said = "\n".join(done.lines)
    assert "3 abonnés" in said and "Une miche" in said


def test_each_reader_gets_their_language_and_never_drafts_or_future_posts(make_site) -> None:
    site = make_site(
        {
            **STORIES,
            "content/stories/brouillon.md": "Title: Brouillon secret\nDate: 2026-11-26 08:00\n"
            "Status: draft\n\nTexte.\n",
            "content/stories/futur.md": "Title: Pas encore\nDate: 2099-01-01 08:00\n\nTexte.\n",
            "content/stories/levain-en.md": "Title: Remi's starter\nDate: 2026-11-20 08:00\n"
            "Slug: levain\nLang: en\nTranslation: true\n\nText.\n",
        },
        settings=SETTINGS,
    )
    other = site.root / "ailleurs.csv"
    other.write_text(
        HEADER + "ana@example.org,Ana,fr,2026-01-05,\ndan@example.org,Dan,en,2026-01-05,\n"
    )
    with Server() as smtp:
        # The CSV's path from the environment (a scheduled job keeps it elsewhere).
        done = send(site, smtp, COMPTOIR_DIGEST_SUBSCRIBERS=str(other))
    assert done.ok and sorted(smtp.inbox.to()) == ["ana@example.org", "dan@example.org"]
    letters = {tos[0]: message for tos, message in smtp.inbox.received}
    french, english = html_of(letters["ana@example.org"]), html_of(letters["dan@example.org"])
    assert "Le levain de Rémi" in french and "Remi's starter" not in french
    assert re.search(r"Remi(&#39;|&#x27;|’|')s starter", english), english
    assert "Le levain de Rémi" not in english and "Read more" in english
    assert str(letters["dan@example.org"]["Subject"]).startswith("News from Test — ")
    for html in (french, english):
        assert "Brouillon secret" not in html and "Pas encore" not in html


def test_without_a_subscribers_file_the_preview_says_how_and_send_refuses(site) -> None:
    (site.root / "abonnes.csv").unlink()
    done, written = preview(site.settings, site.root / "digest", {})
    assert done.lines[0].startswith(
        f"Il n’y a pas encore de fichier des abonnés ({site.root / 'abonnes.csv'})"
    )
    assert "email,nom,langue,consentement,desinscrit" in done.lines[0]
    assert [p.name for p in written] == ["lettre-fr.html", "lettre-fr.txt"]
    with Server() as smtp:
        with pytest.raises(DigestError) as caught:
            send(site, smtp)
        assert smtp.inbox.received == []
    assert "abonnes.csv" in caught.value.translated({"DEFAULT_LANG": "fr"})


def test_the_owner_writes_one_subject_per_language(make_site) -> None:
    subjects = 'DIGEST["subject"] = {"fr": "La gazette du {date}", "en": "Our news, {month}"}\n'
    site = make_site(STORIES, settings=SETTINGS + subjects)
    site.write({"abonnes.csv": HEADER + "ana@example.org,Ana,fr,2026-01-05,\n"})
    with Server() as smtp:
        assert send(site, smtp).ok
    day = format_date(dt.date.today(), "long", locale="fr")
    assert str(smtp.inbox.received[0][1]["Subject"]) == f"La gazette du {day}"


def test_an_https_unsubscribe_address_adds_one_click_per_rfc_8058(make_site) -> None:
    one_click = 'DIGEST["unsubscribe_url"] = "https://liste.b.example/stop?email={email}"\n'
    site = make_site(STORIES, settings=SETTINGS + one_click)
    site.write({"abonnes.csv": HEADER + "ana+pain@example.org,Ana,fr,2026-01-05,\n"})
    with Server() as smtp:
        assert send(site, smtp).ok
    message = smtp.inbox.received[0][1]
    assert message["List-Unsubscribe"] == (
        "<mailto:bonjour@b.example?subject=D%C3%A9sinscription>,"
        " <https://liste.b.example/stop?email=ana%2Bpain@example.org>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_cover_is_the_sharp_enough_jpeg_with_its_size_and_alt(make_site) -> None:
    from PIL import Image

    story = "Title: Le four\nDate: 2026-11-27 08:00\nImage: images/four.jpg\nImage_alt: Le four allumé\n\nTexte.\n"
    site = make_site({**STORIES, "content/stories/four.md": story}, settings=SETTINGS)
    (site.root / "content/images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (2000, 1000), "#b5651d").save(site.root / "content/images/four.jpg")
    site.write({"abonnes.csv": HEADER + "ana@example.org,Ana,fr,2026-01-05,\n"})
    with Server() as smtp:
        assert send(site, smtp).ok
    html = html_of(smtp.inbox.received[0][1])
    [image] = re.findall(r'<img[^>]*src="https://b\.example/media/images/four-[^"]*"[^>]*>', html)
    # Twice the 600 px column (1,200 of the widths built), in JPEG: no WebP in mail.
    assert re.search(r'src="https://b\.example/media/images/four-1200\.\w+\.jpg"', image), image
    assert 'alt="Le four allumé"' in image and "width=" in image and "height=" in image
