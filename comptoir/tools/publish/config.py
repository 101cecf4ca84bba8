"""``PUBLISH`` in publishconf.py: where the site goes, checked at start-up.

Each target takes its own keys; a password, secret or key never goes here
(the file is under version control): SSH uses the agent or ~/.ssh, FTP a
``.netrc`` of mode 0600 or environment variables, S3 environment variables.
"""

from __future__ import annotations

from typing import Any

from comptoir.core.i18n import N_
from comptoir.core.settings import Setting

TARGETS = {
    # target: (required keys, optional keys)
    "rsync": (("host", "path"), ("user", "port", "mode", "keep", "ssh_config", "logs")),
    "sftp": (("host", "path"), ("user", "port", "ssh_config", "logs")),
    "ftps": (("host", "path"), ("user", "port", "plain_ftp", "cafile")),
    "s3": (("bucket",), ("endpoint", "region", "prefix", "logs")),
    "gh-pages": (("remote",), ("branch", "cname")),
}
SECRET_WORDS = ("password", "passwd", "secret", "token", "private_key", "access_key")
RSYNC_MODES = ("releases", "plain")


def check_publish(value: Any, _: dict[str, Any]) -> str | tuple[str, dict[str, Any]] | None:
    """The check of ``PUBLISH`` (None: no target yet, refused by publish only)."""
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("target") not in TARGETS:
        return N_(
            'Write a dict whose "target" is one of %(targets)s, like {"target": "rsync", '
            '"host": "ssh.example.fr", "path": "/srv/www/site"}.'
        ), {"targets": ", ".join(TARGETS)}
    for name in value:
        if any(word in name.lower() for word in SECRET_WORDS):
            return N_(
                "“%(key)s” must not be written here (this file is shared with the code): "
                "put it in an environment variable or in ~/.netrc, as the README says."
            ), {"key": name}
    required, optional = TARGETS[value["target"]]
    missing = [key for key in required if not value.get(key)]
    if missing:
        return N_("Add %(keys)s for the target %(target)s."), {
            "keys": ", ".join(f'"{key}"' for key in missing),
            "target": value["target"],
        }
    unknown = [key for key in value if key != "target" and key not in (*required, *optional)]
    if unknown:
        return N_("The target %(target)s does not take %(keys)s: it takes %(known)s."), {
            "target": value["target"],
            "keys": ", ".join(f'"{key}"' for key in unknown),
            "known": ", ".join(f'"{key}"' for key in (*required, *optional)),
        }
    path = str(value.get("path", "site")).strip().rstrip("/")
    if path in ("", "~", ".") or ".." in path.split("/"):
        # Publishing replaces what is in the folder: never a home or a root.
        return N_(
            '"path" must name the site\'s own folder on the server, like "/srv/www/site" '
            '(not "/", "~" or a path with "..").'
        )
    if value.get("mode", "releases") not in RSYNC_MODES:
        return N_('Write "releases" (the default) or "plain" for "mode".')
    for key in ("port", "keep"):
        if key in value and (not isinstance(value[key], int) or value[key] < 1):
            return N_("“%(key)s” must be a whole number above 0."), {"key": key}
    if not isinstance(value.get("plain_ftp", False), bool):
        return N_('Write True or False for "plain_ftp" (False, the default, keeps FTPS).')
    if "logs" in value and (not isinstance(value["logs"], str) or not value["logs"].strip()):
        # Where `invoke stats --fetch` finds the server's access logs.
        return N_(
            '"logs" names the access logs on the server, like "/var/log/nginx/access.log*" '
            '(for S3: "s3://my-logs-bucket/site/").'
        )
    if not isinstance(value.get("cafile", ""), str):
        return N_('"cafile" is the path of a certificate file, like "~/hebergeur.pem".')
    return None


def check_share(value: Any, _: dict[str, Any]) -> str | None:
    """``PUBLISH_MAX_DELETE``: the share of live pages a publish may delete."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1:
        return None
    return N_("Write a share between 0 and 1, like 0.25 (a quarter of the pages).")


SETTINGS = (
    Setting("PUBLISH", None, "Where `invoke publish` puts the site (see README).", check_publish),
    Setting(
        "PUBLISH_MAX_DELETE",
        0.25,
        "The share of live pages a publish may delete without --force.",
        check_share,
    ),
)
