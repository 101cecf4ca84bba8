"""``invoke digest``: the letter that brings new stories to the readers'
inboxes. It owns what goes in (content.py, from the site built as
published), who gets it (recipients.py, abonnes.csv), how it looks
(letter.py, theme/templates/digest/), the mail (message.py, mailer.py) and
the ledger that makes it never twice (ledger.py); run.py ties them.
It never writes to output/ and takes the password from the environment.
"""
